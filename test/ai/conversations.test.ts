import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAiHandlers } from '../../src/main/services/ai/ai-handlers'
import { AiService } from '../../src/main/services/ai/ai-service'
import { createConversationHandlers } from '../../src/main/services/ai/conversations/conversation-handlers'
import type { AiDeps } from '../../src/main/services/ai/deps'
import { FileSecretBox } from '../../src/main/services/connections/secret-box'
import { analyseSql } from '../../src/main/services/statements'
import { openLocalStore, type LocalStore } from '../../src/main/services/store/local-store'
import type { AiProviderConfig } from '../../src/shared/contract/ai'
import type { SchemaModel } from '../../src/shared/schema-model'
import { startFakeProvider, type FakeProvider } from '../fake-provider/server'
import { RecordingSink, schemaFromDataset } from './helpers'
import { fakeProviderConfig } from './provider-config'

/**
 * Conversations: the earlier turns travel with a follow-up (within the token budget, under the privacy level), the
 * turns are kept in the local store, and a conversation's scope pins tables into the prompt.
 */
const KEY_OPENAI = 'sk-good-openai-7f3a9c1e5b2d4f60'

let fake: FakeProvider
let dir: string
let store: LocalStore
let sink: RecordingSink
let service: AiService
let ai: ReturnType<typeof createAiHandlers>
let conversations: ReturnType<typeof createConversationHandlers>
const enterprise = schemaFromDataset('bench/datasets/enterprise-1000.json')
const shop: SchemaModel = {
  dialect: 'sqlite', database: 'shop', defaultSchema: '', schemas: [''], fingerprint: 'shop-1', introspectedAt: new Date().toISOString(), routines: [], sequences: [], enums: [], domains: [],
  tables: [
    { schema: '', name: 'customers', kind: 'table', columns: ['id', 'name', 'email'].map((n) => ({ name: n, type: 'text', nullable: true })), primaryKey: { columns: ['id'] }, foreignKeys: [], indexes: [], constraints: [], triggers: [] },
    { schema: '', name: 'orders', kind: 'table', columns: ['id', 'customer_id', 'total', 'ordered_at'].map((n) => ({ name: n, type: 'text', nullable: true })), primaryKey: { columns: ['id'] }, foreignKeys: [{ name: 'fk', columns: ['customer_id'], refSchema: '', refTable: 'customers', refColumns: ['id'] }], indexes: [], constraints: [], triggers: [] }
  ]
}
const schemas = new Map([['big', enterprise], ['shop', shop]])

const provider = (extra: Partial<AiProviderConfig> = {}): AiProviderConfig => fakeProviderConfig(fake, 'openai', 'openai', 'gpt-4.1-mini', extra)
const chatRequests = (from: number) => fake.requests.slice(from).filter((r) => r.path.endsWith('/chat/completions'))

async function ask(input: Parameters<typeof ai['ai.ask']>[0], reply: string) {
  fake.replies.push(reply)
  const before = fake.requests.length
  const started = await ai['ai.ask']({ noCache: true, ...input })
  const done = await sink.waitFor(started.requestId, 'done')
  return { ...started, done, sent: chatRequests(before) }
}

beforeAll(async () => {
  fake = await startFakeProvider()
})
afterAll(async () => {
  await fake.close()
})

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qg-ai-conv-'))
  store = openLocalStore(join(dir, 'store.sqlite'))
  sink = new RecordingSink()
  const deps: AiDeps = {
    store,
    events: sink,
    secrets: FileSecretBox.open(join(dir, 'secret.key')),
    getSchema: async (id) => schemas.get(id)!,
    connectionInfo: async (id) => ({ dialect: schemas.get(id)!.dialect, readOnly: false }),
    analyse: async (id, sql) => analyseSql(schemas.get(id)!.dialect, sql),
    plan: async () => {
      throw new Error('not used')
    },
    runSql: async () => ({ runId: 'q_unused' })
  }
  service = new AiService(deps)
  ai = createAiHandlers(deps, service)
  conversations = createConversationHandlers(service.conversations)
  ai['ai.settings.update']({ providers: [provider()] })
  ai['ai.setKey']({ providerId: 'openai', key: KEY_OPENAI })
  fake.replies.length = 0
})

afterEach(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('multi-turn conversations', () => {
  it('starts a conversation, keeps the turn, and sends the first question and answer with the follow-up', async () => {
    const first = await ask({ connectionId: 'shop', task: 'ask', question: 'Which customers ordered the most?' }, 'Top customers:\n```sql\nSELECT c.name, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name;\n```')
    expect(first.conversationId).toMatch(/^c_/)
    expect(first.sent[0].body.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user'])

    const second = await ask({ connectionId: 'shop', task: 'ask', question: 'Only since January', conversationId: first.conversationId }, '```sql\nSELECT 1;\n```')
    expect(second.conversationId).toBe(first.conversationId)
    const messages = second.sent[0].body.messages as { role: string; content: string }[]
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user'])
    expect(messages[1].content).toBe('Question: Which customers ordered the most?')
    expect(messages[2].content).toBe(first.done.text)
    expect(messages[3].content).toContain('Question: Only since January')

    const kept = await conversations['ai.conversations.get']({ id: first.conversationId! })
    expect(kept.title).toBe('Which customers ordered the most?')
    expect(kept.turns.map((t) => [t.prompt, t.sql])).toEqual([
      ['Which customers ordered the most?', 'SELECT c.name, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name;'],
      ['Only since January', 'SELECT 1;']
    ])
    expect(kept.usage.inputTokens).toBe(first.done.usage.inputTokens + second.done.usage.inputTokens)
    const listed = await conversations['ai.conversations.list']({ connectionId: 'shop', query: 'january', limit: 100 })
    expect(listed.map((c) => c.id)).toEqual([first.conversationId])
  })

  it('previews the earlier turns exactly as they are then sent', async () => {
    const first = await ask({ connectionId: 'shop', task: 'ask', question: 'How many orders?' }, '```sql\nSELECT count(*) FROM orders;\n```')
    const input = { connectionId: 'shop', task: 'ask' as const, question: 'And per customer?', conversationId: first.conversationId, noCache: true }
    const preview = await ai['ai.previewPrompt'](input)
    expect(preview.history).toEqual({ included: 1, summarised: 0, dropped: 0 })
    expect(preview.leaves?.[0]).toMatch(/1 earlier turn of this conversation/)
    const second = await ask(input, '```sql\nSELECT 2;\n```')
    expect(second.sent[0].body.messages[0]).toEqual({ role: 'system', content: preview.system })
    expect(second.sent[0].body.messages.slice(1)).toEqual(preview.messages)
  })

  it('keeps a failed turn without sending it again', async () => {
    const first = await ask({ connectionId: 'shop', task: 'ask', question: 'How many orders?' }, '```sql\nSELECT count(*) FROM orders;\n```')
    ai['ai.settings.update']({ providers: [provider({ model: 'fail-500' })] })
    const failed = await ai['ai.ask']({ connectionId: 'shop', task: 'ask', question: 'This one fails', conversationId: first.conversationId, noCache: true })
    await sink.waitFor(failed.requestId, 'error')
    ai['ai.settings.update']({ providers: [provider()] })
    const third = await ask({ connectionId: 'shop', task: 'ask', question: 'Per customer', conversationId: first.conversationId }, 'ok')
    expect(third.sent[0].prompt).not.toContain('This one fails')
    const kept = await conversations['ai.conversations.get']({ id: first.conversationId! })
    expect(kept.turns.map((t) => [t.prompt, t.error?.code ?? null])).toEqual([
      ['How many orders?', null],
      ['This one fails', 'PROVIDER_ERROR'],
      ['Per customer', null]
    ])
  })

  it('sends the newest turns in full, older ones as one line, and drops the oldest when the budget is tiny', async () => {
    // 1,000-token context, 16 for the answer: about 180 tokens are left for earlier turns
    ai['ai.settings.update']({ providers: [provider({ contextTokens: 1_000, maxOutputTokens: 16 })] })
    const { id } = await conversations['ai.conversations.create']({ connectionId: 'shop' })
    for (let i = 1; i <= 12; i++)
      service.conversations.append(id, { requestId: `a_turn${i}xx`, task: 'ask', prompt: `question number ${i}`, answer: `answer ${i}: ${'words '.repeat(60)}`, sql: `SELECT ${i};` })
    const input = { connectionId: 'shop', task: 'ask' as const, question: 'next', conversationId: id, noCache: true }
    const preview = await ai['ai.previewPrompt'](input)
    expect(preview.history!.included).toBe(1)
    expect(preview.history!.summarised).toBeGreaterThan(0)
    expect(preview.history!.dropped).toBeGreaterThan(0)
    expect(preview.history!.included + preview.history!.summarised + preview.history!.dropped).toBe(12)
    expect(preview.messages.map((m) => m.content.slice(0, 20))).toEqual(['Question: question n', 'answer 12: words wor', expect.stringContaining('Question: next')])
    expect(preview.system).toMatch(/Earlier in this conversation[^]*question number 11 → SELECT 11;/)
    expect(preview.system).not.toMatch(/question number [1-3]\b/)

    const r = await ask(input, 'fine')
    expect(r.sent[0].prompt).not.toMatch(/question number [1-3]\b/)
    expect(r.sent[0].prompt).toContain('answer 12:')
    expect(sink.aiEvents(r.requestId).some((e) => e.type === 'status' && /left out to fit/.test(e.message))).toBe(true)
  })

  it('hides string literals of earlier turns below "schema + samples" and puts them back into the new SQL', async () => {
    const first = await ask({ connectionId: 'shop', task: 'ask', question: 'Orders of Ada' }, "```sql\nSELECT * FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = 'ada@example.com';\n```")
    const second = await ask({ connectionId: 'shop', task: 'ask', question: 'Only the total', conversationId: first.conversationId }, "```sql\nSELECT sum(o.total) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = '?1';\n```")
    expect(second.sent[0].prompt).not.toContain('ada@example.com')
    expect(second.sent[0].prompt).toContain("c.email = '?1'")
    expect(second.done.sql).toContain("c.email = 'ada@example.com'")

    ai['ai.privacy.set']({ connectionId: 'shop', privacy: 'schema+samples' })
    const third = await ask({ connectionId: 'shop', task: 'ask', question: 'And the count', conversationId: first.conversationId }, 'ok')
    expect(third.sent[0].prompt).toContain('ada@example.com')
  })

  it('refuses a conversation of another connection', async () => {
    const { id } = await conversations['ai.conversations.create']({ connectionId: 'big' })
    expect(() => ai['ai.ask']({ connectionId: 'shop', task: 'ask', question: 'x', conversationId: id })).toThrow(/another connection/)
  })
})

describe('conversation scope', () => {
  const question = 'Which customers placed an order last week?'

  it('always puts the pinned tables in the prompt', async () => {
    const { id } = await conversations['ai.conversations.create']({ connectionId: 'big' })
    const unpinned = await ai['ai.previewPrompt']({ connectionId: 'big', task: 'ask', question, conversationId: id })
    expect(unpinned.tables).not.toContain('hr.timesheets')
    await conversations['ai.conversations.setScope']({ id, scope: { schemas: [], tables: ['hr.timesheets', 'gone.table'] } })
    const preview = await ai['ai.previewPrompt']({ connectionId: 'big', task: 'ask', question, conversationId: id })
    expect(preview.pinned).toEqual(['hr.timesheets'])
    expect(preview.tables).toContain('hr.timesheets')
    expect(preview.tables).toEqual(expect.arrayContaining(['sales.customers', 'sales.orders']))
    const r = await ask({ connectionId: 'big', task: 'ask', question, conversationId: id }, 'ok')
    expect(r.sent[0].prompt).toContain('TABLE hr.timesheets')
  })

  it('ranks the tables of pinned schemas first', async () => {
    const { id } = await conversations['ai.conversations.create']({ connectionId: 'big' })
    const before = await ai['ai.previewPrompt']({ connectionId: 'big', task: 'ask', question, conversationId: id })
    const schemaOf = (k: string) => k.split('.')[0]
    const other = before.tables.map(schemaOf).find((s) => s !== schemaOf(before.tables[0]))!
    expect(other).toBeDefined()
    await conversations['ai.conversations.setScope']({ id, scope: { schemas: [other], tables: [] } })
    const after = await ai['ai.previewPrompt']({ connectionId: 'big', task: 'ask', question, conversationId: id })
    expect(schemaOf(after.tables[0])).toBe(other)
    const firstOutside = after.tables.findIndex((k) => schemaOf(k) !== other)
    expect(after.tables.slice(0, firstOutside).length).toBeGreaterThan(0)
  })
})
