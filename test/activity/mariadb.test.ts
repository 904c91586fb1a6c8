import mysql from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActivitySnapshot } from '../../src/shared/contract'
import { parseConnectionUrl } from '../../src/main/services/connections/url'
import { uniqueName } from '../conformance/engines'
import { ActivityClient } from './activity-client'
import { pollUntil } from './poll'

const url = process.env.MYSQL_URL
if (!url) console.log('[activity] MYSQL_URL not set: skipping the MariaDB activity tests')

/** The InnoDB row-lock version of the PostgreSQL chain: A holds the row, B waits for A, C waits for the row too. */
describe.skipIf(!url)('activity on MariaDB/MySQL (MYSQL_URL)', () => {
  const table = uniqueName('activity')
  const clients: mysql.Connection[] = []
  let app: ActivityClient
  let writable: string
  let readOnly: string
  let observer: mysql.Connection
  let a: mysql.Connection, b: mysql.Connection, c: mysql.Connection
  let idA: number, idB: number, idC: number
  let bUpdate: Promise<unknown>, cUpdate: Promise<unknown>

  const client = async (): Promise<mysql.Connection> => {
    const cl = await mysql.createConnection(url!)
    cl.on('error', () => undefined) // A is killed on purpose
    clients.push(cl)
    return cl
  }
  const lockWaiting = async (id: number): Promise<boolean> => {
    const [rows] = await observer.query(`select trx_state from information_schema.INNODB_TRX where trx_mysql_thread_id = ?`, [id])
    return (rows as { trx_state: string }[])[0]?.trx_state === 'LOCK WAIT'
  }
  const updating = async (id: number): Promise<boolean> => {
    const [rows] = await observer.query(`select 1 from information_schema.PROCESSLIST where ID = ? and COMMAND = 'Query' and STATE = 'Updating'`, [id])
    return (rows as unknown[]).length === 1
  }
  const exists = async (id: number): Promise<boolean> => {
    const [rows] = await observer.query('select 1 from information_schema.PROCESSLIST where ID = ?', [id])
    return (rows as unknown[]).length === 1
  }
  const session = (snap: ActivitySnapshot, pid: number) => snap.sessions.find((s) => s.pid === pid)

  beforeAll(async () => {
    app = await ActivityClient.start()
    writable = await app.connection({ ...parseConnectionUrl(url!), dialect: 'mysql', name: 'activity maria' })
    readOnly = await app.connection({ ...parseConnectionUrl(url!), dialect: 'mysql', name: 'activity maria read-only', readOnly: true })
    observer = await client()
    await observer.query(`create table ${table} (id int primary key, v int) engine = InnoDB`)
    await observer.query(`insert into ${table} values (1, 0)`)
    ;[a, b, c] = [await client(), await client(), await client()]
    ;[idA, idB, idC] = [a.threadId!, b.threadId!, c.threadId!]
    // the waits must outlast the test, not InnoDB's 50 s default
    for (const waiter of [b, c]) await waiter.query('set session innodb_lock_wait_timeout = 300')
    await a.query('begin')
    await a.query(`update ${table} set v = 1 where id = 1`)
    bUpdate = b.query(`update ${table} set v = 2 where id = 1`).then(
      () => 'done',
      (err: unknown) => err
    )
    // other suites share the server and can slow it down
    await pollUntil(() => lockWaiting(idB), 'B waits for a lock', 90_000)
    cUpdate = c.query(`update ${table} set v = 3 where id = 1`).then(
      () => 'done',
      (err: unknown) => err
    )
    // C queues for the same row; MariaDB's INNODB_TRX does not always list a second waiter of a row (seen in CI), so C
    // is waited for as a running UPDATE and the chain asserted from the lock views is A → B
    await pollUntil(() => updating(idC), 'C runs its UPDATE', 90_000)
  })

  afterAll(async () => {
    for (const cl of clients.filter((x) => x !== observer)) cl.destroy()
    await observer?.query(`drop table if exists ${table}`).catch(() => undefined)
    await observer?.end().catch(() => undefined)
    await app?.close()
  })

  it('shows B blocked by A and the tree from A, from information_schema.INNODB_LOCK_WAITS', async () => {
    const snap = await app.snapshot(writable)
    expect(session(snap, idA)).toMatchObject({ state: 'Sleep', blockedBy: [], statementMs: null })
    expect(session(snap, idA)!.transactionMs).toBeGreaterThanOrEqual(0)
    expect(session(snap, idB)).toMatchObject({ state: 'Query', blockedBy: [idA], statement: `update ${table} set v = 2 where id = 1` })
    expect(session(snap, idB)!.wait).toMatch(/^InnoDB lock wait/)
    expect(snap.blockingTree).toContainEqual({ pid: idA, depth: 0, waitsFor: null })
    expect(snap.blockingTree).toContainEqual({ pid: idB, depth: 1, waitsFor: idA })
    expect(snap.locks.some((l) => l.pid === idA && l.granted && l.lockType === 'RECORD')).toBe(true)
    expect(snap.locks.some((l) => l.pid === idB && !l.granted)).toBe(true)
    expect(snap.locksNote).toMatch(/information_schema\.INNODB_LOCKS/)
    expect(session(snap, snap.ownPid!)).toBeUndefined()
  })

  it('says statement statistics are unavailable when performance_schema is off', async () => {
    const [rows] = await observer.query('select @@performance_schema as on_')
    const snap = await app.snapshot(writable)
    if (Number((rows as { on_: number }[])[0].on_) === 1) return
    expect(snap.topStatements).toMatchObject({ available: false, rows: [] })
    expect(snap.topStatements.reason).toMatch(/performance_schema is off/)
  })

  it('refuses cancel and terminate on a read-only connection before anything is sent', async () => {
    for (const action of ['activity.cancel', 'activity.terminate'] as const) {
      expect(await app.dispatch(action, { connectionId: readOnly, pid: idB, confirmed: true })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } })
    }
    expect(await lockWaiting(idB)).toBe(true)
    expect(await app.auditEntries(readOnly)).toEqual([])
  })

  it('cancels B with KILL QUERY: its statement is interrupted', async () => {
    expect(await app.dispatch('activity.cancel', { connectionId: writable, pid: idB, confirmed: true })).toMatchObject({ ok: true, value: { signalled: true } })
    const err = (await bUpdate) as { errno?: number; message?: string }
    expect(err.errno).toBe(1317)
    expect(err.message).toMatch(/interrupted/i)
    expect(await exists(idB)).toBe(true)
  })

  it('terminates A with KILL CONNECTION: its connection is gone, C goes through, the chain disappears', async () => {
    expect(await app.dispatch('activity.terminate', { connectionId: writable, pid: idA, confirmed: true })).toMatchObject({ ok: true, value: { signalled: true } })
    await pollUntil(async () => !(await exists(idA)), 'A is gone')
    expect(await cUpdate).toBe('done')
    const snap = await app.snapshot(writable)
    expect(snap.blockingTree.filter((r) => [idA, idB, idC].includes(r.pid))).toEqual([])
    const entries = (await app.auditEntries(writable)).map((e) => ({ source: e.source, kind: e.kind, statement: e.statement }))
    expect(entries).toContainEqual({ source: 'activity', kind: 'admin', statement: `KILL QUERY ${idB}` })
    expect(entries).toContainEqual({ source: 'activity', kind: 'admin', statement: `KILL CONNECTION ${idA}` })
  })
})
