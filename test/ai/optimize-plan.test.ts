import { ConversationRepository } from '../../src/main/services/ai/conversations/conversation-repository'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAiHandlers } from '../../src/main/services/ai/ai-handlers'
import type { AiDeps } from '../../src/main/services/ai/deps'
import { FileSecretBox } from '../../src/main/services/connections/secret-box'
import type { DriverSession } from '../../src/main/services/drivers/types'
import { getDriver, introspectorFor } from '../../src/main/services/engines'
import { PlanService } from '../../src/main/services/plan/plan-service'
import { finalizeModel } from '../../src/main/services/schema/normalize'
import { openLocalStore, type LocalStore } from '../../src/main/services/store/local-store'
import { AiEvent, type AiFinding } from '../../src/shared/contract/ai'
import { comparePlans } from '../../src/shared/plan/compare'
import type { Plan } from '../../src/shared/plan/model'
import type { SchemaModel } from '../../src/shared/schema-model'
import { exec, paramsFromUrl, uniqueName } from '../conformance/engines'
import { startFakeProvider, type FakeProvider } from '../fake-provider/server'
import { RecordingSink } from './helpers'

/**
 * Optimize on the plan, end to end: the real plan service on real PostgreSQL and SQLite, the prompt through the real
 * provider SDKs over HTTP to the fake provider, and the answer's findings parsed back and classified.
 */
const KEY = 'sk-good-openai-7f3a9c1e5b2d4f60'

interface Connection {
  dialect: SchemaModel['dialect']
  readOnly: boolean
  schema: SchemaModel
  open(): Promise<DriverSession>
  analyser: DriverSession
}

let fake: FakeProvider
let dir: string
let store: LocalStore
let sink: RecordingSink
let ranSql: string[]
let handlers: ReturnType<typeof createAiHandlers>
const connections = new Map<string, Connection>()
const plans = new PlanService({
  session: (id) => connections.get(id)!.open(),
  analyse: (id, sql) => connections.get(id)!.analyser.analyse(sql)
})

beforeAll(async () => {
  fake = await startFakeProvider()
})
afterAll(async () => {
  await fake.close()
})

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qg-ai-opt-'))
  store = openLocalStore(join(dir, 'store.sqlite'))
  sink = new RecordingSink()
  ranSql = []
  const deps: AiDeps = {
    store,
    events: sink,
    secrets: FileSecretBox.open(join(dir, 'secret.key')),
    getSchema: async (id) => connections.get(id)!.schema,
    connectionInfo: async (id) => ({ dialect: connections.get(id)!.dialect, readOnly: connections.get(id)!.readOnly }),
    analyse: (id, sql) => connections.get(id)!.analyser.analyse(sql),
    plan: (id, sql, analyze) => plans.explain({ connectionId: id, sql, analyze }),
    runSql: async (_id, sql) => {
      ranSql.push(sql)
      return { runId: 'q_notrun01' }
    }
  }
  handlers = createAiHandlers(deps)
  const base = `${fake.url}/openai/v1`
  handlers['ai.settings.update']({ providers: [{ id: 'openai', kind: 'openai', label: 'OpenAI', enabled: true, baseUrl: base, model: 'gpt-4.1-mini', embeddingModel: 'text-embedding-3-small', contextTokens: 16_000, maxOutputTokens: 1_000, timeoutMs: 5_000 }] })
  handlers['ai.setKey']({ providerId: 'openai', key: KEY })
  fake.replies.length = 0
})

afterEach(() => {
  fake.defaultReply = () => 'Here is the query:\n```sql\nSELECT 1;\n```'
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The id the prompt's plan tree gives the first node whose line matches `line`. */
function nodeIdIn(prompt: string, line: RegExp): string {
  const tree = prompt.slice(prompt.indexOf('Plan tree'))
  const hit = tree.split('\n').find((l) => line.test(l))
  if (!hit) throw new Error(`no plan line matching ${line} in:\n${tree}`)
  return /\[(n\d+)\]/.exec(hit)![1]!
}

describe('optimize on the plan: PostgreSQL', () => {
  const schema = uniqueName('opt')
  let admin: DriverSession
  const query = `select c.email, sum(o.total) from ${schema}.orders o join ${schema}.customers c on c.id = o.customer_id where lower(o.status) = 'shipped' and c.email like '%@secret-customer.example' group by c.email`

  beforeAll(async () => {
    const params = paramsFromUrl(process.env.PG_URL!)
    admin = await getDriver('postgres').connect(params)
    await exec(admin, `create schema ${schema};
      create table ${schema}.customers (id int primary key, email text not null);
      create table ${schema}.orders (id int primary key, customer_id int not null references ${schema}.customers(id), status text not null, total numeric(10,2));
      insert into ${schema}.customers select g, 'c' || g || '@secret-customer.example' from generate_series(1, 200) g;
      insert into ${schema}.orders select g, 1 + g % 200, 'shipped', g % 97 from generate_series(1, 20000) g;
      analyze ${schema}.customers; analyze ${schema}.orders`)
    const model = finalizeModel(await introspectorFor('postgres').introspect(admin, { schemas: [schema] }))
    const open = () => getDriver('postgres').connect(params)
    connections.set('pg', { dialect: 'postgres', readOnly: false, schema: model, open, analyser: admin })
    connections.set('pg-ro', { dialect: 'postgres', readOnly: true, schema: model, open, analyser: admin })
  })
  afterAll(async () => {
    await exec(admin, `drop schema ${schema} cascade`)
    await admin.close()
  })

  it('sends the plan nodes, hot spots, misestimates, DDL and row counts without the query\'s literals; findings come back tied to real nodes', async () => {
    let ordersNode = ''
    fake.defaultReply = (prompt) => {
      ordersNode = nodeIdIn(prompt, new RegExp(`Seq Scan on ${schema}\\.orders`))
      const status = new RegExp(`lower\\(o\\.status\\) = '(\\?\\d+)'`).exec(prompt)![1]
      return `The scan of orders dominates.

### 1. The expression filter hides the real row count [nodes: ${ordersNode}, n999]
lower(status) has no statistics, so the planner guesses 0.5% of the rows.
\`\`\`sql
CREATE INDEX orders_lower_status ON ${schema}.orders (lower(status));
\`\`\`

### 2. Compare the plain column [nodes: ${ordersNode}]
\`\`\`sql
SELECT c.email, sum(o.total) FROM ${schema}.orders o JOIN ${schema}.customers c ON c.id = o.customer_id WHERE o.status = '${status}' GROUP BY c.email
\`\`\``
    }
    const before = fake.requests.length
    const { requestId } = await handlers['ai.ask']({ connectionId: 'pg', task: 'optimize', sql: query, analyze: true })
    const done = await sink.waitFor(requestId, 'done')
    const prompt = fake.requests.slice(before).find((r) => r.path.endsWith('/chat/completions'))!.prompt

    // the plan, as the model reads it
    expect(prompt).toMatch(/Plan from postgres \(EXPLAIN ANALYZE/)
    expect(prompt).toMatch(new RegExp(`\\[${ordersNode}\\] Seq Scan on ${schema}\\.orders o · rows est \\d+ act 20000 ×1 · self [\\d.]+ ms \\(\\d+(\\.\\d)?%\\) · Filter: \\(lower\\(o\\.status\\) = '\\?\\d'::text\\)`))
    expect(prompt).toMatch(new RegExp(`Hot spots[^\\n]*\\n1\\. \\[n\\d+\\]`))
    expect(prompt).toMatch(new RegExp(`Row misestimates[^\\n]*\\n(- [^\\n]*\\n)*- \\[${ordersNode}\\] Seq Scan on ${schema}\\.orders: estimated 100, actual 20000 × 1 loops \\(200× under-estimated\\)`))
    // the tables it reads: DDL with keys, and row counts from the schema model
    expect(prompt).toContain(`-- ${schema}.orders: about 20000 rows\nCREATE TABLE ${schema}.orders (`)
    expect(prompt).toContain(`-- ${schema}.customers: about 200 rows`)
    expect(prompt).toMatch(/FOREIGN KEY \(customer_id\) REFERENCES/)
    // at "schema" privacy no literal of the query leaves the machine, neither in the query nor in the plan
    expect(prompt).not.toContain('shipped')
    expect(prompt).not.toContain('secret-customer')
    expect(prompt).toContain("like '?2'")

    // the event matches the contract the renderer reads
    expect(AiEvent.parse(done)).toEqual(done)
    const plan: Plan = done.plan
    expect(plan).toMatchObject({ engine: 'postgres', analyzed: true })
    const findings: AiFinding[] = done.findings
    expect(findings.map((f) => [f.rank, f.nodeIds])).toEqual([[1, [ordersNode]], [2, [ordersNode]]])
    const [index] = findings[0]!.blocks
    expect(index).toMatchObject({ role: 'index', statementCount: 1, needsConfirmation: true, refusedReadOnly: false, check: { classification: 'ddl' } })
    const [rewrite] = findings[1]!.blocks
    // the literal is put back locally, so the rewrite can be planned with the values the query ran with
    expect(rewrite).toMatchObject({ role: 'rewrite', needsConfirmation: false, check: { classification: 'read', unknownColumns: [], unknownTables: [] } })
    expect(rewrite!.sql).toContain("o.status = 'shipped'")

    // "try it": the rewrite re-planned through plan.explain's path, compared with the plan the answer was based on
    const after = await plans.explain({ connectionId: 'pg', sql: rewrite!.sql, analyze: true })
    const comparison = comparePlans(plan, after)
    expect(comparison.after.rows).toBe(comparison.before.rows)
    expect(comparison.nodes.some((m) => m.before?.id === ordersNode && m.after?.relation === `${schema}.orders`)).toBe(true)

    // the index is never created by asking, and not without confirmation
    await expect(handlers['ai.execute']({ connectionId: 'pg', sql: index!.sql, confirmed: false })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' })
    expect(ranSql).toEqual([])
    expect((await admin.query(`select count(*) from pg_indexes where schemaname = '${schema}' and indexname = 'orders_lower_status'`)).rows[0]![0]).toBe('0')
  })

  it('marks index DDL as refused on a read-only connection, and sends the literals when samples are allowed', async () => {
    fake.defaultReply = (prompt) => `### 1. Index it [nodes: ${nodeIdIn(prompt, /Seq Scan on .*orders/)}]\n\`\`\`sql\nCREATE INDEX ON ${schema}.orders (lower(status));\n\`\`\``
    await handlers['ai.privacy.set']({ connectionId: 'pg-ro', privacy: 'schema+samples' })
    const before = fake.requests.length
    const { requestId } = await handlers['ai.ask']({ connectionId: 'pg-ro', task: 'optimize', sql: query })
    const done = await sink.waitFor(requestId, 'done')
    expect(done.plan.analyzed).toBe(false)
    expect(done.findings[0].blocks[0]).toMatchObject({ role: 'index', needsConfirmation: true, refusedReadOnly: true })
    await expect(handlers['ai.execute']({ connectionId: 'pg-ro', sql: done.findings[0].blocks[0].sql, confirmed: true })).rejects.toMatchObject({ code: 'READ_ONLY' })
    const prompt = fake.requests.slice(before).find((r) => r.path.endsWith('/chat/completions'))!.prompt
    expect(prompt).toMatch(/EXPLAIN: estimates only/)
    expect(prompt).toContain("'shipped'")
  })
})

describe('optimize on the plan: SQLite', () => {
  let file: string
  let analyser: DriverSession
  const open = () => getDriver('sqlite').connect({ dialect: 'sqlite', filePath: file, readOnly: false, connectTimeoutMs: 5000 })
  const count = () => (new Database(file, { readonly: true }).prepare('select count(*) as n from orders').get() as { n: number }).n

  beforeAll(async () => {
    const d = mkdtempSync(join(tmpdir(), 'qg-ai-opt-lite-'))
    file = join(d, 'shop.db')
    const db = new Database(file)
    db.exec(`create table customers (id integer primary key, email text not null);
      create table orders (id integer primary key, customer_id integer not null references customers(id), status text not null, total real);
      with recursive g(n) as (select 1 union all select n + 1 from g where n < 50) insert into customers select n, 'c' || n || '@secret-customer.example' from g;
      with recursive g(n) as (select 1 union all select n + 1 from g where n < 2000) insert into orders select n, 1 + n % 50, 'shipped', n % 97 from g;
      analyze;`)
    db.close()
    analyser = await open()
    const model = finalizeModel(await introspectorFor('sqlite').introspect(analyser, {}))
    connections.set('lite', { dialect: 'sqlite', readOnly: false, schema: model, open, analyser })
  })
  afterAll(async () => {
    await analyser.close()
    rmSync(join(file, '..'), { recursive: true, force: true })
  })

  it('sends the SQLite plan and DDL without literals; a hostile answer is contained', async () => {
    let scan = ''
    fake.defaultReply = (prompt) => {
      scan = nodeIdIn(prompt, /SCAN (o|orders)\b/)
      return `### 1. Drop it all [nodes: n999, ${scan}, <script>]
\`\`\`sql
DROP TABLE orders;
\`\`\`
### 2. Two in one [nodes: n42]
\`\`\`sql
SELECT * FROM orders WHERE status = '?1'; DELETE FROM orders;
\`\`\`
### 3. Sneaky update [nodes: ${scan}]
\`\`\`sql
UPDATE orders SET total = 0
\`\`\``
    }
    const before = fake.requests.length
    const { requestId } = await handlers['ai.ask']({ connectionId: 'lite', task: 'optimize', sql: "select o.id, c.email from orders o join customers c on c.id = o.customer_id where o.status = 'shipped'" })
    const done = await sink.waitFor(requestId, 'done')
    const prompt = fake.requests.slice(before).find((r) => r.path.endsWith('/chat/completions'))!.prompt
    expect(prompt).toMatch(/Plan from sqlite \(EXPLAIN: estimates only/)
    expect(prompt).toMatch(new RegExp(`\\[${scan}\\] SCAN o`))
    expect(prompt).toMatch(/-- main.orders: about 2000 rows\nCREATE TABLE orders \(/)
    expect(prompt).toMatch(/-- main.customers: about 50 rows/)
    expect(prompt).not.toContain('shipped')

    const findings: AiFinding[] = done.findings
    expect(findings.map((f) => f.nodeIds)).toEqual([[scan], [], [scan]])
    expect(findings[0]!.blocks[0]).toMatchObject({ role: 'change', statementCount: 1, needsConfirmation: true, check: { classification: 'ddl' } })
    // a script is a script: classified by its worst statement, never as the read it starts with
    expect(findings[1]!.blocks[0]).toMatchObject({ role: 'script', statementCount: 2, needsConfirmation: true, check: { classification: 'write' } })
    expect(findings[1]!.blocks[0]!.sql).toContain("status = 'shipped'")
    expect(findings[2]!.blocks[0]).toMatchObject({ role: 'change', needsConfirmation: true, check: { classification: 'write' } })
    for (const f of findings) for (const b of f.blocks) await expect(handlers['ai.execute']({ connectionId: 'lite', sql: b.sql, confirmed: false })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' })
    expect(ranSql).toEqual([])
    expect(count()).toBe(2000)
  })

  it('keeps the plan and findings with the conversation turn, so a reopened answer has them', async () => {
    fake.defaultReply = (prompt) => `### 1. Index the filter [nodes: ${nodeIdIn(prompt, /SCAN (o|orders)\b/)}]
\`\`\`sql
CREATE INDEX orders_status ON orders (status);
\`\`\``
    const conversations = new ConversationRepository(store.db)
    const conversation = conversations.create('lite')
    const { requestId } = await handlers['ai.ask']({ connectionId: 'lite', conversationId: conversation.id, task: 'optimize', sql: "select id from orders where status = 'shipped'" })
    const done = await sink.waitFor(requestId, 'done')
    const { turns } = conversations.get(conversation.id)
    expect(turns.map((t) => t.task)).toEqual(['optimize'])
    expect(turns[0]!.optimize).toEqual({ plan: done.plan, findings: done.findings, analyze: false })
    expect(turns[0]!.optimize!.findings[0]!.blocks[0]).toMatchObject({ role: 'index', needsConfirmation: true })
    expect(count()).toBe(2000)
  })

  it('asks once more for the findings when a rewrite names a column the schema lacks', async () => {
    fake.replies.push('### 1. Filter earlier [nodes: n2]\n```sql\nSELECT id FROM orders WHERE shipped_at IS NULL\n```', '### 1. Filter earlier [nodes: n2]\nSame rows, narrower read.\n```sql\nSELECT id FROM orders WHERE status = \'?1\'\n```')
    const { requestId } = await handlers['ai.ask']({ connectionId: 'lite', task: 'optimize', sql: "select * from orders where status = 'shipped'" })
    const done = await sink.waitFor(requestId, 'done')
    expect(fake.requests.at(-1)!.prompt).toMatch(/Unknown column: shipped_at\. .*reply with all your findings again, in the same format/)
    expect(done.findings).toEqual([expect.objectContaining({ rank: 1, nodeIds: ['n2'], explanation: 'Same rows, narrower read.', blocks: [expect.objectContaining({ sql: "SELECT id FROM orders WHERE status = 'shipped'", role: 'rewrite' })] })])
    expect(done.sql).toBe("SELECT id FROM orders WHERE status = 'shipped'")
  })

  it('hides literals when a remote provider is anywhere in the chain, not only at its head', async () => {
    const local = { id: 'ollama', kind: 'openai-compatible' as const, label: 'Ollama', enabled: true, baseUrl: `${fake.url}/ollama/v1`, model: 'qwen', contextTokens: 16_000, maxOutputTokens: 1_000, timeoutMs: 5_000 }
    const sql = "select * from orders where status = 'shipped'"
    handlers['ai.settings.update']({ providers: [local, { ...local, id: 'openai', kind: 'openai', label: 'OpenAI', baseUrl: `${fake.url}/openai/v1`, model: 'gpt-4.1-mini' }] })
    const mixed = await handlers['ai.previewPrompt']({ connectionId: 'lite', task: 'optimize', sql })
    expect(mixed.messages[0]!.content).toContain("status = '?1'")
    expect(JSON.stringify(mixed)).not.toContain('shipped')
    handlers['ai.settings.update']({ providers: [local] })
    const allLocal = await handlers['ai.previewPrompt']({ connectionId: 'lite', task: 'optimize', sql })
    expect(allLocal.messages[0]!.content).toContain("status = 'shipped'")
  })

  it('refuses Optimize with analyze of a write before any provider call (not even embeddings)', async () => {
    handlers['ai.settings.update']({ useProviderEmbeddings: true })
    const before = fake.requests.length
    for (const sql of ['delete from orders', "update orders set status = 'x'", 'select 1; delete from orders']) {
      const { requestId } = await handlers['ai.ask']({ connectionId: 'lite', task: 'optimize', sql, analyze: true })
      const error = (await sink.waitFor(requestId, 'error')).error
      expect(error.code).toMatch(/^(CONFIRMATION_REQUIRED|INVALID_INPUT)$/)
    }
    await expect(handlers['ai.previewPrompt']({ connectionId: 'lite', task: 'optimize', sql: 'delete from orders', analyze: true })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' })
    expect(fake.requests.length).toBe(before)
    expect(count()).toBe(2000)
  })
})

describe.skipIf(!process.env.MYSQL_URL)('optimize on the plan: MySQL/MariaDB', () => {
  const db = uniqueName('opt')
  let admin: DriverSession

  beforeAll(async () => {
    const params = paramsFromUrl(process.env.MYSQL_URL!)
    admin = await getDriver('mysql').connect(params)
    await exec(admin, `create database ${db}`)
    await exec(admin, `create table ${db}.customers (id int primary key, email varchar(200) not null)`)
    await exec(admin, `create table ${db}.orders (id int primary key, customer_id int not null, status varchar(20) not null, key orders_customer (customer_id))`)
    await exec(admin, `insert into ${db}.customers values (1, 'a@secret-customer.example'), (2, 'b@secret-customer.example')`)
    await exec(admin, `insert into ${db}.orders values (1, 1, 'shipped'), (2, 2, 'shipped'), (3, 1, 'open')`)
    await exec(admin, `analyze table ${db}.customers, ${db}.orders`)
    const model = finalizeModel(await introspectorFor('mysql').introspect(admin, { schemas: [db] }))
    connections.set('my', { dialect: model.dialect, readOnly: false, schema: model, open: () => getDriver('mysql').connect(params), analyser: admin })
  })
  afterAll(async () => {
    await exec(admin, `drop database ${db}`)
    await admin.close()
  })

  it('sends the plan nodes and the DDL of the tables the plan names by alias, without literals', async () => {
    const preview = await handlers['ai.previewPrompt']({ connectionId: 'my', task: 'optimize', sql: `select c.email from ${db}.orders o join ${db}.customers c on c.id = o.customer_id where o.status = 'shipped'` })
    const prompt = preview.messages[0]!.content
    expect(prompt).toMatch(/Plan tree[^\n]*\n\[n\d+\] /)
    expect(prompt).toMatch(/\[n\d+\] [^\n]*\bo\b/)
    expect(prompt).toContain(`-- ${db}.orders: about`)
    expect(prompt).toContain(`-- ${db}.customers: about`)
    expect(prompt).toMatch(/orders_customer/)
    expect(JSON.stringify(preview)).not.toContain('shipped')
    expect(preview.tables).toEqual(expect.arrayContaining([`${db}.orders`, `${db}.customers`]))
  })
})
