import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QueryHarness } from '../../src/main/services/query/testing/query-harness'
import { runInTab, serverConnection } from './tab-runs'

/**
 * A tab whose session dies with a transaction open never reports success for it: the next run fails with
 * CONNECTION_LOST and transaction 'lost' without running anything, the changes are gone, and the tab then goes on
 * normally on a fresh session. A run cut off by the loss says the transaction was not committed.
 */
interface Case {
  dialect: 'postgres' | 'mysql'
  label: string
  skip?: string
  backendId: string
  /** Ends the session `id` from another session and returns once it is gone. */
  kill(id: string): string
  sleep: string
}

const TABLE = 'qg_tx_lost'
const cases: Case[] = [
  {
    dialect: 'postgres',
    label: 'PostgreSQL',
    skip: process.env.PG_URL ? undefined : 'PG_URL is not set',
    backendId: 'select pg_backend_pid()',
    kill: (id) => `select pg_terminate_backend(${id}, 5000)`,
    sleep: 'select pg_sleep(20)'
  },
  {
    dialect: 'mysql',
    label: 'MySQL/MariaDB',
    skip: process.env.MYSQL_URL ? undefined : 'MYSQL_URL is not set',
    backendId: 'select connection_id()',
    kill: (id) => `KILL ${id}`,
    sleep: 'select sleep(20)'
  }
]

let h: QueryHarness
beforeAll(() => {
  h = new QueryHarness()
})
afterAll(async () => {
  await h.close()
})

async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 50))
  }
}

for (const c of cases) {
  describe.skipIf(!!c.skip)(`lost session: ${c.label}${c.skip ? ` (skipped: ${c.skip})` : ''}`, () => {
    let conn: string
    const count = async (id: number): Promise<string | null> => (await runInTab(h, conn, undefined, `select count(*) from ${TABLE} where id = ${id}`)).value
    const gone = async (id: string): Promise<boolean> => {
      const sql = c.dialect === 'postgres' ? `select count(*) from pg_stat_activity where pid = ${id}` : `select count(*) from information_schema.processlist where id = ${id}`
      return (await runInTab(h, conn, undefined, sql)).value === '0'
    }

    beforeAll(async () => {
      conn = serverConnection(h, c.dialect)
      expect((await runInTab(h, conn, undefined, `drop table if exists ${TABLE}`)).error).toBeUndefined()
      expect((await runInTab(h, conn, undefined, `create table ${TABLE} (id integer primary key)`)).error).toBeUndefined()
    })

    it('a COMMIT after the session was killed fails with CONNECTION_LOST, transaction lost; the next run works', async () => {
      const tab = `lost-${c.dialect}`
      expect(await runInTab(h, conn, tab, `insert into ${TABLE} values (42)`, { autoCommit: false })).toMatchObject({ error: undefined, transaction: 'open' })
      const backend = await runInTab(h, conn, tab, c.backendId, { autoCommit: false })
      expect(backend).toMatchObject({ error: undefined, transaction: 'open' })
      expect((await runInTab(h, conn, undefined, c.kill(backend.value!))).error).toBeUndefined()
      await until(() => gone(backend.value!))

      const commit = await runInTab(h, conn, tab, 'COMMIT', { autoCommit: false })
      expect(commit.error?.code).toBe('CONNECTION_LOST')
      expect(commit.error?.message).toMatch(/nothing in it was committed/)
      expect(commit.transaction).toBe('lost')
      expect(await count(42)).toBe('0')

      // reported once: the tab goes on on a fresh session
      const after = await runInTab(h, conn, tab, 'select 1')
      expect(after).toMatchObject({ error: undefined, transaction: 'none', value: '1' })
      expect(await h.queries.transactionState(tab)).toBe('none')
    })

    it('the UI can see the loss before running anything', async () => {
      const tab = `lost-state-${c.dialect}`
      const backend = await runInTab(h, conn, tab, c.backendId, { autoCommit: false })
      expect(backend.transaction).toBe('open')
      expect(await h.queries.transactionState(tab)).toBe('open')
      expect((await runInTab(h, conn, undefined, c.kill(backend.value!))).error).toBeUndefined()
      await until(async () => (await h.queries.transactionState(tab)) === 'lost')
      const next = await runInTab(h, conn, tab, 'select 1')
      expect(next).toMatchObject({ transaction: 'lost' })
      expect(next.error?.code).toBe('CONNECTION_LOST')
      expect(await runInTab(h, conn, tab, 'select 1')).toMatchObject({ error: undefined, transaction: 'none', value: '1' })
    })

    it('a run cut off by the loss while a transaction is open says the transaction was not committed', async () => {
      const tab = `lost-midrun-${c.dialect}`
      expect(await runInTab(h, conn, tab, `insert into ${TABLE} values (43)`, { autoCommit: false })).toMatchObject({ error: undefined, transaction: 'open' })
      const backend = await runInTab(h, conn, tab, c.backendId, { autoCommit: false })
      const sleeping = runInTab(h, conn, tab, c.sleep, { autoCommit: false })
      const busy = c.dialect === 'postgres' ? `select count(*) from pg_stat_activity where pid = ${backend.value} and state = 'active'` : `select count(*) from information_schema.processlist where id = ${backend.value} and info like 'select sleep%'`
      await until(async () => (await runInTab(h, conn, undefined, busy)).value === '1')
      expect((await runInTab(h, conn, undefined, c.kill(backend.value!))).error).toBeUndefined()
      const cut = await sleeping
      expect(cut.error?.code).toBe('CONNECTION_LOST')
      expect(cut.error?.message).toMatch(/not committed|nothing in it was committed/)
      expect(cut.transaction).toBe('lost')
      expect(await count(43)).toBe('0')
      expect(await runInTab(h, conn, tab, 'select 1')).toMatchObject({ error: undefined, transaction: 'none', value: '1' })
    })

    it('closing the session on purpose is not reported as a loss', async () => {
      const tab = `lost-closed-${c.dialect}`
      expect(await runInTab(h, conn, tab, `insert into ${TABLE} values (44)`, { autoCommit: false })).toMatchObject({ transaction: 'open' })
      await h.queries.closeSession(tab)
      expect(await h.queries.transactionState(tab)).toBe('none')
      expect(await runInTab(h, conn, tab, 'select 1')).toMatchObject({ error: undefined, transaction: 'none' })
      expect(await count(44)).toBe('0')
    })
  })
}
