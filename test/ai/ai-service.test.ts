import Database from 'better-sqlite3'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAiHandlers } from '../../src/main/services/ai/ai-handlers'
import { AiService } from '../../src/main/services/ai/ai-service'
import type { AiDeps } from '../../src/main/services/ai/deps'
import { FileSecretBox } from '../../src/main/services/connections/secret-box'
import { analyseSql } from '../../src/main/services/statements'
import { PlanService } from '../../src/main/services/plan/plan-service'
import { getDriver } from '../../src/main/services/engines'
import { openLocalStore, type LocalStore } from '../../src/main/services/store/local-store'
import type { AiProviderConfig } from '../../src/shared/contract/ai'
import type { SchemaModel } from '../../src/shared/schema-model'
import { startFakeProvider, type FakeProvider } from '../fake-provider/server'
import { RecordingSink, schemaFromDataset } from './helpers'
import { fakeProviderConfig } from './provider-config'

const KEY_OPENAI = 'sk-good-openai-7f3a9c1e5b2d4f60'
const KEY_ANTHROPIC = 'sk-good-anthropic-0d9e8c7b6a5f4e3d'
const KEY_GEMINI = 'sk-good-gemini-1a2b3c4d5e6f7a8b'

let fake: FakeProvider
let dir: string
let store: LocalStore
let sink: RecordingSink
let schemas: Map<string, SchemaModel>
let shop: Database.Database
let ranSql: string[]
let service: AiService
let handlers: ReturnType<typeof createAiHandlers>
const enterprise = schemaFromDataset('bench/datasets/enterprise-1000.json')

const provider = (id: string, kind: AiProviderConfig['kind'], model: string, extra: Partial<AiProviderConfig> = {}): AiProviderConfig =>
  fakeProviderConfig(fake, id, kind, model, extra)

beforeAll(async () => {
  fake = await startFakeProvider()
})
afterAll(async () => {
  await fake.close()
})

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qg-ai-'))
  store = openLocalStore(join(dir, 'store.sqlite'))
  sink = new RecordingSink()
  // A real SQLite database the generated SQL runs against.
  shop = new Database(join(dir, 'shop.db'))
  shop.exec(`create table customers (id integer primary key, name text, email text);
             create table orders (id integer primary key, customer_id integer references customers(id), total real, ordered_at text);
             insert into customers values (1, 'Ada', 'ada@example.com'), (2, 'Linus', 'linus@example.com');
             insert into orders values (10, 1, 99.5, '2026-01-02'), (11, 2, 12, '2026-01-03');`)
  const shopSchema: SchemaModel = {
    dialect: 'sqlite', database: 'shop', defaultSchema: '', schemas: [''], fingerprint: 'shop-1', introspectedAt: new Date().toISOString(), routines: [], sequences: [], enums: [], domains: [],
    tables: [
      { schema: '', name: 'customers', kind: 'table', columns: ['id', 'name', 'email'].map((n) => ({ name: n, type: 'text', nullable: true })), primaryKey: { columns: ['id'] }, foreignKeys: [], indexes: [], constraints: [], triggers: [] },
      { schema: '', name: 'orders', kind: 'table', columns: ['id', 'customer_id', 'total', 'ordered_at'].map((n) => ({ name: n, type: 'text', nullable: true })), primaryKey: { columns: ['id'] }, foreignKeys: [{ name: 'fk', columns: ['customer_id'], refSchema: '', refTable: 'customers', refColumns: ['id'] }], indexes: [], constraints: [], triggers: [] }
    ]
  }
  schemas = new Map([['big', enterprise], ['shop', shopSchema], ['shop-ro', shopSchema]])
  ranSql = []
  const deps: AiDeps = {
    store,
    events: sink,
    secrets: FileSecretBox.open(join(dir, 'secret.key')),
    getSchema: async (id) => {
      const s = schemas.get(id)
      if (!s) throw new Error('no such connection')
      return s
    },
    connectionInfo: async (id) => ({ dialect: schemas.get(id)!.dialect, readOnly: id === 'shop-ro' }),
    analyse: async (id, sql) => analyseSql(schemas.get(id)!.dialect, sql),
    // the real plan path (plan.explain's service) on a real SQLite session over the same file
    plan: (id, sql, analyze) =>
      new PlanService({
        session: () => getDriver('sqlite').connect({ dialect: 'sqlite', filePath: join(dir, 'shop.db'), readOnly: false, connectTimeoutMs: 5000 }),
        analyse: async (_id, text) => analyseSql('sqlite', text)
      }).explain({ connectionId: id, sql, analyze }),
    runSql: async (_id, sql) => {
      ranSql.push(sql)
      shop.exec(sql)
      return { runId: 'q_testrun1' }
    },
    sampleValues: async (id, table, n) => {
      const t = schemas.get(id)!.tables.find((x) => x.name === table.split('.').pop())!
      return Object.fromEntries(t.columns.map((c) => [c.name, (shop.prepare(`select distinct ${c.name} as v from ${t.name} where ${c.name} is not null limit ?`).all(n) as { v: unknown }[]).map((r) => String(r.v))]))
    },
    successfulQueries: async () => [
      'select c.name, count(*) from customers c join orders o on o.customer_id = c.id group by c.name',
      "select * from customers where email = 'ada@example.com'"
    ]
  }
  service = new AiService(deps)
  handlers = createAiHandlers(deps, service)
  handlers['ai.settings.update']({ providers: [provider('openai', 'openai', 'gpt-4.1-mini')] })
  handlers['ai.setKey']({ providerId: 'openai', key: KEY_OPENAI })
  fake.replies.length = 0
})

afterEach(() => {
  shop.close()
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('ai.ask', () => {
  it('puts the right tables of a 1,000-table schema in the prompt and streams the answer', async () => {
    fake.replies.push('```sql\nSELECT c.full_name FROM sales.customers c JOIN sales.orders o ON o.customer_id = c.customer_id WHERE o.ordered_at > now() - interval \'7 days\';\n```')
    const before = fake.requests.length
    const { requestId } = await handlers['ai.ask']({ connectionId: 'big', task: 'ask', question: 'Which customers placed an order last week?' })
    const done = await sink.waitFor(requestId, 'done')
    const sent = fake.requests.slice(before)
    expect(sent).toHaveLength(1)
    expect(sent[0].prompt).toContain('TABLE sales.customers')
    expect(sent[0].prompt).toContain('TABLE sales.orders')
    expect(sent[0].prompt).not.toContain('TABLE hr.timesheets')
    expect(sent[0].prompt).toMatch(/PostgreSQL/)
    const tokens = sink.aiEvents(requestId).filter((e) => e.type === 'token')
    expect(tokens.length).toBeGreaterThan(5)
    expect(tokens.map((t) => t.text).join('')).toBe(done.text)
    expect(done.sql).toMatch(/^SELECT c.full_name/)
    expect(done.check).toMatchObject({ parsed: true, classification: 'read', unknownColumns: [], unknownTables: [] })
    expect(done.usage.inputTokens).toBeGreaterThan(100)
    expect(done.usage.costUsd).toBeGreaterThan(0)
    // Indexing reported progress.
    expect(sink.sent.some((e) => e.name === 'ai.index.progress' && (e.payload as any).phase === 'done')).toBe(true)
  })

  it('previews exactly the prompt that is then sent', async () => {
    const input = { connectionId: 'big', task: 'ask' as const, question: 'Monthly recurring revenue by subscription plan', noCache: true }
    const preview = await handlers['ai.previewPrompt'](input)
    expect(preview.tables).toEqual(expect.arrayContaining(['billing.subscriptions', 'billing.plans']))
    expect(preview.remote).toBe(true)
    const before = fake.requests.length
    const { requestId } = await handlers['ai.ask'](input)
    await sink.waitFor(requestId, 'done')
    const body = fake.requests[before].body
    expect(body.messages[0]).toEqual({ role: 'system', content: preview.system })
    expect(body.messages.slice(1)).toEqual(preview.messages)
  })

  it('routes by task: a simple question to the local model, a multi-table one to the strongest, and says so', async () => {
    handlers['ai.settings.update']({ providers: [provider('strong', 'openai', 'gpt-4.1'), provider('cheap', 'gemini', 'gemini-2.0-flash'), provider('local', 'openai-compatible', 'llama3')] })
    handlers['ai.setKey']({ providerId: 'strong', key: KEY_OPENAI })
    handlers['ai.setKey']({ providerId: 'cheap', key: KEY_GEMINI })
    fake.replies.push('```sql\nSELECT name FROM customers;\n```')
    const simple = await handlers['ai.ask']({ connectionId: 'shop', task: 'ask', question: 'customer names' })
    expect((await sink.waitFor(simple.requestId, 'done')).providerId).toBe('local')
    expect(sink.aiEvents(simple.requestId).some((e) => e.type === 'status' && /simple task: local answers first/.test(e.message))).toBe(true)

    const preview = await handlers['ai.previewPrompt']({ connectionId: 'big', task: 'ask', question: 'revenue per product category and region of the customers last quarter' })
    expect(preview.tables.length).toBeGreaterThanOrEqual(3)
    expect(preview.providerId).toBe('strong')
    fake.replies.push('```sql\nSELECT 1;\n```')
    const complex = await handlers['ai.ask']({ connectionId: 'big', task: 'ask', question: 'revenue per product category and region of the customers last quarter' })
    expect((await sink.waitFor(complex.requestId, 'done')).providerId).toBe('strong')

    // A provider picked for the request answers it; Settings can name the provider per class.
    fake.replies.push('```sql\nSELECT 1;\n```')
    const picked = await handlers['ai.ask']({ connectionId: 'shop', task: 'ask', question: 'customer names', providerId: 'cheap' })
    expect((await sink.waitFor(picked.requestId, 'done')).providerId).toBe('cheap')
    handlers['ai.settings.update']({ routing: { enabled: true, simple: 'cheap', complex: 'auto' } })
    expect((await handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'explain', sql: 'SELECT 1' })).providerId).toBe('cheap')
  })

  it('proposes test-data generators from the schema of the tables named, outside any conversation', async () => {
    handlers['ai.settings.update']({ providers: [provider('local', 'openai-compatible', 'llama3')] })
    fake.replies.push('```json\n{"columns":[{"table":"orders","column":"total","kind":"range","min":"5","max":"500"}]}\n```')
    const before = fake.requests.length
    const started = await handlers['ai.ask']({ connectionId: 'shop', task: 'mockGenerators', question: 'Propose generators for these columns:\norders.total text — now: words', tables: ['orders'] })
    expect(started).not.toHaveProperty('conversationId')
    const done = await sink.waitFor(started.requestId, 'done')
    expect(done.text).toContain('"kind":"range"')
    const sent = fake.requests.slice(before).find((r) => r.path.endsWith('/chat/completions'))!.prompt
    expect(sent).toMatch(/Propose test-data generators/)
    expect(sent).toMatch(/Reply with JSON only/)
    expect(sent).toContain('TABLE orders')
    expect(sent).not.toContain('ada@example.com')
  })

  it('catches hallucinated columns, asks once more with the error, then warns if still wrong', async () => {
    fake.replies.push('```sql\nSELECT name, loyalty_points FROM customers;\n```', '```sql\nSELECT name, email FROM customers;\n```')
    const { requestId } = await handlers['ai.ask']({ connectionId: 'shop', task: 'ask', question: 'customer names and their loyalty points' })
    const done = await sink.waitFor(requestId, 'done')
    expect(sink.aiEvents(requestId).some((e) => e.type === 'status' && /loyalty_points/.test(e.message))).toBe(true)
    expect(fake.requests.at(-1)!.prompt).toMatch(/does not match the schema: Unknown column: loyalty_points/)
    expect(done.sql).toBe('SELECT name, email FROM customers;')
    expect(done.check.unknownColumns).toEqual([])

    fake.replies.push('```sql\nSELECT vip FROM customers;\n```', '```sql\nSELECT vip_level FROM customers;\n```')
    const second = await handlers['ai.ask']({ connectionId: 'shop', task: 'ask', question: 'which customers are VIP?' })
    const done2 = await sink.waitFor(second.requestId, 'done')
    expect(done2.check.unknownColumns).toEqual(['vip_level'])
    expect(done2.check.warnings[0]).toMatch(/Unknown column: vip_level/)
  })

  it('falls back on 401, 429 and 500 and says so in the stream', async () => {
    handlers['ai.settings.update']({
      providers: [provider('broken', 'openai', 'fail-401'), provider('limited', 'anthropic', 'fail-429'), provider('down', 'gemini', 'fail-500'), provider('local', 'openai-compatible', 'llama3')],
      routing: { enabled: false, simple: 'auto', complex: 'auto' }
    })
    for (const [id, key] of [['broken', KEY_OPENAI], ['limited', KEY_ANTHROPIC], ['down', KEY_GEMINI]]) handlers['ai.setKey']({ providerId: id, key })
    fake.replies.push('```sql\nSELECT * FROM orders;\n```')
    const { requestId } = await handlers['ai.ask']({ connectionId: 'shop', task: 'ask', question: 'all orders' })
    const done = await sink.waitFor(requestId, 'done')
    const fallbacks = sink.aiEvents(requestId).filter((e) => e.type === 'fallback')
    expect(fallbacks.map((f) => `${f.from}->${f.to}`)).toEqual(['broken->limited', 'limited->down', 'down->local'])
    expect(fallbacks.map((f) => f.reason)).toEqual([expect.stringMatching(/401/), expect.stringMatching(/429/), expect.stringMatching(/500/)])
    expect(done.providerId).toBe('local')
    expect(done.usage.costUsd).toBe(0)
  })

  it('answers an identical request from the cache and records usage', async () => {
    fake.replies.push('```sql\nSELECT count(*) FROM orders;\n```')
    const a = await handlers['ai.ask']({ connectionId: 'shop', task: 'ask', question: 'how many orders?' })
    await sink.waitFor(a.requestId, 'done')
    const before = fake.requests.length
    const b = await handlers['ai.ask']({ connectionId: 'shop', task: 'ask', question: 'how many orders?' })
    const done = await sink.waitFor(b.requestId, 'done')
    expect(fake.requests.length).toBe(before)
    expect(done.cached).toBe(true)
    expect(done.sql).toBe('SELECT count(*) FROM orders;')
    const usage = await handlers['ai.usage.summary']({})
    expect(usage).toMatchObject({ requests: 2, cachedRequests: 1 })
    expect(usage.inputTokens).toBeGreaterThan(0)
  })

  it('cancel stops the stream', async () => {
    handlers['ai.settings.update']({ providers: [provider('anth', 'anthropic', 'claude-slow')] })
    handlers['ai.setKey']({ providerId: 'anth', key: KEY_ANTHROPIC })
    fake.replies.push(Array.from({ length: 300 }, (_, i) => `word${i}`).join(' '))
    const aborted = fake.abortedStreams
    const { requestId } = await handlers['ai.ask']({ connectionId: 'shop', task: 'explain', sql: 'select * from orders' })
    await expect.poll(() => sink.aiEvents(requestId).filter((e) => e.type === 'token').length, { timeout: 5000 }).toBeGreaterThan(1)
    await handlers['ai.cancel']({ requestId })
    const err = await sink.waitFor(requestId, 'error')
    expect(err.error.code).toBe('CANCELLED')
    const n = sink.aiEvents(requestId).filter((e) => e.type === 'token').length
    await new Promise((r) => setTimeout(r, 300))
    expect(sink.aiEvents(requestId).filter((e) => e.type === 'token').length).toBe(n)
    expect(n).toBeLessThan(50)
    await expect.poll(() => fake.abortedStreams).toBe(aborted + 1)
  })

  it('local-only privacy never sends to a remote provider', async () => {
    handlers['ai.settings.update']({ providers: [provider('openai', 'openai', 'gpt-4.1-mini'), provider('ollama', 'openai-compatible', 'qwen')] })
    await handlers['ai.privacy.set']({ connectionId: 'shop', privacy: 'none' })
    fake.replies.push('```sql\nSELECT 1;\n```')
    const before = fake.requests.length
    const { requestId } = await handlers['ai.ask']({ connectionId: 'shop', task: 'ask', question: 'anything' })
    const done = await sink.waitFor(requestId, 'done')
    expect(done.providerId).toBe('ollama')
    expect(fake.requests.slice(before).every((r) => r.path.startsWith('/ollama/'))).toBe(true)
    handlers['ai.settings.update']({ providers: [provider('openai', 'openai', 'gpt-4.1-mini')] })
    const r2 = await handlers['ai.ask']({ connectionId: 'shop', task: 'ask', question: 'anything' })
    expect((await sink.waitFor(r2.requestId, 'error')).error.message).toMatch(/local models only/)
  })

  it('optimize sends the real plan; EXPLAIN ANALYZE only on opt-in and never for writes', async () => {
    fake.replies.push('Use an index.\n```sql\nSELECT * FROM orders WHERE customer_id = 1;\n```')
    const { requestId } = await handlers['ai.ask']({ connectionId: 'shop', task: 'optimize', sql: 'select * from orders where customer_id = 1' })
    await sink.waitFor(requestId, 'done')
    expect(fake.requests.at(-1)!.prompt).toMatch(/Execution plan:\n[\s\S]*\[n2\] SCAN orders/)
    const w = await handlers['ai.ask']({ connectionId: 'shop', task: 'optimize', sql: 'delete from orders', analyze: true })
    expect((await sink.waitFor(w.requestId, 'error')).error.code).toBe('CONFIRMATION_REQUIRED')
  })

  it('Optimize of a read with a trailing DELETE refuses and deletes nothing', async () => {
    for (const analyze of [false, true]) {
      const { requestId } = await handlers['ai.ask']({ connectionId: 'shop', task: 'optimize', sql: 'SELECT * FROM orders WHERE id = 10; DELETE FROM orders WHERE id = 11;', analyze })
      const error = (await sink.waitFor(requestId, 'error')).error
      expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/exactly one statement/) })
    }
    expect(shop.prepare('select count(*) as n from orders').get()).toEqual({ n: 2 })
  })

  it('describe stores table and column descriptions for the docs export', async () => {
    fake.replies.push('```json\n{"tables":[{"table":"customers","description":"People who buy.","columns":{"email":"Contact address"}},{"table":"nope","description":"x"}]}\n```')
    const { requestId } = await handlers['ai.ask']({ connectionId: 'shop', task: 'describe', tables: ['customers'] })
    await sink.waitFor(requestId, 'done')
    expect(await handlers['ai.descriptions.get']({ connectionId: 'shop' })).toEqual([
      { table: 'customers', column: null, description: 'People who buy.' },
      { table: 'customers', column: 'email', description: 'Contact address' }
    ])
  })
})

describe('privacy of past queries', () => {
  it('sends similar past queries as examples, without their string values unless samples are allowed', async () => {
    const schemaOnly = await handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'ask', question: 'customer email addresses' })
    expect(schemaOnly.system).toContain("select * from customers where email = '?'")
    expect(schemaOnly.system).not.toContain('ada@example.com')
    await handlers['ai.privacy.set']({ connectionId: 'shop', privacy: 'schema+samples' })
    const withSamples = await handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'ask', question: 'customer email addresses' })
    expect(withSamples.system).toContain('ada@example.com')
  })

  it('adds sample values to the schema only when the connection allows it', async () => {
    const schemaOnly = await handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'ask', question: 'customers by name' })
    expect(schemaOnly.system).not.toContain('"Linus"')
    await handlers['ai.privacy.set']({ connectionId: 'shop', privacy: 'schema+samples' })
    const withSamples = await handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'ask', question: 'customers by name' })
    expect(withSamples.system).toMatch(/name text e\.g\. "Ada", "Linus"/)
  })
})

describe('describe in batches', () => {
  it('describes many tables in requests of 15 and stores what matches the schema', async () => {
    const targets = enterprise.tables.slice(0, 20).map((t) => `${t.schema}.${t.name}`)
    const reply = (tables: string[]) => '```json\n' + JSON.stringify({ tables: tables.map((t) => ({ table: t, description: `About ${t}`, columns: { created_at: 'When the row was created' } })) }) + '\n```'
    fake.replies.push(reply(targets.slice(0, 15)), reply([...targets.slice(15), 'made.up_table']))
    const before = fake.requests.length
    const { requestId } = await handlers['ai.ask']({ connectionId: 'big', task: 'describe', tables: targets })
    const done = await sink.waitFor(requestId, 'done')
    const sent = fake.requests.slice(before)
    expect(sent).toHaveLength(2)
    expect(sent[0].prompt).toContain(`TABLE ${targets[14]}`)
    expect(sent[0].prompt).not.toContain(`TABLE ${targets[15]}\n`)
    expect(sent[1].prompt).toContain(`TABLE ${targets[19]}`)
    expect(done.text).toMatch(/20 tables and 20 columns/)
    expect(sink.aiEvents(requestId).filter((e) => e.type === 'status').map((e) => e.message)).toEqual(['Described 15 of 20 tables', 'Described 20 of 20 tables'])
    const stored = await handlers['ai.descriptions.get']({ connectionId: 'big' })
    expect(stored.filter((d) => d.column === null).map((d) => d.table).sort()).toEqual([...targets].sort())
  })
})

describe('generated writes', () => {
  it('a generated DELETE is never executed without confirmation', async () => {
    fake.replies.push('```sql\nDELETE FROM orders WHERE customer_id = 2;\n```')
    const { requestId } = await handlers['ai.ask']({ connectionId: 'shop', task: 'ask', question: 'remove the orders of Linus' })
    const done = await sink.waitFor(requestId, 'done')
    expect(done.check.classification).toBe('write')
    expect(ranSql).toEqual([]) // asking never runs anything
    await expect(handlers['ai.execute']({ connectionId: 'shop', sql: done.sql, confirmed: false })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' })
    expect(ranSql).toEqual([])
    expect(shop.prepare('select count(*) as n from orders').get()).toEqual({ n: 2 })
    await expect(handlers['ai.execute']({ connectionId: 'shop-ro', sql: done.sql, confirmed: true })).rejects.toMatchObject({ code: 'READ_ONLY' })
    expect(shop.prepare('select count(*) as n from orders').get()).toEqual({ n: 2 })
    await expect(handlers['ai.execute']({ connectionId: 'shop', sql: 'DROP TABLE orders', confirmed: false })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' })
    expect(await handlers['ai.execute']({ connectionId: 'shop', sql: done.sql, confirmed: true })).toMatchObject({ classification: 'write' })
    expect(shop.prepare('select count(*) as n from orders').get()).toEqual({ n: 1 })
    expect(await handlers['ai.execute']({ connectionId: 'shop', sql: 'select * from orders', confirmed: false })).toMatchObject({ classification: 'read' })
  })
})

describe('keys', () => {
  it('never reach the renderer or the store unencrypted', async () => {
    handlers['ai.settings.update']({
      providers: [provider('openai', 'openai', 'fail-401'), provider('anth', 'anthropic', 'claude'), provider('gem', 'gemini', 'gemini-2.5-flash')],
      routing: { enabled: false, simple: 'auto', complex: 'auto' }
    })
    handlers['ai.setKey']({ providerId: 'anth', key: KEY_ANTHROPIC })
    handlers['ai.setKey']({ providerId: 'gem', key: KEY_GEMINI })
    const outputs: unknown[] = []
    outputs.push(await handlers['ai.settings.get']({}))
    outputs.push(await handlers['ai.testKey']({ providerId: 'gem' }))
    handlers['ai.setKey']({ providerId: 'gem', key: 'sk-bad' })
    await Promise.resolve(handlers['ai.testKey']({ providerId: 'gem' })).catch((e: { code: string; message: string }) => outputs.push({ code: e.code, message: e.message }))
    handlers['ai.setKey']({ providerId: 'gem', key: KEY_GEMINI })
    fake.replies.push('```sql\nSELECT 1;\n```')
    const { requestId } = await handlers['ai.ask']({ connectionId: 'shop', task: 'ask', question: 'one' })
    outputs.push(await sink.waitFor(requestId, 'done'))
    outputs.push(await handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'ask', question: 'one' }))
    outputs.push(await handlers['ai.usage.summary']({}))
    handlers['ai.settings.update']({ providers: [provider('anth', 'anthropic', 'claude'), provider('gem', 'gemini', 'gemini-2.5-flash')] })
    expect(store.db.prepare('select provider_id from ai_keys order by provider_id').all()).toEqual([{ provider_id: 'anth' }, { provider_id: 'gem' }])
    const view = outputs[0] as any
    expect(view.providers.map((p: any) => [p.id, p.hasKey])).toEqual([['openai', true], ['anth', true], ['gem', true]])
    expect((outputs[2] as any).code).toBe('AUTH_FAILED')
    const rendererText = JSON.stringify([outputs, sink.sent])
    for (const key of [KEY_OPENAI, KEY_ANTHROPIC, KEY_GEMINI]) expect(rendererText).not.toContain(key)
    // The keys did reach the provider (so the test would notice if none were sent at all).
    expect((outputs[3] as any).providerId).toBe('anth')
    expect(fake.requests.some((r) => JSON.stringify(r.headers).includes(KEY_ANTHROPIC))).toBe(true)
    store.db.pragma('wal_checkpoint(TRUNCATE)')
    for (const f of readdirSync(dir).filter((f) => f.startsWith('store.sqlite'))) {
      const bytes = readFileSync(join(dir, f)).toString('latin1')
      for (const key of [KEY_OPENAI, KEY_ANTHROPIC, KEY_GEMINI]) expect(bytes).not.toContain(key)
    }
    const stored = store.db.prepare('select cipher from ai_keys').all() as { cipher: string }[]
    expect(stored).toHaveLength(2)
    for (const r of stored) expect(r.cipher).toMatch(/^qg1:/)
  })
})

describe('index', () => {
  it('re-embeds only the changed tables after a schema refresh', async () => {
    await handlers['ai.index.rebuild']({ connectionId: 'big' })
    const status = await handlers['ai.index.status']({ connectionId: 'big' })
    expect(status).toMatchObject({ tables: enterprise.tables.length, embedded: enterprise.tables.length })
    const changed = structuredClone(enterprise)
    changed.tables[0].columns.push({ name: 'loyalty_tier', type: 'text', nullable: true })
    changed.fingerprint = 'fp-changed'
    schemas.set('big', changed)
    sink.sent.length = 0
    await handlers['ai.index.rebuild']({ connectionId: 'big' })
    const progress = sink.sent.filter((e) => e.name === 'ai.index.progress' && (e.payload as any).phase === 'embedding').map((e) => e.payload as any)
    expect(progress.at(-1)).toMatchObject({ done: 1, total: 1 })
    expect(await handlers['ai.index.status']({ connectionId: 'big' })).toMatchObject({ fingerprint: 'fp-changed', embedded: enterprise.tables.length })
  })

  it('forgets a deleted connection: chunks, vectors, FTS rows, privacy and descriptions', async () => {
    await handlers['ai.index.rebuild']({ connectionId: 'shop' })
    await handlers['ai.privacy.set']({ connectionId: 'shop', privacy: 'none' })
    await handlers['ai.index.rebuild']({ connectionId: 'big' })
    service.forget('shop')
    expect(await handlers['ai.index.status']({ connectionId: 'shop' })).toMatchObject({ tables: 0, embedded: 0 })
    expect(await handlers['ai.privacy.get']({ connectionId: 'shop' })).toEqual({ privacy: 'schema' })
    const count = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n
    expect(count('select count(*) as n from ai_vec_offline_h384')).toBe(enterprise.tables.length)
    expect(count('select count(*) as n from ai_chunks_fts')).toBe(enterprise.tables.length)
    expect(await handlers['ai.index.status']({ connectionId: 'big' })).toMatchObject({ tables: enterprise.tables.length })
  })

  it('uses provider embeddings when enabled, the glossary widens retrieval', async () => {
    handlers['ai.settings.update']({ providers: [provider('openai', 'openai', 'gpt-4.1-mini', { embeddingModel: 'text-embedding-3-small' })], useProviderEmbeddings: true })
    await handlers['ai.glossary.upsert']({ connectionId: 'big', term: 'ARR', definition: 'annual recurring revenue: subscription mrr amount times twelve' })
    const preview = await handlers['ai.previewPrompt']({ connectionId: 'big', task: 'ask', question: 'ARR per plan' })
    expect(preview.tables).toContain('billing.subscriptions')
    expect(preview.system).toContain('ARR: annual recurring revenue')
    expect((await handlers['ai.index.status']({ connectionId: 'big' })).embedding).toMatch(/^openai_text_embedding_3_small_384$/)
    expect(fake.requests.some((r) => r.path.endsWith('/embeddings'))).toBe(true)
  })
})
