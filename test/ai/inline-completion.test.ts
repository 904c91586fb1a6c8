import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAiHandlers } from '../../src/main/services/ai/ai-handlers'
import { createCompleteHandlers } from '../../src/main/services/ai/complete/complete-handlers'
import type { AiDeps } from '../../src/main/services/ai/deps'
import { FileSecretBox } from '../../src/main/services/connections/secret-box'
import { analyseSql } from '../../src/main/services/statements'
import { openLocalStore, type LocalStore } from '../../src/main/services/store/local-store'
import type { AiProviderConfig } from '../../src/shared/contract/ai'
import type { SchemaModel } from '../../src/shared/schema-model'
import { startFakeProvider, type FakeProvider } from '../fake-provider/server'
import { RecordingSink } from './helpers'
import { fakeProviderConfig } from './provider-config'

/**
 * Inline completion against the fake provider on 127.0.0.1 through the real SDKs: off until turned on, a local
 * provider by default, the connection's privacy applied to what the provider receives, the reply cleaned to the text
 * that continues at the cursor, and a newer request or a cancel aborting the provider call.
 */
let fake: FakeProvider
let dir: string
let store: LocalStore
let ai: ReturnType<typeof createAiHandlers>
let complete: ReturnType<typeof createCompleteHandlers>
let sampled: string[]

const SECRET = 'ada@example.com'
const LOCAL = 'ollama'
const REMOTE = 'openai'

const cols = (names: string[]) => names.map((n) => ({ name: n, type: 'text', nullable: true }))
const schema: SchemaModel = {
  dialect: 'postgres', database: 'shop', defaultSchema: 'public', schemas: ['public'], fingerprint: 'shop-1', introspectedAt: new Date().toISOString(), routines: [], sequences: [], enums: [], domains: [],
  tables: [
    { schema: 'public', name: 'customers', kind: 'table', columns: cols(['id', 'name', 'email']), primaryKey: { columns: ['id'] }, foreignKeys: [], indexes: [], constraints: [], triggers: [] },
    { schema: 'public', name: 'orders', kind: 'table', columns: cols(['id', 'customer_id', 'total']), primaryKey: { columns: ['id'] }, foreignKeys: [], indexes: [], constraints: [], triggers: [] }
  ]
}

const provider = (id: string, kind: AiProviderConfig['kind'], model: string): AiProviderConfig => fakeProviderConfig(fake, id, kind, model)
const chats = (from: number) => fake.requests.slice(from).filter((r) => /chat\/completions$|messages$|GenerateContent$/.test(r.path))
let requestCount = 0
const input = (textBefore: string, textAfter = '', connectionId = 'shop') => ({ connectionId, requestId: `c_test${String(++requestCount).padStart(4, '0')}`, textBefore, textAfter })

beforeAll(async () => {
  fake = await startFakeProvider()
})
afterAll(async () => {
  await fake.close()
})

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qg-ai-complete-'))
  store = openLocalStore(join(dir, 'store.sqlite'))
  sampled = []
  const deps: AiDeps = {
    store,
    events: new RecordingSink(),
    secrets: FileSecretBox.open(join(dir, 'secret.key')),
    getSchema: async () => schema,
    connectionInfo: async () => ({ dialect: 'postgres', readOnly: false }),
    analyse: async (_id, sql) => analyseSql('postgres', sql),
    plan: async () => {
      throw new Error('a completion never plans')
    },
    runSql: async () => ({ runId: 'q_never' }),
    sampleValues: async (_id, table) => {
      sampled.push(table)
      return { email: [SECRET] }
    }
  }
  ai = createAiHandlers(deps)
  complete = createCompleteHandlers(deps)
  ai['ai.settings.update']({ providers: [provider(REMOTE, 'openai', 'gpt-4.1-mini'), provider(LOCAL, 'openai-compatible', 'qwen2.5-coder')] })
  ai['ai.setKey']({ providerId: REMOTE, key: 'sk-good-openai-7f3a9c1e5b2d4f60' })
  fake.replies.length = 0
})

afterEach(() => {
  expect(sampled).toEqual([]) // no level sends sample values with a completion
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('inline completion settings', () => {
  it('are off by default and pick the first local provider; while off a completion is refused and nothing is sent', async () => {
    const view = await complete['ai.complete.settings.get']({})
    expect(view).toMatchObject({ enabled: false, providerId: null, effective: { id: LOCAL, local: true } })
    expect(view.choices.map((c) => [c.id, c.local])).toEqual([
      [REMOTE, false],
      [LOCAL, true]
    ])
    const before = fake.requests.length
    await expect(complete['ai.complete'](input('SELECT * FROM '))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: /off/ })
    expect(fake.requests.length).toBe(before)
  })

  it('with no local provider, cannot be turned on until a remote one is chosen explicitly', async () => {
    ai['ai.settings.update']({ providers: [provider(REMOTE, 'openai', 'gpt-4.1-mini')] })
    expect((await complete['ai.complete.settings.get']({})).effective).toBeUndefined()
    expect(() => complete['ai.complete.settings.update']({ enabled: true })).toThrow(/choose one for inline completion explicitly/)
    expect(complete['ai.complete.settings.update']({ enabled: true, providerId: REMOTE })).toMatchObject({ enabled: true, effective: { id: REMOTE, local: false } })
    expect(() => complete['ai.complete.settings.update']({ providerId: 'nope' })).toThrow(/No enabled AI provider "nope"/)
  })
})

describe('ai.complete', () => {
  it('asks the local provider by default and returns only the text that continues at the cursor', async () => {
    complete['ai.complete.settings.update']({ enabled: true, maxTokens: 40 })
    fake.replies.push('Here is the completion:\n```sql\nSELECT * FROM orders WHERE total > 100;\n```\nThis keeps the big orders.')
    const before = fake.requests.length
    expect(await complete['ai.complete'](input('SELECT * FROM orders WHERE ', '\n'))).toEqual({ text: 'total > 100;' })
    const [sent] = chats(before)
    expect(sent.path).toBe('/ollama/v1/chat/completions')
    expect(sent.body.max_tokens).toBe(40)
    expect(sent.prompt).toContain('TABLE public.orders(id text, customer_id text, total text)')
    expect(sent.prompt).not.toContain('public.customers') // only the tables the text names
    expect(sent.prompt).toContain('SELECT * FROM orders WHERE <CURSOR>')
  })

  it('under "Shares nothing" never calls a remote provider, even one chosen for completion', async () => {
    ai['ai.privacy.set']({ connectionId: 'shop', privacy: 'none' })
    complete['ai.complete.settings.update']({ enabled: true, providerId: REMOTE })
    const before = fake.requests.length
    await expect(complete['ai.complete'](input(`SELECT * FROM customers WHERE email = '${SECRET}' AND `))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: /Shares nothing/ })
    expect(fake.requests.length).toBe(before)
    // the local provider may see everything: it stays on this machine
    complete['ai.complete.settings.update']({ providerId: null })
    fake.replies.push('name IS NOT NULL')
    expect(await complete['ai.complete'](input(`SELECT * FROM customers WHERE email = '${SECRET}' AND `))).toEqual({ text: 'name IS NOT NULL' })
    expect(chats(before).map((r) => r.path)).toEqual(['/ollama/v1/chat/completions'])
    expect(chats(before)[0].prompt).toContain(SECRET)
  })

  it('at "Shares the schema" masks string literals (and a literal being typed) before they reach a remote provider, and puts them back in the answer', async () => {
    complete['ai.complete.settings.update']({ enabled: true, providerId: REMOTE })
    fake.replies.push("name = '?1'")
    const before = fake.requests.length
    const text = `SELECT * FROM customers WHERE email = '${SECRET}' OR `
    expect(await complete['ai.complete'](input(text, " OR name = 'Ad"))).toEqual({ text: `name = '${SECRET}'` })
    fake.replies.push("'")
    await complete['ai.complete'](input(`${text}name = 'Linus Tor`, "' LIMIT 5"))
    const sent = chats(before)
    expect(sent.map((r) => r.path)).toEqual(['/openai/v1/chat/completions', '/openai/v1/chat/completions'])
    for (const r of sent) {
      expect(r.prompt).not.toContain(SECRET)
      expect(r.prompt).toContain("WHERE email = '?1' OR ")
      expect(r.prompt).toContain('TABLE public.customers(id text, name text, email text)')
    }
    expect(sent[1].prompt).not.toContain('Linus')
    expect(sent[1].prompt).toContain("name = '<CURSOR>' LIMIT 5")
  })

  it('at "schema + samples" sends the literals as written, still without sample values', async () => {
    ai['ai.privacy.set']({ connectionId: 'shop', privacy: 'schema+samples' })
    complete['ai.complete.settings.update']({ enabled: true, providerId: REMOTE })
    fake.replies.push('LIMIT 10')
    const before = fake.requests.length
    await complete['ai.complete'](input(`SELECT * FROM customers WHERE email = '${SECRET}' `))
    expect(chats(before)[0].prompt).toContain(`'${SECRET}'`)
  })

  it('aborts the provider call when cancelled, and when a newer request starts', async () => {
    ai['ai.settings.update']({ providers: [provider(LOCAL, 'openai-compatible', 'slow-coder')] })
    complete['ai.complete.settings.update']({ enabled: true })
    const long = Array.from({ length: 200 }, (_, i) => `c${i},`).join(' ')
    const aborted = fake.abortedStreams

    fake.replies.push(long)
    const first = input('SELECT ')
    let sent = chats(0).length
    const cancelled = complete['ai.complete'](first)
    await expect.poll(() => chats(0).length).toBe(++sent) // streaming
    complete['ai.complete.cancel']({ requestId: first.requestId })
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' })
    await expect.poll(() => fake.abortedStreams).toBe(aborted + 1)

    fake.replies.push(long, 'id FROM orders')
    const superseded = complete['ai.complete'](input('SELECT '))
    await expect.poll(() => chats(0).length).toBe(++sent)
    const newest = complete['ai.complete'](input('SELECT ', ''))
    await expect(superseded).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(await newest).toEqual({ text: 'id FROM orders' })
    await expect.poll(() => fake.abortedStreams).toBe(aborted + 2)
    const usage = store.db.prepare("select outcome from ai_usage where task = 'complete' order by id").all() as { outcome: string }[]
    expect(usage.map((u) => u.outcome)).toEqual(['cancelled', 'cancelled', 'ok'])
  })
})
