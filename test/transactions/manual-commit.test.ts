import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QueryHarness } from '../../src/main/services/query/testing/query-harness'
import { runInTab, serverConnection } from './tab-runs'

/**
 * Manual commit (autoCommit: false): a tab's first run opens a transaction, its changes stay invisible to other
 * sessions until COMMIT, and ROLLBACK discards them. Read-only connections run in a read transaction (or, where the
 * engine refuses transaction statements on a read-only session, without one).
 */
interface Case {
  label: string
  skip?: string
  connection(h: QueryHarness, readOnly: boolean): string
  /** Read-only sessions refuse BEGIN (DuckDB runs each read-only script in a transaction of its own). */
  readOnlyRunsWithout?: boolean
}

const TABLE = 'qg_tx_manual'
let dir: string
const cases: Case[] = [
  {
    label: 'PostgreSQL',
    skip: process.env.PG_URL ? undefined : 'PG_URL is not set',
    connection: (h, readOnly) => serverConnection(h, 'postgres', readOnly)
  },
  {
    label: 'MySQL/MariaDB',
    skip: process.env.MYSQL_URL ? undefined : 'MYSQL_URL is not set',
    connection: (h, readOnly) => serverConnection(h, 'mysql', readOnly)
  },
  { label: 'SQLite', connection: (h, readOnly) => h.connection({ dialect: 'sqlite', filePath: join(dir, 'manual.db'), readOnly }) },
  { label: 'DuckDB', connection: (h, readOnly) => h.connection({ dialect: 'duckdb', filePath: join(dir, 'manual.duckdb'), readOnly }), readOnlyRunsWithout: true }
]

let h: QueryHarness
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qg-manual-'))
  const db = new Database(join(dir, 'manual.db'))
  db.exec(`create table ${TABLE} (id integer primary key)`)
  db.close()
  const duck = await DuckDBInstance.create(join(dir, 'manual.duckdb'))
  const dc = await duck.connect()
  await dc.run(`create table ${TABLE} (id integer primary key)`)
  dc.closeSync()
  duck.closeSync()
  h = new QueryHarness()
})
afterAll(async () => {
  await h.close()
  rmSync(dir, { recursive: true, force: true })
})

const manual = { autoCommit: false }

for (const c of cases) {
  describe.skipIf(!!c.skip)(`manual commit: ${c.label}${c.skip ? ` (skipped: ${c.skip})` : ''}`, () => {
    it('opens a transaction on the first run; others see the changes only after COMMIT; ROLLBACK discards them', async () => {
      const conn = c.connection(h, false)
      const tab = `manual-${c.label}`
      const other = `other-${c.label}`
      if (c.label === 'PostgreSQL' || c.label === 'MySQL/MariaDB') {
        expect((await runInTab(h, conn, undefined, `drop table if exists ${TABLE}`)).error).toBeUndefined()
        expect((await runInTab(h, conn, undefined, `create table ${TABLE} (id integer primary key)`)).error).toBeUndefined()
      }
      const count = async (): Promise<string | null> => {
        const r = await runInTab(h, conn, other, `select count(*) from ${TABLE}`)
        expect(r.error).toBeUndefined()
        expect(r.transaction).toBe('none')
        return r.value
      }

      const first = await runInTab(h, conn, tab, `insert into ${TABLE} values (1)`, manual)
      expect(first.error).toBeUndefined()
      expect(first.transaction).toBe('open')
      expect(first.messages.join('\n')).toMatch(/auto-commit is off/)
      expect(await h.queries.transactionState(tab)).toBe('open')
      expect(await count()).toBe('0')

      // the transaction is open already: no second BEGIN (PostgreSQL would warn, MySQL would commit the first)
      const second = await runInTab(h, conn, tab, `insert into ${TABLE} values (2)`, manual)
      expect(second).toMatchObject({ error: undefined, transaction: 'open' })
      expect(second.messages.join('\n')).not.toMatch(/auto-commit is off/)
      expect(await count()).toBe('0')

      // the run's own first statement is a transaction statement: nothing is begun before it
      const committed = await runInTab(h, conn, tab, 'COMMIT', manual)
      expect(committed).toMatchObject({ error: undefined, transaction: 'none' })
      expect(await h.queries.transactionState(tab)).toBe('none')
      expect(await count()).toBe('2')

      const deleted = await runInTab(h, conn, tab, `delete from ${TABLE}`, manual)
      expect(deleted).toMatchObject({ error: undefined, transaction: 'open' })
      expect(await count()).toBe('2')
      const rolledBack = await runInTab(h, conn, tab, 'ROLLBACK', manual)
      expect(rolledBack).toMatchObject({ error: undefined, transaction: 'none' })
      expect(await count()).toBe('2')

      // auto-commit again (the default): nothing is held open
      expect(await runInTab(h, conn, tab, `delete from ${TABLE} where id = 2`)).toMatchObject({ error: undefined, transaction: 'none' })
      expect(await count()).toBe('1')
      await h.queries.closeSession(tab)
      await h.queries.closeSession(other)
      expect(await h.queries.transactionState(tab)).toBe('none')
    })

    it('a read-only connection runs in a read transaction, or says it runs without one', async () => {
      const conn = c.connection(h, true)
      const tab = `manual-ro-${c.label}`
      const r = await runInTab(h, conn, tab, `select count(*) from ${TABLE}`, manual)
      expect(r.error).toBeUndefined()
      expect(r.value).not.toBeNull()
      if (c.readOnlyRunsWithout) {
        expect(r.transaction).toBe('none')
        expect(r.messages.join('\n')).toMatch(/read-only connection runs no transaction/)
      } else {
        expect(r.transaction).toBe('open')
        expect(await runInTab(h, conn, tab, 'ROLLBACK', manual)).toMatchObject({ error: undefined, transaction: 'none' })
      }
      await h.queries.closeSession(tab)
    })
  })
}
