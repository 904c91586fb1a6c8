import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Settings } from '../../../shared/contract'
import { allMigrations } from '../store/migrations'
import { openLocalStore, type LocalStore } from '../store/local-store'
import { QueryService } from '../query/query-service'
import { createHistoryHandlers } from './history-handlers'
import { HistoryRepository } from './history-repository'

let dir: string
let store: LocalStore
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qg-history-'))
  store = openLocalStore(join(dir, 'store.db'))
})
afterEach(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

const entry = (sql: string, extra: Record<string, unknown> = {}) => ({
  connectionId: 'c1',
  connectionName: 'Local PG',
  sql,
  startedAt: new Date().toISOString(),
  durationMs: 12,
  rows: 3,
  status: 'ok' as const,
  error: null,
  ...extra
})

describe('history and saved queries', () => {
  it('finds runs by substring with FTS5, newest first, and survives a reopen', async () => {
    const { HistoryRepository } = await import('./history-repository')
    const repo = new HistoryRepository(store)
    repo.add(entry('select * from customer_orders'))
    repo.add(entry('update invoices set paid = true', { connectionId: 'c2', connectionName: 'Billing' }))
    repo.add(entry('select * from orders_archive', { status: 'error', error: 'permission denied for table orders_archive' }))
    store.close()
    store = openLocalStore(join(dir, 'store.db'))
    const h = createHistoryHandlers({ store })
    const all = await h['history.list']({ limit: 10 })
    expect(all.map((e) => e.sql)).toEqual(['select * from orders_archive', 'update invoices set paid = true', 'select * from customer_orders'])
    expect((await h['history.list']({ search: 'ord', limit: 10 })).map((e) => e.sql)).toEqual(['select * from orders_archive', 'select * from customer_orders'])
    expect((await h['history.list']({ search: 'permission', limit: 10 })).map((e) => e.id)).toEqual([all[0].id])
    expect((await h['history.list']({ search: 'billing', limit: 10 })).map((e) => e.connectionId)).toEqual(['c2'])
    expect(await h['history.list']({ search: 'se ord', connectionId: 'c1', limit: 10 })).toHaveLength(2)
    expect(await h['history.list']({ limit: 10, beforeId: all[0].id })).toHaveLength(2)
    await h['history.delete']({ id: all[0].id })
    expect(await h['history.list']({ search: 'archive', limit: 10 })).toHaveLength(0)
    await h['history.clear']({})
    expect(await h['history.list']({ limit: 10 })).toHaveLength(0)
  })

  it('saves queries in folders and updates them in place', async () => {
    const h = createHistoryHandlers({ store })
    const a = await h['saved.save']({ name: 'Top customers', folder: ' reports / sales ', sql: 'select 1' })
    expect(a.folder).toBe('reports/sales')
    const b = await h['saved.save']({ id: a.id, name: 'Top customers v2', folder: 'reports', sql: 'select 2', connectionId: 'c1' })
    expect(b).toMatchObject({ id: a.id, name: 'Top customers v2', sql: 'select 2', connectionId: 'c1' })
    expect(await h['saved.list']({})).toEqual([b])
    await expect(async () => h['saved.save']({ id: 'missing', name: 'x', folder: '', sql: '' })).rejects.toThrow(/no longer exists/)
    await h['saved.delete']({ id: a.id })
    expect(await h['saved.list']({})).toEqual([])
  })

  it('records a run when it starts and completes that same entry, with search over the final error', () => {
    const repo = new HistoryRepository(store)
    const running = repo.start({ connectionId: 'c1', connectionName: 'Local PG', sql: 'select * from slow_report', startedAt: new Date().toISOString() })
    expect(repo.list({ limit: 10 })).toEqual([running])
    expect(running).toMatchObject({ status: 'running', durationMs: 0, rows: 0, error: null })
    const done = repo.finish(running.id, { durationMs: 1234, rows: 0, status: 'error', error: 'canceling statement due to statement timeout' })
    expect(done).toEqual({ ...running, durationMs: 1234, status: 'error', error: 'canceling statement due to statement timeout' })
    expect(repo.list({ limit: 10 })).toEqual([done])
    expect(repo.list({ search: 'statement timeout', limit: 10 }).map((e) => e.id)).toEqual([running.id])
    expect(repo.list({ search: 'slow_rep', limit: 10 }).map((e) => e.id)).toEqual([running.id])
    repo.delete(running.id)
    expect(repo.finish(running.id, { durationMs: 1, rows: 0, status: 'ok', error: null })).toBeUndefined()
    expect(repo.list({ search: 'timeout', limit: 10 })).toEqual([])
  })

  it("marks runs a previous process left 'running' as 'interrupted' when the next one starts", () => {
    const repo = new HistoryRepository(store)
    const finished = repo.add(entry('select 1 as finished_before'))
    const killed = repo.start({ connectionId: 'c1', connectionName: 'Local PG', sql: 'select pg_sleep(60) as killed_mid_run', startedAt: new Date().toISOString() })
    store.close()
    store = openLocalStore(join(dir, 'store.db'))
    const unused = (): never => {
      throw new Error('no connection is used here')
    }
    const queries = new QueryService({ store, connections: { session: unused, get: unused, analyse: unused, forgetAnalysisContext: unused }, events: { emit: () => undefined }, settings: { get: () => ({}) as Settings } })
    expect(queries.history.list({ limit: 10 })).toEqual([{ ...killed, status: 'interrupted' }, finished])
    expect(queries.history.list({ search: 'killed_mid', limit: 10 }).map((e) => e.status)).toEqual(['interrupted'])
  })

  it('upgrades a store from before running/interrupted states, keeping entries and their search', () => {
    store.close()
    const path = join(dir, 'old.db')
    const old = openLocalStore(path, allMigrations.filter((m) => m.version < 203))
    old.db
      .prepare(`insert into query_history (connection_id, connection_name, sql, started_at, duration_ms, rows, status, error) values (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run('c1', 'Legacy', 'select * from legacy_orders', new Date().toISOString(), 5, 1, 'error', 'relation legacy_orders does not exist')
    old.close()
    store = openLocalStore(path)
    const repo = new HistoryRepository(store)
    const [kept] = repo.list({ search: 'legacy_ord', limit: 10 })
    expect(kept).toMatchObject({ connectionName: 'Legacy', status: 'error', rows: 1 })
    expect(repo.list({ search: 'does not exist', limit: 10 })).toEqual([kept])
    const next = repo.start({ connectionId: 'c1', connectionName: 'Legacy', sql: 'select 2', startedAt: new Date().toISOString() })
    expect(next.id).toBeGreaterThan(kept.id)
    expect(repo.finish(next.id, { durationMs: 3, rows: 1, status: 'ok', error: null })?.status).toBe('ok')
  })
})
