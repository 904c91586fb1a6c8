import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
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
import { AI_PRIVACY_LABELS, providerEmbeddingsLabel, type AiProviderConfig } from '../../src/shared/contract/ai'
import type { SchemaModel } from '../../src/shared/schema-model'
import { startFakeProvider, type FakeProvider } from '../fake-provider/server'
import { RecordingSink } from './helpers'
import { fakeProviderConfig } from './provider-config'

/**
 * Privacy that says what it does, checked against what the fake provider on 127.0.0.1 actually receives over HTTP:
 * provider embeddings only on opt-in (and the preview says so), each privacy level's label and preview text match the
 * requests, and "Shares nothing" never swaps a remote provider for a local one silently.
 */
let fake: FakeProvider
let dir: string
let store: LocalStore
let sink: RecordingSink
let shop: Database.Database
let handlers: ReturnType<typeof createAiHandlers>

const SECRET = 'ada@example.com'
const ERROR_TEXT = `UNIQUE constraint failed: customers.email (value '${SECRET}')`

const provider = (id: string, kind: AiProviderConfig['kind'], model: string, extra: Partial<AiProviderConfig> = {}): AiProviderConfig =>
  fakeProviderConfig(fake, id, kind, model, extra)

const embeddingRequests = (from: number) => fake.requests.slice(from).filter((r) => r.path.endsWith('/embeddings'))
const chatRequests = (from: number) => fake.requests.slice(from).filter((r) => r.path.endsWith('/chat/completions'))

beforeAll(async () => {
  fake = await startFakeProvider()
})
afterAll(async () => {
  await fake.close()
})

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qg-ai-privacy-'))
  store = openLocalStore(join(dir, 'store.sqlite'))
  sink = new RecordingSink()
  shop = new Database(join(dir, 'shop.db'))
  shop.exec(`create table customers (id integer primary key, name text, email text);
             create table orders (id integer primary key, customer_id integer references customers(id), total real);
             insert into customers values (1, 'Ada', '${SECRET}'), (2, 'Linus', 'linus@example.com');
             insert into orders values (10, 1, 99.5), (11, 2, 12);`)
  const cols = (names: string[]) => names.map((n) => ({ name: n, type: 'text', nullable: true }))
  const schema: SchemaModel = {
    dialect: 'sqlite', database: 'shop', defaultSchema: '', schemas: [''], fingerprint: 'shop-1', introspectedAt: new Date().toISOString(), routines: [], sequences: [], enums: [], domains: [],
    tables: [
      { schema: '', name: 'customers', kind: 'table', comment: 'People who buy', columns: cols(['id', 'name', 'email']), primaryKey: { columns: ['id'] }, foreignKeys: [], indexes: [], constraints: [], triggers: [] },
      { schema: '', name: 'orders', kind: 'table', columns: cols(['id', 'customer_id', 'total']), primaryKey: { columns: ['id'] }, foreignKeys: [{ name: 'fk', columns: ['customer_id'], refSchema: '', refTable: 'customers', refColumns: ['id'] }], indexes: [], constraints: [], triggers: [] }
    ]
  }
  const deps: AiDeps = {
    store,
    events: sink,
    secrets: FileSecretBox.open(join(dir, 'secret.key')),
    getSchema: async () => schema,
    connectionInfo: async () => ({ dialect: 'sqlite', readOnly: false }),
    analyse: async (_id, sql) => analyseSql('sqlite', sql),
    plan: (id, sql, analyze) =>
      new PlanService({
        session: () => getDriver('sqlite').connect({ dialect: 'sqlite', filePath: join(dir, 'shop.db'), readOnly: false, connectTimeoutMs: 5000 }),
        analyse: async (_id, text) => analyseSql('sqlite', text)
      }).explain({ connectionId: id, sql, analyze }),
    runSql: async () => ({ runId: 'q_testrun1' }),
    sampleValues: async (_id, table) => {
      const t = schema.tables.find((x) => x.name === table)!
      return Object.fromEntries(t.columns.map((c) => [c.name, (shop.prepare(`select distinct ${c.name} as v from ${t.name} limit 5`).all() as { v: unknown }[]).map((r) => String(r.v))]))
    }
  }
  handlers = createAiHandlers(deps, new AiService(deps))
  handlers['ai.settings.update']({ providers: [provider('openai', 'openai', 'gpt-4.1-mini', { embeddingModel: 'text-embedding-3-small' })] })
  handlers['ai.setKey']({ providerId: 'openai', key: 'sk-good-openai-7f3a9c1e5b2d4f60' })
  fake.replies.length = 0
})

afterEach(() => {
  shop.close()
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

async function ask(input: Parameters<(typeof handlers)['ai.ask']>[0], outcome: 'done' | 'error' = 'done') {
  const { requestId } = await handlers['ai.ask'](input)
  return { result: await sink.waitFor(requestId, outcome), events: sink.aiEvents(requestId) }
}

describe('provider embeddings', () => {
  it('are off by default: indexing and asking send no embeddings request, and the preview says schema search stays offline', async () => {
    expect((await handlers['ai.settings.get']({})).useProviderEmbeddings).toBe(false)
    const before = fake.requests.length
    await handlers['ai.index.rebuild']({ connectionId: 'shop', full: true })
    await ask({ connectionId: 'shop', task: 'ask', question: 'customers with the most orders' })
    const preview = await handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'ask', question: 'customers with the most orders' })
    expect(embeddingRequests(before)).toHaveLength(0)
    expect(chatRequests(before)).toHaveLength(1)
    expect((await handlers['ai.index.status']({ connectionId: 'shop' })).embedding).toBe('offline_h384')
    expect(preview.embeddings).toBeUndefined()
    expect(preview.leaves!.join('\n')).toMatch(/offline embedding: nothing is sent/)
  })

  it('on opt-in send the table descriptions and the question to the embeddings endpoint, and the preview says so', async () => {
    handlers['ai.settings.update']({ useProviderEmbeddings: true })
    const before = fake.requests.length
    await handlers['ai.index.rebuild']({ connectionId: 'shop', full: true })
    const indexed = embeddingRequests(before).flatMap((r) => r.body.input as string[])
    expect(indexed.some((t) => t.startsWith('TABLE customers -- People who buy'))).toBe(true)
    const preview = await handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'ask', question: 'customers with the most orders' })
    expect(embeddingRequests(before).flatMap((r) => r.body.input as string[])).toContain('customers with the most orders')
    expect(preview.embeddings).toEqual({ providerId: 'openai', label: 'openai', model: 'text-embedding-3-small', remote: true })
    expect(preview.leaves!.join('\n')).toMatch(/the question\) and the descriptions of 2 tables .* go to the embeddings endpoint of openai \(text-embedding-3-small, leaves this machine\)/)
    expect(providerEmbeddingsLabel('openai')).toMatch(/sends table descriptions and questions to openai/)
  })

  it('never go to a remote endpoint under "Shares nothing", opt-in or not', async () => {
    handlers['ai.settings.update']({
      useProviderEmbeddings: true,
      providers: [provider('openai', 'openai', 'gpt-4.1-mini', { embeddingModel: 'text-embedding-3-small' }), provider('ollama', 'openai-compatible', 'qwen')]
    })
    await handlers['ai.privacy.set']({ connectionId: 'shop', privacy: 'none' })
    const before = fake.requests.length
    await ask({ connectionId: 'shop', task: 'ask', question: 'customers' })
    expect(fake.requests.slice(before).every((r) => r.path.startsWith('/ollama/'))).toBe(true)
  })
})

describe('"Shares the schema" says what it sends', () => {
  it('fix sends the SQL with its literals and the database error text, as the label and the preview say', async () => {
    const sql = `insert into customers (id, email) values (42, '${SECRET}')`
    const before = fake.requests.length
    await ask({ connectionId: 'shop', task: 'fix', sql, error: ERROR_TEXT })
    const sent = chatRequests(before)[0].prompt
    expect(sent).toContain(sql)
    expect(sent).toContain(ERROR_TEXT)
    const label = AI_PRIVACY_LABELS.schema
    expect(label.label).toMatch(/queries and errors/)
    expect(label.detail).toMatch(/Fix send it as written, with its literals/)
    expect(label.detail).toMatch(/database error text, which can quote values/)
    const preview = await handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'fix', sql, error: ERROR_TEXT })
    expect(preview.privacy).toBe('schema')
    expect(preview.leaves![0]).toMatch(/^Prompt to openai \(leaves this machine\): .*the SQL as written, with its literals .*the database error text \(which can quote values\)/)
  })

  it('explain sends the SQL with its literals', async () => {
    const sql = `select * from customers where email = '${SECRET}' and id = 42`
    const before = fake.requests.length
    await ask({ connectionId: 'shop', task: 'explain', sql })
    expect(chatRequests(before)[0].prompt).toContain(sql)
    expect(AI_PRIVACY_LABELS.schema.detail).toMatch(/Explain and Fix send it as written, with its literals/)
  })

  it('optimize sends the EXPLAIN plan with string literals replaced and numbers kept; with samples allowed, literals as written', async () => {
    const sql = `select * from customers where email = '${SECRET}' and id > 42`
    fake.replies.push('Fine as it is.')
    const before = fake.requests.length
    await ask({ connectionId: 'shop', task: 'optimize', sql })
    const sent = chatRequests(before)[0].prompt
    expect(sent).toMatch(/Execution plan:/)
    expect(sent).not.toContain(SECRET)
    expect(sent).toContain("'?1'")
    expect(sent).toContain('42')
    expect(AI_PRIVACY_LABELS.schema.detail).toMatch(/Optimize sends the EXPLAIN plan, which can hold values \(string literals in the query and plan are replaced by placeholders, numbers are kept\)/)
    const preview = await handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'optimize', sql })
    expect(preview.leaves![0]).toMatch(/EXPLAIN plan \(which can hold values; string literals replaced by placeholders, numbers kept\)/)

    await handlers['ai.privacy.set']({ connectionId: 'shop', privacy: 'schema+samples' })
    fake.replies.push('Fine as it is.')
    const mid = fake.requests.length
    await ask({ connectionId: 'shop', task: 'optimize', sql })
    expect(chatRequests(mid)[0].prompt).toContain(SECRET)
    expect(AI_PRIVACY_LABELS['schema+samples'].detail).toMatch(/string literals of queries, plans and past queries as written/)
    const p2 = await handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'optimize', sql })
    expect(p2.leaves![0]).toMatch(/literals as written; sample values/)
  })

  it('explain result sends the columns and row count but no rows below "schema + samples", and the rows on screen with it', async () => {
    const sql = `select name, email from customers where email like '%@example.com'`
    const result = { columns: [{ name: 'name', type: 'text' }, { name: 'email', type: 'text' }], rows: [['Ada', SECRET], ['Linus', 'linus@example.com']], totalRows: 2 }
    fake.replies.push('Two customers.\nChart: none')
    const before = fake.requests.length
    const { result: done } = await ask({ connectionId: 'shop', task: 'explainResult', sql, result })
    expect(done.text).toContain('Two customers')
    const sent = chatRequests(before)[0].prompt
    expect(sent).toMatch(/Columns: name text, email text\nRows in the whole result: 2/)
    expect(sent).toMatch(/rows are not shown/)
    expect(sent).not.toContain(SECRET)
    expect(sent).not.toContain('@example.com')
    const preview = await handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'explainResult', sql, result })
    expect(preview.leaves![0]).toMatch(/column names and types and its row count; no rows/)

    await handlers['ai.privacy.set']({ connectionId: 'shop', privacy: 'schema+samples' })
    fake.replies.push('Two customers.\nChart: none')
    const mid = fake.requests.length
    await ask({ connectionId: 'shop', task: 'explainResult', sql, result })
    expect(chatRequests(mid)[0].prompt).toContain(`Ada\t${SECRET}`)
    expect((await handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'explainResult', sql, result })).leaves![0]).toMatch(/first 50 rows on screen/)
  })

  it('sends no sample values, and "schema + samples" does', async () => {
    const before = fake.requests.length
    await ask({ connectionId: 'shop', task: 'ask', question: 'customer emails' })
    expect(chatRequests(before)[0].prompt).not.toContain(SECRET)
    expect(AI_PRIVACY_LABELS.schema.detail).toMatch(/No sample rows/)
    await handlers['ai.privacy.set']({ connectionId: 'shop', privacy: 'schema+samples' })
    const mid = fake.requests.length
    await ask({ connectionId: 'shop', task: 'ask', question: 'customer emails' })
    expect(chatRequests(mid)[0].prompt).toContain(SECRET)
  })
})

describe('"Shares nothing"', () => {
  it('refuses a remote-only chain and sends nothing', async () => {
    await handlers['ai.privacy.set']({ connectionId: 'shop', privacy: 'none' })
    const before = fake.requests.length
    const { result } = await ask({ connectionId: 'shop', task: 'ask', question: 'customers' }, 'error')
    expect(result.error.message).toMatch(/local models only/)
    await expect(handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'ask', question: 'customers' })).rejects.toThrow(/local models only/)
    expect(fake.requests.length).toBe(before)
    expect(AI_PRIVACY_LABELS.none.detail).toMatch(/with no local provider the request is refused/)
  })

  it('refuses a remote provider the user picked instead of answering with the local one', async () => {
    handlers['ai.settings.update']({ providers: [provider('openai', 'openai', 'gpt-4.1-mini'), provider('ollama', 'openai-compatible', 'qwen')] })
    await handlers['ai.privacy.set']({ connectionId: 'shop', privacy: 'none' })
    const before = fake.requests.length
    const { result } = await ask({ connectionId: 'shop', task: 'ask', question: 'customers', providerId: 'openai' }, 'error')
    expect(result.error.message).toMatch(/"Shares nothing": openai is not on this machine, so it is not used and no local model answers in its place/)
    expect(fake.requests.length).toBe(before)
    expect(AI_PRIVACY_LABELS.none.detail).toMatch(/one you pick is refused/)
  })

  it('says so when the default chain skips a remote provider for a local one', async () => {
    handlers['ai.settings.update']({ providers: [provider('openai', 'openai', 'gpt-4.1-mini'), provider('ollama', 'openai-compatible', 'qwen')] })
    await handlers['ai.privacy.set']({ connectionId: 'shop', privacy: 'none' })
    const before = fake.requests.length
    const { result, events } = await ask({ connectionId: 'shop', task: 'ask', question: 'customers' })
    expect(result.providerId).toBe('ollama')
    expect(fake.requests.slice(before).every((r) => r.path.startsWith('/ollama/'))).toBe(true)
    const note = '"Shares nothing": skipped openai (not on this machine); ollama on this machine answers instead.'
    expect(events.filter((e) => e.type === 'status').map((e) => e.message)).toContain(note)
    const preview = await handlers['ai.previewPrompt']({ connectionId: 'shop', task: 'ask', question: 'customers' })
    expect(preview).toMatchObject({ providerId: 'ollama', remote: false, notes: [note] })
    expect(preview.leaves![0]).toMatch(/^Prompt to ollama \(stays on this machine\)/)
    expect(AI_PRIVACY_LABELS.none.detail).toMatch(/one in the default chain is skipped and the answer says so/)
  })
})
