import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src/main/services/app-services'
import { createTestApp } from '../app-harness'
import { startFakeProvider, type FakeProvider } from '../fake-provider/server'
import { fakeProviderConfig } from './provider-config'

/** A conversation outlives the process: the real services, stopped and started again on the same data folder. */
let fake: FakeProvider
beforeAll(async () => {
  fake = await startFakeProvider()
})
afterAll(async () => {
  await fake.close()
})

type Dispatch = Awaited<ReturnType<typeof createTestApp>>['dispatch']
const value = async <T>(p: Promise<unknown>): Promise<T> => {
  const r = (await p) as { ok: boolean; value: T; error?: unknown }
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}

function finished(services: AppServices, requestId: string): Promise<any> {
  return new Promise((resolve) => {
    const stop = services.events.subscribe((name, payload: any) => {
      if (name === 'ai.event' && payload.requestId === requestId && (payload.type === 'done' || payload.type === 'error')) {
        stop()
        resolve(payload)
      }
    })
  })
}

async function askAndWait(services: AppServices, dispatch: Dispatch, input: Record<string, unknown>) {
  const requestId = `a_${Math.random().toString(36).slice(2, 14)}`
  const done = finished(services, requestId)
  const started = await value<{ requestId: string; conversationId: string }>(dispatch('ai.ask', { connectionId: 'sample', task: 'ask', noCache: true, requestId, ...input }))
  return { ...started, event: await done }
}

describe('conversations across a restart', () => {
  it('restores the turns from the store and sends them with the next question', async () => {
    const first = await createTestApp()
    const dataDir = first.dataDir
    try {
      await value(first.dispatch('ai.settings.update', { providers: [fakeProviderConfig(fake, 'local', 'openai-compatible', 'llama3')] }))
      fake.replies.push('```sql\nSELECT 42 AS answer;\n```')
      const asked = await askAndWait(first.services, first.dispatch, { question: 'What is the answer to everything?' })
      expect(asked.event.type).toBe('done')
      await first.services.close()

      const second = await createTestApp({ dataDir })
      try {
        const list = await value<{ id: string; title: string; turnCount: number }[]>(second.dispatch('ai.conversations.list', { connectionId: 'sample' }))
        expect(list).toMatchObject([{ id: asked.conversationId, title: 'What is the answer to everything?', turnCount: 1 }])
        const kept = await value<{ turns: { prompt: string; sql: string }[] }>(second.dispatch('ai.conversations.get', { id: asked.conversationId }))
        expect(kept.turns).toMatchObject([{ prompt: 'What is the answer to everything?', sql: 'SELECT 42 AS answer;' }])

        fake.replies.push('ok')
        const before = fake.requests.length
        const followUp = await askAndWait(second.services, second.dispatch, { question: 'Why?', conversationId: asked.conversationId })
        expect(followUp.event.type).toBe('done')
        const messages = fake.requests.slice(before).find((r) => r.path.endsWith('/chat/completions'))!.body.messages as { role: string; content: string }[]
        expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user'])
        expect(messages[2].content).toContain('SELECT 42 AS answer;')
      } finally {
        await second.services.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
