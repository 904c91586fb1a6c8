import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openLocalStore, type LocalStore } from '../store/local-store'
import { createHistoryHandlers } from './history-handlers'

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
})
