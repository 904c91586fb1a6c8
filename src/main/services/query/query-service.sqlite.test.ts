import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventPayload, QueryEvent } from '../../../shared/contract'
import { finalResults, QueryHarness } from './testing/query-harness'

let h: QueryHarness
let conn: string

beforeAll(() => {
  h = new QueryHarness({ memoryCapRows: 1000, batchSize: 500 })
  new Database(join(h.dir, 'data.db')).close()
  conn = h.connection({ dialect: 'sqlite', filePath: join(h.dir, 'data.db') })
})
afterAll(() => h.close())

const rowsOf = (resultId: string, offset = 0, limit = 100) => h.queries.rows({ resultId, offset, limit })

describe('QueryService on SQLite', () => {
  it('runs a script: one result per query, messages for the rest, history recorded', async () => {
    const events = await h.run(conn, 'create table t (id integer primary key, name text, ok boolean);\ninsert into t (name, ok) values (\'a\', 1), (\'b\', 0);\nselect id, name from t order by id;\nselect count(*) as n from t')
    const results = finalResults(events)
    expect(results.map((r) => r.rowCount)).toEqual([2, 1])
    expect(results[0].columns.map((c) => c.name)).toEqual(['id', 'name'])
    expect(results[0].statementIndex).toBe(2)
    expect((await rowsOf(results[0].resultId)).rows).toEqual([[1, 'a'], [2, 'b']])
    const messages = events.flatMap((e) => (e.type === 'message' ? [e.text] : []))
    expect(messages.some((m) => /2 rows affected/.test(m))).toBe(true)
    const finished = events.at(-1) as Extract<QueryEvent, { type: 'finished' }>
    expect(finished).toMatchObject({ type: 'finished', statements: 4, cancelled: false })
    const [entry] = h.queries.history.list({ limit: 1 })
    expect(entry).toMatchObject({ connectionId: conn, status: 'ok', rows: 2 + 2 + 1 })
    // one entry per run: recorded 'running' at the start, completed in place at the end (DDL refresh listens to history.added)
    expect(h.queries.history.list({ limit: 10 })).toHaveLength(1)
    expect(h.events.find((e) => e.name === 'history.started')?.payload).toMatchObject({ id: entry.id, status: 'running' })
    expect(h.events.find((e) => e.name === 'history.added')?.payload).toEqual(entry)
  })

  it('runs only the statement at the cursor', async () => {
    const sql = 'select 1 as a;\n\nselect 2 as b;\nselect 3 as c'
    const events = await h.run(conn, sql, { cursorOffset: sql.indexOf('2 as b') })
    const results = finalResults(events)
    expect(results).toHaveLength(1)
    expect((await rowsOf(results[0].resultId)).rows).toEqual([[2]])
    // a cursor on the blank line after a statement means that statement
    const after = finalResults(await h.run(conn, sql, { cursorOffset: sql.indexOf(';') + 2 }))
    expect((await rowsOf(after[0].resultId)).rows).toEqual([[1]])
  })

  it('reports an error with its statement and its place in the editor', async () => {
    const sql = 'select 1;\nselect * from no_such_table'
    const events = await h.run(conn, sql, { editorOffset: 100 })
    const error = events.find((e) => e.type === 'error') as Extract<QueryEvent, { type: 'error' }>
    expect(error.statementIndex).toBe(1)
    expect(error.error.code).toBe('SQL_ERROR')
    expect(error.error.message).toMatch(/no_such_table/)
    expect(error.range).toEqual({ start: 100 + sql.indexOf('select *'), end: 100 + sql.length })
    expect(finalResults(events)).toHaveLength(1)
    const [entry] = h.queries.history.list({ limit: 1 })
    expect(entry).toMatchObject({ status: 'error', error: expect.stringMatching(/no_such_table/) })
  })

  it('keeps memory to the cap and sorts/filters the whole spilled result', async () => {
    const events = await h.run(conn, 'with recursive s(i) as (select 1 union all select i + 1 from s where i < 20000) select i, i % 7 as m, \'row \' || i as label from s')
    const [result] = finalResults(events)
    expect(result).toMatchObject({ rowCount: 20000, done: true, spilled: true })
    expect(events.some((e) => e.type === 'progress')).toBe(true)
    const tail = await rowsOf(result.resultId, 19998, 10)
    expect(tail.rows).toEqual([[19999, 19999 % 7, 'row 19999'], [20000, 20000 % 7, 'row 20000']])
    const sorted = await h.queries.rows({ resultId: result.resultId, offset: 0, limit: 2, sort: [{ column: 0, direction: 'desc' }] })
    expect(sorted.rows.map((r) => r[0])).toEqual([20000, 19999])
    const filtered = await h.queries.rows({ resultId: result.resultId, offset: 0, limit: 1, filter: [{ column: 1, op: 'equals', value: '0' }], sort: [{ column: 0, direction: 'desc' }] })
    expect(filtered.total).toBe(Math.floor(20000 / 7))
    expect(filtered.rows[0][0]).toBe(19999)
  })

  it('cancels a long statement; history shows it running meanwhile, then the same entry cancelled', async () => {
    const sql = 'with recursive s(i) as (select 1 union all select i + 1 from s where i < 50000000) select i from s'
    const { runId } = await h.queries.run({ connectionId: conn, sql })
    await new Promise<void>((resolve) => h.on((name, p) => name === 'query.event' && (p as QueryEvent).runId === runId && (p as QueryEvent).type === 'progress' && resolve()))
    const [running] = h.queries.history.list({ limit: 1 })
    expect(running).toMatchObject({ sql, status: 'running', connectionId: conn })
    expect(h.queries.history.list({ search: '50000000', limit: 5 }).map((e) => e.id)).toEqual([running.id])
    expect(h.events.filter((e) => e.name === 'history.started').at(-1)?.payload).toEqual(running)
    await h.queries.cancel(runId)
    await h.queries.settled(runId)
    const events = h.queryEvents(runId)
    expect(events.at(-1)).toMatchObject({ type: 'finished', cancelled: true })
    const [result] = finalResults(events)
    expect(result.rowCount).toBeGreaterThan(0)
    expect(result.rowCount).toBeLessThan(50000000)
    const [done] = h.queries.history.list({ limit: 1 })
    expect(done).toMatchObject({ id: running.id, status: 'cancelled', rows: result.rowCount })
    expect(done.durationMs).toBeGreaterThan(0)
    expect(h.events.filter((e) => e.name === 'history.added').at(-1)?.payload).toEqual(done)
  })

  it('keeps one session per tab (temp tables survive between runs)', async () => {
    await h.run(conn, 'create temp table scratch (x integer); insert into scratch values (42)', { tabId: 'tab-1' })
    const [result] = finalResults(await h.run(conn, 'select x from scratch', { tabId: 'tab-1' }))
    expect((await rowsOf(result.resultId)).rows).toEqual([[42]])
    const other = await h.run(conn, 'select x from scratch', { tabId: 'tab-2' })
    expect(other.find((e) => e.type === 'error')).toBeTruthy()
    // a new run in the tab released that tab's previous result
    await h.run(conn, 'select 1', { tabId: 'tab-1' })
    await expect(rowsOf(result.resultId)).rejects.toThrow(/no longer available/)
  })

  it('a run with DDL (as the analyser classifies it) asks for a schema refresh; reads and writes do not', async () => {
    h.schemaChanges.length = 0
    await h.run(conn, 'select 1; /* note */ update t set name = name')
    expect(h.schemaChanges).toEqual([])
    await h.run(conn, '-- audit\n  create table schema_probe (id integer); drop table schema_probe')
    expect(h.schemaChanges).toEqual([conn])
  })

  it('a second run in a busy tab is refused, even when both are asked for at once', async () => {
    const slow = 'with recursive c(i) as (select 1 union all select i + 1 from c where i < 3000000) select count(*) from c'
    const first = h.queries.run({ connectionId: conn, sql: slow, tabId: 'race-tab' })
    const second = h.queries.run({ connectionId: conn, sql: 'select 1', tabId: 'race-tab' })
    const [a, b] = await Promise.allSettled([first, second])
    expect(a.status).toBe('fulfilled')
    expect(b).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/still running in this tab/) } })
    await h.queries.cancel((a as PromiseFulfilledResult<{ runId: string }>).value.runId)
    await h.queries.settled((a as PromiseFulfilledResult<{ runId: string }>).value.runId)
    const after = await h.run(conn, 'select 2 as two', { tabId: 'race-tab' })
    expect(finalResults(after)).toHaveLength(1)
  })

  it('asks for confirmation before writes on a production connection', async () => {
    const prod = h.connection({ dialect: 'sqlite', filePath: join(h.dir, 'data.db'), tag: 'production', readOnly: false })
    await expect(h.queries.run({ connectionId: prod, sql: 'delete from t' })).rejects.toThrow(/production/)
    const events = await h.run(prod, 'select count(*) from t')
    expect(finalResults(events)).toHaveLength(1)
    const { runId } = await h.queries.run({ connectionId: prod, sql: 'update t set name = name', confirmedWrite: true })
    await h.queries.settled(runId)
    expect(h.queryEvents(runId).find((e) => e.type === 'error')).toBeUndefined()
  })

  it('does not ask to confirm a write on a read-only production connection: the database refuses it', async () => {
    const prodRo = h.connection({ dialect: 'sqlite', filePath: join(h.dir, 'data.db'), tag: 'production', readOnly: true })
    const before = (await rowsOf(finalResults(await h.run(conn, 'select count(*) from t'))[0].resultId)).rows
    const events = await h.run(prodRo, 'delete from t')
    const error = events.find((e) => e.type === 'error') as Extract<QueryEvent, { type: 'error' }>
    expect(error.error.code).toBe('READ_ONLY')
    expect((await rowsOf(finalResults(await h.run(conn, 'select count(*) from t'))[0].resultId)).rows).toEqual(before)
  })

  it('exports a stored result and a server query to CSV that parses back to the same rows', async () => {
    const sql = `with recursive s(i) as (select 1 union all select i + 1 from s where i < 3000) select i, 'x,"y"' || char(10) || i as tricky, null as n from s`
    const [result] = finalResults(await h.run(conn, sql))
    const progress: EventPayload<'export.progress'>[] = []
    h.on((name, p) => name === 'export.progress' && progress.push(p as EventPayload<'export.progress'>))
    const fromResult = await h.exports.start({ source: { kind: 'result', resultId: result.resultId }, format: 'csv', fileName: 'result', header: true })
    const fromQuery = await h.exports.start({ source: { kind: 'query', connectionId: conn, sql }, format: 'csv', fileName: 'result', header: true })
    await h.exports.idle()
    expect(fromResult.path).not.toBe(fromQuery.path)
    for (const { exportId, path } of [fromResult, fromQuery]) {
      expect(progress.filter((p) => p.exportId === exportId).at(-1)).toMatchObject({ state: 'done', rows: 3000 })
      const text = readFileSync(path, 'utf8')
      expect(text.slice(0, 20)).toBe('i,tricky,n\r\n1,"x,""y')
      const parsed = parse(text, { columns: true }) as Record<string, string>[]
      expect(parsed).toHaveLength(3000)
      expect(parsed[2999]).toEqual({ i: '3000', tricky: 'x,"y"\n3000', n: '' })
    }
  })
})
