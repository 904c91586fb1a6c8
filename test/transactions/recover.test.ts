import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/shared/cells'
import type { QueryEvent } from '../../src/shared/contract'
import { parseConnectionUrl } from '../../src/main/services/connections/url'
import { finalResults, QueryHarness } from '../../src/main/services/query/testing/query-harness'

/**
 * After an error inside an explicit transaction, on every engine and on read-only and writable connections alike,
 * ROLLBACK works, the tab learns the transaction state (so the UI can offer Rollback) and the tab keeps working.
 */
interface Case {
  label: string
  dialect: Dialect
  skip?: string
  connection(h: QueryHarness, readOnly: boolean): string
  /** Fails inside a transaction (a server error, not a refusal by the analyser). */
  failing: string
  /** Engines where an error aborts the whole transaction. */
  abortsOnError: boolean
  /** Read-only connections refuse transaction statements (the driver runs each script in a read-only transaction of its own). */
  readOnlyRefusesTransactions?: boolean
}

let sqliteDir: string
const cases: Case[] = [
  {
    label: 'PostgreSQL',
    dialect: 'postgres',
    skip: process.env.PG_URL ? undefined : 'PG_URL is not set',
    connection: (h, readOnly) => h.connection({ ...parseConnectionUrl(process.env.PG_URL!), dialect: 'postgres', name: 'pg', readOnly } as never),
    failing: 'select 1 / 0',
    abortsOnError: true
  },
  {
    label: 'MySQL/MariaDB',
    dialect: 'mysql',
    skip: process.env.MYSQL_URL ? undefined : 'MYSQL_URL is not set',
    connection: (h, readOnly) => h.connection({ ...parseConnectionUrl(process.env.MYSQL_URL!), dialect: 'mysql', name: 'my', readOnly } as never),
    failing: 'select * from qg_no_such_table',
    abortsOnError: false
  },
  {
    label: 'SQLite',
    dialect: 'sqlite',
    connection: (h, readOnly) => h.connection({ dialect: 'sqlite', filePath: join(sqliteDir, 'tx.db'), readOnly }),
    failing: 'select * from qg_no_such_table',
    abortsOnError: false
  },
  {
    label: 'DuckDB',
    dialect: 'duckdb',
    connection: (h, readOnly) => h.connection({ dialect: 'duckdb', filePath: join(sqliteDir, 'tx.duckdb'), readOnly }),
    // an execution error (a missing table is a binder error, which DuckDB survives)
    failing: "select error('qg: failing on purpose')",
    abortsOnError: true,
    readOnlyRefusesTransactions: true
  }
]

let h: QueryHarness
beforeAll(async () => {
  sqliteDir = mkdtempSync(join(tmpdir(), 'qg-tx-'))
  const db = new Database(join(sqliteDir, 'tx.db'))
  db.exec('create table t (id integer primary key)')
  db.close()
  const duck = await DuckDBInstance.create(join(sqliteDir, 'tx.duckdb'))
  const dc = await duck.connect()
  await dc.run('create table t (id integer primary key)')
  dc.closeSync()
  duck.closeSync()
  h = new QueryHarness()
})
afterAll(async () => {
  await h.close()
  rmSync(sqliteDir, { recursive: true, force: true })
})

async function runInTab(connectionId: string, tabId: string, sql: string): Promise<{ error?: string; code?: string; transaction?: string; rows: number }> {
  const events = await h.run(connectionId, sql, { tabId })
  const error = events.find((e): e is Extract<QueryEvent, { type: 'error' }> => e.type === 'error')
  const finished = events.find((e): e is Extract<QueryEvent, { type: 'finished' }> => e.type === 'finished')
  return { error: error?.error.message, code: error?.error.code, transaction: finished?.transaction, rows: finalResults(events).reduce((n, r) => n + r.rowCount, 0) }
}

for (const c of cases) {
  for (const readOnly of [false, true]) {
    describe.skipIf(!!c.skip)(`transactions recover: ${c.label}, ${readOnly ? 'read-only' : 'writable'}${c.skip ? ` (skipped: ${c.skip})` : ''}`, () => {
      it('an error inside BEGIN leaves a state the tab can see, ROLLBACK works, and the tab keeps working', async () => {
        const conn = c.connection(h, readOnly)
        const tab = `tx-${c.dialect}-${readOnly}`
        if (readOnly && c.readOnlyRefusesTransactions) {
          // no transaction of the user's here: BEGIN and ROLLBACK are refused, and a failure leaves nothing behind
          expect(await runInTab(conn, tab, 'BEGIN')).toMatchObject({ code: 'READ_ONLY', transaction: 'none' })
          const failed = await runInTab(conn, tab, c.failing)
          expect(failed.error).toBeTruthy()
          expect(failed.transaction).toBe('none')
          expect(await runInTab(conn, tab, 'ROLLBACK')).toMatchObject({ code: 'READ_ONLY', transaction: 'none' })
          expect(await runInTab(conn, tab, 'select 1 as one')).toMatchObject({ error: undefined, transaction: 'none', rows: 1 })
          return
        }
        const begun = await runInTab(conn, tab, 'BEGIN')
        expect(begun).toMatchObject({ error: undefined })
        // every engine here reports its state: an engine that cannot tell would leave `transaction` out
        expect(begun.transaction).toBe('open')
        const failed = await runInTab(conn, tab, c.failing)
        expect(failed.error).toBeTruthy()
        if (!c.abortsOnError) expect(failed.transaction).toBe('open')
        if (c.abortsOnError) {
          expect(failed.transaction).toBe('failed')
          // every later statement fails until ROLLBACK: the tab must still say so, not an internal error
          const stuck = await runInTab(conn, tab, 'select 1')
          expect(stuck.error).toMatch(/aborted/i)
          expect(stuck.transaction).toBe('failed')
        }
        const rolledBack = await runInTab(conn, tab, 'ROLLBACK')
        expect(rolledBack.error).toBeUndefined()
        expect(rolledBack.transaction).toBe('none')
        const after = await runInTab(conn, tab, 'select 1 as one')
        expect(after).toMatchObject({ error: undefined, transaction: 'none', rows: 1 })
      })
    })
  }
}
