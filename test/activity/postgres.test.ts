import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActivitySnapshot, AuditEntry } from '../../src/shared/contract'
import { parseConnectionUrl } from '../../src/main/services/connections/url'
import { uniqueName } from '../conformance/engines'
import { ActivityClient } from './activity-client'
import { pollUntil } from './poll'

const url = process.env.PG_URL

/**
 * A real blocking chain on the shared server: A holds a row lock in an open transaction, B updates the same row and
 * waits for A, C updates it too and waits behind B. The activity view must show it, cancel B, and end A.
 */
describe.skipIf(!url)('activity on PostgreSQL (PG_URL)', () => {
  const table = uniqueName('activity')
  const clients: pg.Client[] = []
  let app: ActivityClient
  let writable: string
  let readOnly: string
  let a: pg.Client, b: pg.Client, c: pg.Client
  let pidA: number, pidB: number, pidC: number
  let bUpdate: Promise<unknown>, cUpdate: Promise<unknown>

  const client = async (name: string): Promise<pg.Client> => {
    const cl = new pg.Client({ connectionString: url, application_name: name })
    cl.on('error', () => undefined) // A is terminated on purpose
    await cl.connect()
    clients.push(cl)
    return cl
  }
  const pidOf = async (cl: pg.Client): Promise<number> => (await cl.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid
  /** The server's own word that a backend waits for a lock (polled, never slept on). */
  const waitsOnLock = async (pid: number): Promise<boolean> => {
    const r = await observer.query(`select wait_event_type = 'Lock' as waiting from pg_stat_activity where pid = $1`, [pid])
    return r.rows[0]?.waiting === true
  }
  const exists = async (pid: number): Promise<boolean> => (await observer.query('select 1 from pg_stat_activity where pid = $1', [pid])).rowCount === 1
  let observer: pg.Client

  beforeAll(async () => {
    app = await ActivityClient.start()
    writable = await app.connection({ ...parseConnectionUrl(url!), dialect: 'postgres', name: 'activity pg' })
    readOnly = await app.connection({ ...parseConnectionUrl(url!), dialect: 'postgres', name: 'activity pg read-only', readOnly: true })
    observer = await client('qg-activity-observer')
    await observer.query(`create table ${table} (id int primary key, v int)`)
    await observer.query(`insert into ${table} values (1, 0)`)
    ;[a, b, c] = [await client('qg-activity-A'), await client('qg-activity-B'), await client('qg-activity-C')]
    ;[pidA, pidB, pidC] = [await pidOf(a), await pidOf(b), await pidOf(c)]
    await a.query('begin')
    await a.query(`update ${table} set v = 1 where id = 1`)
    bUpdate = b.query(`update ${table} set v = 2 where id = 1`).then(
      () => 'done',
      (err: unknown) => err
    )
    await pollUntil(() => waitsOnLock(pidB), 'B waits for a lock', 90_000)
    cUpdate = c.query(`update ${table} set v = 3 where id = 1`).then(
      () => 'done',
      (err: unknown) => err
    )
    await pollUntil(() => waitsOnLock(pidC), 'C waits for a lock', 90_000)
  })

  afterAll(async () => {
    for (const cl of clients.filter((x) => x !== observer)) await cl.end().catch(() => undefined)
    await observer?.query(`drop table if exists ${table}`).catch(() => undefined)
    await observer?.end().catch(() => undefined)
    await app?.close()
  })

  const session = (snap: ActivitySnapshot, pid: number) => snap.sessions.find((s) => s.pid === pid)

  it('shows B blocked by A, C waiting behind B, and the tree A → B → C', async () => {
    const snap = await app.snapshot(writable)
    expect(session(snap, pidA)).toMatchObject({ application: 'qg-activity-A', state: 'idle in transaction', blockedBy: [] })
    expect(session(snap, pidA)!.transactionMs).toBeGreaterThanOrEqual(0)
    expect(session(snap, pidB)).toMatchObject({ state: 'active', blockedBy: [pidA], statement: `update ${table} set v = 2 where id = 1` })
    expect(session(snap, pidB)!.wait).toMatch(/^Lock: /)
    expect(session(snap, pidB)!.statementMs).toBeGreaterThanOrEqual(0)
    expect(session(snap, pidC)!.blockedBy).toContain(pidB)
    const tree = snap.blockingTree
    expect(tree).toContainEqual({ pid: pidA, depth: 0, waitsFor: null })
    expect(tree).toContainEqual({ pid: pidB, depth: 1, waitsFor: pidA })
    expect(tree).toContainEqual({ pid: pidC, depth: 2, waitsFor: pidB })
    // A's row lock is granted; B waits for A's transaction id
    expect(snap.locks.some((l) => l.pid === pidB && !l.granted)).toBe(true)
    expect(snap.locks.some((l) => l.pid === pidA && l.relation === `public.${table}` && l.mode === 'RowExclusiveLock' && l.granted)).toBe(true)
  })

  it('hides its own monitoring session unless asked, and names it in application_name', async () => {
    const hidden = await app.snapshot(writable)
    expect(hidden.ownPid).not.toBeNull()
    expect(session(hidden, hidden.ownPid!)).toBeUndefined()
    const shown = await app.snapshot(writable, true)
    expect(session(shown, shown.ownPid!)).toMatchObject({ own: true, application: 'QueryGenie activity monitor' })
    // the same session serves every refresh
    expect(shown.ownPid).toBe(hidden.ownPid)
  })

  it('says pg_stat_statements is not installed (it needs shared_preload_libraries and a restart)', async () => {
    const installed = await observer.query(`select 1 from pg_extension where extname = 'pg_stat_statements'`)
    const snap = await app.snapshot(writable)
    if (installed.rowCount) {
      expect(snap.topStatements.available).toBe(true)
      return
    }
    expect(snap.topStatements).toMatchObject({ available: false, rows: [] })
    expect(snap.topStatements.reason).toMatch(/pg_stat_statements is not installed/)
  })

  it('refuses cancel and terminate on a read-only connection before anything is sent', async () => {
    for (const action of ['activity.cancel', 'activity.terminate'] as const) {
      const r = await app.dispatch(action, { connectionId: readOnly, pid: pidB, confirmed: true })
      expect(r).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } })
    }
    expect(await app.dispatch('activity.support', { connectionId: readOnly })).toMatchObject({ ok: true, value: { supported: true, readOnly: true } })
    // B still waits, and nothing was recorded for the read-only connection
    expect(await waitsOnLock(pidB)).toBe(true)
    expect(await app.auditEntries(readOnly)).toEqual([])
  })

  it('refuses without confirmation', async () => {
    const r = await app.dispatch('activity.cancel', { connectionId: writable, pid: pidB, confirmed: false })
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } })
    expect(await waitsOnLock(pidB)).toBe(true)
  })

  it('cancels B: its statement fails with a cancel error, C now waits for A', async () => {
    const r = await app.dispatch('activity.cancel', { connectionId: writable, pid: pidB, confirmed: true })
    expect(r).toMatchObject({ ok: true, value: { signalled: true } })
    const err = (await bUpdate) as { code?: string; message?: string }
    expect(err).toMatchObject({ code: '57014' })
    expect(err.message).toMatch(/canceling statement due to user request/)
    await expect.poll(async () => (await app.snapshot(writable)).blockingTree, { timeout: 20_000 }).toContainEqual({ pid: pidC, depth: 1, waitsFor: pidA })
  })

  it('terminates A: its connection is gone, C goes through, and the chain disappears', async () => {
    const r = await app.dispatch('activity.terminate', { connectionId: writable, pid: pidA, confirmed: true })
    expect(r).toMatchObject({ ok: true, value: { signalled: true } })
    await expect.poll(() => exists(pidA), { timeout: 20_000 }).toBe(false)
    await expect(a.query('select 1')).rejects.toThrow()
    expect(await cUpdate).toBe('done')
    const snap = await app.snapshot(writable)
    expect(snap.blockingTree.filter((row) => [pidA, pidB, pidC].includes(row.pid))).toEqual([])
    expect((await observer.query(`select v from ${table} where id = 1`)).rows[0].v).toBe(3)
  })

  it('records cancel and terminate in the audit log as admin statements from the activity view', async () => {
    const entries = await app.auditEntries(writable)
    const mine = entries.map((e: AuditEntry) => ({ source: e.source, kind: e.kind, statement: e.statement, outcome: e.outcome }))
    expect(mine).toContainEqual({ source: 'activity', kind: 'admin', statement: `SELECT pg_cancel_backend(${pidB})`, outcome: 'ok' })
    expect(mine).toContainEqual({ source: 'activity', kind: 'admin', statement: `SELECT pg_terminate_backend(${pidA})`, outcome: 'ok' })
    // monitoring reads are not recorded
    expect(entries.every((e) => e.source === 'activity')).toBe(true)
  })

  it('says a session that is already gone was not signalled', async () => {
    const r = await app.dispatch('activity.terminate', { connectionId: writable, pid: pidA, confirmed: true })
    expect(r).toMatchObject({ ok: true, value: { signalled: false } })
  })
})

describe('activity on an in-process database', () => {
  it('says it is not applicable for SQLite', async () => {
    const app = await ActivityClient.start()
    try {
      const support = await app.dispatch('activity.support', { connectionId: 'sample' })
      expect(support).toMatchObject({ ok: true, value: { supported: false, reason: 'Not applicable: SQLite is an in-process database, no server sessions.' } })
      expect(await app.dispatch('activity.snapshot', { connectionId: 'sample' })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } })
    } finally {
      await app.close()
    }
  })
})
