import { existsSync } from 'node:fs'
import ExcelJS from 'exceljs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventPayload, QueryEvent } from '../../../shared/contract'
import { parseConnectionUrl } from '../connections/url'
import { finalResults, QueryHarness } from './testing/query-harness'

const PG_URL = process.env.PG_URL
const MYSQL_URL = process.env.MYSQL_URL
if (!MYSQL_URL) console.log('[query] MYSQL_URL not set: skipping the MySQL/MariaDB query tests')

function waitFor(h: QueryHarness, runId: string, pred: (e: QueryEvent) => boolean): Promise<QueryEvent> {
  return new Promise((resolve) => {
    const found = h.queryEvents(runId).find(pred)
    if (found) return resolve(found)
    h.on((name, p) => name === 'query.event' && (p as QueryEvent).runId === runId && pred(p as QueryEvent) && resolve(p as QueryEvent))
  })
}

describe.skipIf(!PG_URL)('QueryService on PostgreSQL', () => {
  let h: QueryHarness
  let conn: string
  beforeAll(() => {
    h = new QueryHarness({ memoryCapRows: 50_000 })
    conn = h.connection({ ...parseConnectionUrl(PG_URL!), dialect: 'postgres', name: 'pg' } as never)
  })
  afterAll(() => h.close())

  it('streams 2,000,000 rows: first rows while the rest arrive, every row readable, sortable', async () => {
    const { runId } = await h.queries.run({ connectionId: conn, sql: 'SELECT * FROM generate_series(1, 2000000)' })
    const first = (await waitFor(h, runId, (e) => e.type === 'result')) as Extract<QueryEvent, { type: 'result' }>
    const early = await h.queries.rows({ resultId: first.result.resultId, offset: 0, limit: 3 })
    expect(early.rows.length === 0 || early.rows[0][0] === 1).toBe(true)
    await h.queries.settled(runId)
    const events = h.queryEvents(runId)
    const progress = events.filter((e) => e.type === 'progress').map((e) => (e as { rowCount: number }).rowCount)
    expect(progress.length).toBeGreaterThan(1)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    const [result] = finalResults(events)
    expect(result).toMatchObject({ rowCount: 2_000_000, done: true, spilled: true })
    expect((await h.queries.rows({ resultId: result.resultId, offset: 1_999_998, limit: 5 })).rows).toEqual([[1_999_999], [2_000_000]])
    const top = await h.queries.rows({ resultId: result.resultId, offset: 0, limit: 2, sort: [{ column: 0, direction: 'desc' }], filter: [{ column: 0, op: 'lt', value: '1500000' }] })
    expect(top).toMatchObject({ rows: [[1_499_999], [1_499_998]], total: 1_499_999 })
    await h.queries.release(result.resultId)
  }, 120_000)

  it('cancels on the server', async () => {
    const { runId } = await h.queries.run({ connectionId: conn, sql: 'select pg_sleep(30)' })
    await new Promise((r) => setTimeout(r, 300))
    const started = Date.now()
    await h.queries.cancel(runId)
    await h.queries.settled(runId)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(h.queryEvents(runId).at(-1)).toMatchObject({ type: 'finished', cancelled: true })
  })

  it('cancels a streaming query mid-flow', async () => {
    const { runId } = await h.queries.run({ connectionId: conn, sql: 'select * from generate_series(1, 50000000)', tabId: 'stream-tab' })
    await waitFor(h, runId, (e) => e.type === 'progress' && e.rowCount > 10_000)
    const started = Date.now()
    await h.queries.cancel(runId)
    await h.queries.settled(runId)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(h.queryEvents(runId).at(-1)).toMatchObject({ type: 'finished', cancelled: true })
    const again = await h.run(conn, 'select 1', { tabId: 'stream-tab' })
    expect(again.find((e) => e.type === 'error')).toBeUndefined()
  })

  it('streams an export straight from the server to XLSX and cancels another midway (file removed)', async () => {
    const states: EventPayload<'export.progress'>[] = []
    h.on((name, p) => name === 'export.progress' && states.push(p as EventPayload<'export.progress'>))
    const done = await h.exports.start({ source: { kind: 'query', connectionId: conn, sql: 'select g, md5(g::text) from generate_series(1, 20000) g' }, format: 'xlsx', fileName: 'series', header: true })
    const big = await h.exports.start({ source: { kind: 'query', connectionId: conn, sql: 'select * from generate_series(1, 50000000)' }, format: 'csv', fileName: 'huge', header: true })
    await new Promise<void>((resolve) => h.on((name, p) => name === 'export.progress' && (p as { exportId: string; rows: number }).exportId === big.exportId && (p as { rows: number }).rows > 0 && resolve()))
    await h.exports.cancel(big.exportId)
    await h.exports.idle()
    expect(states.filter((s) => s.exportId === done.exportId).at(-1)).toMatchObject({ state: 'done', rows: 20000 })
    expect(states.filter((s) => s.exportId === big.exportId).at(-1)?.state).toBe('cancelled')
    expect(existsSync(big.path)).toBe(false)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(done.path)
    expect(book.getWorksheet('Result')!.rowCount).toBe(20001)
  }, 60_000)

  it('points a syntax error at its line and column in the editor', async () => {
    const sql = 'select 1;\nselect id,\n  nme frm t'
    const events = await h.run(conn, sql, { editorOffset: 10 })
    const error = events.find((e) => e.type === 'error') as Extract<QueryEvent, { type: 'error' }>
    expect(error.error.code).toBe('SQL_ERROR')
    expect(error.statementIndex).toBe(1)
    expect(error.offset).toBe(10 + sql.indexOf('t', sql.indexOf('frm') + 3))
  })

  it('a connection dropped mid-query gives a clear error, not a hang', async () => {
    const marker = `qg_drop_me_${Math.random().toString(36).slice(2)}` // other runs of this suite share the server
    const { runId } = await h.queries.run({ connectionId: conn, sql: `select pg_sleep(30), '${marker}'`, tabId: 'drop-tab' })
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    // terminate once the statement is running (a fixed wait loses the race on a loaded machine)
    const terminate = `select pg_terminate_backend(pid) from pg_stat_activity where state = 'active' and query like '%${marker}%' and pid <> pg_backend_pid()`
    await expect.poll(async () => (await admin.query(terminate)).rowCount, { timeout: 10_000, interval: 50 }).toBe(1)
    await admin.end()
    const started = Date.now()
    await h.queries.settled(runId)
    expect(Date.now() - started).toBeLessThan(10_000)
    const error = h.queryEvents(runId).find((e) => e.type === 'error') as Extract<QueryEvent, { type: 'error' }>
    expect(error.error.code).toBe('CONNECTION_LOST')
    // the tab gets a fresh session next time
    const again = await h.run(conn, 'select 42', { tabId: 'drop-tab' })
    expect(again.find((e) => e.type === 'error')).toBeUndefined()
  }, 30_000)

  it('a view created in another tab inside a transaction counts as a write once committed (the analyser reads the catalog again)', async () => {
    const schema = `qg_stale_${Date.now()}`
    const prod = h.connection({ ...parseConnectionUrl(PG_URL!), dialect: 'postgres', name: 'pg prod', tag: 'production', readOnly: false } as never)
    const confirmed = async (sql: string): Promise<void> => {
      const { runId } = await h.queries.run({ connectionId: prod, sql, tabId: 'ddl-tab', confirmedWrite: true })
      await h.queries.settled(runId)
      expect(h.queryEvents(runId).find((e) => e.type === 'error')).toBeUndefined()
    }
    try {
      await confirmed(`create schema ${schema}; create table ${schema}.t (id int); insert into ${schema}.t values (1), (2)`)
      await confirmed(`create function ${schema}.purge() returns int language sql volatile as $$ delete from ${schema}.t returning 1 $$`)
      // the metadata session has read the catalog by now; the view below is invisible to it until COMMIT
      await expect(h.queries.run({ connectionId: prod, sql: 'select 1' })).resolves.toBeTruthy()
      await confirmed(`begin; create view ${schema}.v2 as select ${schema}.purge() as n`)
      await confirmed('commit')
      await expect(h.queries.run({ connectionId: prod, sql: `select * from ${schema}.v2`, tabId: 'read-tab' })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' })
      const events = await h.run(conn, `select count(*)::int as n from ${schema}.t`)
      expect((await h.queries.rows({ resultId: finalResults(events)[0]!.resultId, offset: 0, limit: 1 })).rows).toEqual([[2]])
    } finally {
      await h.run(conn, `drop schema if exists ${schema} cascade`)
    }
  })
})

describe.skipIf(!MYSQL_URL)('QueryService on MySQL/MariaDB', () => {
  let h: QueryHarness
  let conn: string
  beforeAll(() => {
    h = new QueryHarness({ memoryCapRows: 1000 })
    conn = h.connection({ ...parseConnectionUrl(MYSQL_URL!), dialect: 'mysql', name: 'my' } as never)
  })
  afterAll(() => h.close())

  it('runs a multi-result script and streams a spilled result', async () => {
    const events = await h.run(conn, "select 1 as a; select lpad(seq, 5, '0') as n from seq_1_to_5000")
    const results = finalResults(events)
    expect(results.map((r) => r.rowCount)).toEqual([1, 5000])
    expect(results[1].spilled).toBe(true)
    const sorted = await h.queries.rows({ resultId: results[1].resultId, offset: 0, limit: 1, sort: [{ column: 0, direction: 'desc' }] })
    expect(sorted.rows[0]).toEqual(['05000'])
  })

  it('cancelling a result that is streaming ends the run, and the tab runs again', async () => {
    const { runId } = await h.queries.run({ connectionId: conn, sql: 'select a.seq, b.seq from seq_1_to_10000 a, seq_1_to_5000 b', tabId: 'cancel-tab' })
    await waitFor(h, runId, (e) => e.type === 'progress' && e.rowCount > 10_000)
    await h.queries.cancel(runId)
    await expect.poll(() => h.queryEvents(runId).some((e) => e.type === 'finished'), { timeout: 20_000 }).toBe(true)
    const again = await h.run(conn, 'select 7 as seven', { tabId: 'cancel-tab' })
    expect(again.find((e) => e.type === 'error')).toBeUndefined()
    expect(finalResults(again)).toHaveLength(1)
  })
})
