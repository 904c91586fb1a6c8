import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openLocalStore, type LocalStore } from '../store/local-store'
import { createTabsHandlers } from './tabs-handlers'

let dir: string
let store: LocalStore
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qg-tabs-'))
  store = openLocalStore(join(dir, 'store.db'))
})
afterEach(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('editor tabs', () => {
  it('restores every tab, its text, order and the active tab after a reopen', async () => {
    const closed: string[] = []
    const h = createTabsHandlers({ store, onClose: (id) => closed.push(id) })
    await h['tabs.save']({ id: 't1', title: 'Query 1', sql: 'select 1', connectionId: 'c1' })
    await h['tabs.save']({ id: 't2', title: 'Query 2', sql: 'select 2', connectionId: null })
    await h['tabs.save']({ id: 't3', title: 'Query 3', sql: '', connectionId: null })
    await h['tabs.save']({ id: 't1', title: 'Query 1', sql: 'select 1 -- edited', connectionId: 'c1', cursorOffset: 8 })
    await h['tabs.reorder']({ ids: ['t2', 't1', 't3'] })
    await h['tabs.setActive']({ id: 't1' })
    await h['tabs.close']({ id: 't3' })
    expect(closed).toEqual(['t3'])
    store.close()
    store = openLocalStore(join(dir, 'store.db'))
    const { tabs, activeId } = await createTabsHandlers({ store })['tabs.list']({})
    expect(activeId).toBe('t1')
    expect(tabs.map((t) => [t.id, t.sql, t.position])).toEqual([
      ['t2', 'select 2', 0],
      ['t1', 'select 1 -- edited', 1]
    ])
    expect(tabs[1]).toMatchObject({ cursorOffset: 8, connectionId: 'c1' })
  })

  it('falls back to the first tab when the active one was closed', async () => {
    const h = createTabsHandlers({ store })
    await h['tabs.save']({ id: 'a', title: 'A', sql: '', connectionId: null })
    await h['tabs.save']({ id: 'b', title: 'B', sql: '', connectionId: null })
    await h['tabs.setActive']({ id: 'b' })
    await h['tabs.close']({ id: 'b' })
    expect((await h['tabs.list']({})).activeId).toBe('a')
  })
})
