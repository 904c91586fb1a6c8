import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QueryHarness } from '../../src/main/services/query/testing/query-harness'
import { runInTab, serverConnection } from './tab-runs'

/** What the error panel shows: the server's DETAIL, HINT and CONTEXT, and where in the run's text the error is. */
let h: QueryHarness
beforeAll(() => {
  h = new QueryHarness()
})
afterAll(async () => {
  await h.close()
})

describe.skipIf(!process.env.PG_URL)('error detail: PostgreSQL', () => {
  let conn: string
  beforeAll(async () => {
    conn = serverConnection(h, 'postgres')
    expect((await runInTab(h, conn, undefined, 'drop table if exists qg_err_detail')).error).toBeUndefined()
    expect((await runInTab(h, conn, undefined, 'create table qg_err_detail (id integer primary key, name text)')).error).toBeUndefined()
    expect((await runInTab(h, conn, undefined, "insert into qg_err_detail values (1, 'a')")).error).toBeUndefined()
  })

  it('a unique violation carries the DETAIL line', async () => {
    const r = await runInTab(h, conn, 'detail-pg', "insert into qg_err_detail values (1, 'b')")
    expect(r.error?.code).toBe('SQL_ERROR')
    expect(r.error?.detail).toMatchObject({ sqlState: '23505', serverDetail: 'Key (id)=(1) already exists.' })
  })

  it('a misspelled column carries the HINT, and its line and column in the script', async () => {
    const sql = 'select 1;\nselect 2;\nselect nme from qg_err_detail'
    const r = await runInTab(h, conn, 'hint-pg', sql)
    expect(r.error?.detail?.hint).toMatch(/Perhaps you meant to reference the column "qg_err_detail.name"/)
    expect(r.error?.detail).toMatchObject({ line: 3, column: 8 })
    expect(r.errorEvent?.offset).toBe(sql.indexOf('nme'))

    // run at the cursor, from a place in the editor: the line and column are still in the run's text
    const cursor = await runInTab(h, conn, 'hint-pg', sql, { cursorOffset: sql.length - 2, editorOffset: 50 })
    expect(cursor.error?.detail).toMatchObject({ line: 3, column: 8, position: sql.indexOf('nme') + 1 })
    expect(cursor.errorEvent?.offset).toBe(50 + sql.indexOf('nme'))
    expect(cursor.errorEvent?.range).toEqual({ start: 50 + sql.indexOf('select nme'), end: 50 + sql.length })
  })

  it('an error inside a function carries its CONTEXT', async () => {
    const r = await runInTab(h, conn, 'context-pg', 'do $$ begin perform 1 / 0; end $$')
    expect(r.error?.detail?.sqlState).toBe('22012')
    expect(r.error?.detail?.context).toMatch(/PL\/pgSQL/)
  })
})

describe.skipIf(!process.env.MYSQL_URL)('error detail: MySQL/MariaDB', () => {
  it('a syntax error names its line in the script', async () => {
    const conn = serverConnection(h, 'mysql')
    const sql = 'select 1;\nselect 2;\nselect * fromm qg_no_such_table'
    const r = await runInTab(h, conn, 'line-my', sql)
    expect(r.error?.code).toBe('SQL_ERROR')
    expect(r.error?.detail?.line).toBe(3)
    const cursor = await runInTab(h, conn, 'line-my', sql, { cursorOffset: sql.length - 1 })
    expect(cursor.error?.detail?.line).toBe(3)
  })
})
