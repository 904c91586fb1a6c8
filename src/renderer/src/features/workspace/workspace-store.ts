import { create } from 'zustand'
import type { EditorTab } from '../../../../shared/contract'
import { api, onLinkState } from '../../api/client'
import { createTabPersistence, type SavedTab } from './tab-persistence'
import { createTabStore, type TabData, type TabStore } from './tab-store'

export const WELCOME_SQL = `-- Welcome to QueryGenie. Press Ctrl+Enter (Cmd+Enter on macOS) to run.
SELECT * FROM customers LIMIT 50;
`

interface WorkspaceState {
  loaded: boolean
  /** Tab ids in tab-bar order; each tab's state lives in its own store (`tabStore(id)`). */
  ids: string[]
  activeId: string | null
  /** Set when a save failed (shown in the tab bar); the text is journalled in the page and retried. */
  saveError?: string
  /** The last closed tab that held text, until it is reopened or another tab closes: a stray click on × loses nothing. */
  closed?: TabData
  load(defaultConnectionId: string | null): Promise<void>
  add(connectionId: string | null, init?: { title?: string; sql?: string }): TabStore
  close(id: string): void
  reopenClosed(): void
  forgetClosed(): void
  activate(id: string): void
  flush(): Promise<void>
}

const stores = new Map<string, TabStore>()

export function tabStore(id: string | null | undefined): TabStore | undefined {
  return id ? stores.get(id) : undefined
}

const newId = (): string => `t_${crypto.randomUUID()}`

export const useWorkspace = create<WorkspaceState>((set, get) => {
  const persistence = createTabPersistence(
    (id) => {
      const tab = stores.get(id)?.getState()
      return tab && { id, title: tab.title, sql: tab.sql, connectionId: tab.connectionId, position: get().ids.indexOf(id) }
    },
    (saveError) => set({ saveError })
  )
  const open = (data: TabData): TabStore => {
    const store = createTabStore(data, { persist: persistence.persist })
    stores.set(data.id, store)
    return store
  }
  const nextTitle = (): string => {
    const taken = new Set(get().ids.map((id) => stores.get(id)?.getState().title))
    let n = get().ids.length + 1
    while (taken.has(`Query ${n}`)) n++
    return `Query ${n}`
  }

  return {
    loaded: false,
    ids: [],
    activeId: null,
    async load(defaultConnectionId) {
      if (get().loaded) return
      const { tabs, activeId } = await api.call('tabs.list', {})
      const saved: SavedTab[] = tabs.map((t: EditorTab) => ({ id: t.id, title: t.title, sql: t.sql, connectionId: t.connectionId, position: t.position }))
      // what the page typed but the store never confirmed is newer than the store's copy
      const recovered: string[] = []
      for (const entry of persistence.unsaved()) {
        const index = saved.findIndex((t) => t.id === entry.id)
        if (index < 0) saved.push(entry)
        else if (saved[index]!.sql !== entry.sql || saved[index]!.title !== entry.title) saved[index] = { ...saved[index]!, title: entry.title, sql: entry.sql }
        else continue
        recovered.push(entry.id)
      }
      if (saved.length === 0) saved.push({ id: newId(), title: 'Query 1', sql: WELCOME_SQL, connectionId: defaultConnectionId, position: 0 })
      saved.sort((a, b) => a.position - b.position)
      for (const t of saved) open(t)
      const active = saved.some((t) => t.id === activeId) ? activeId : saved[0]!.id
      set({ loaded: true, ids: saved.map((t) => t.id), activeId: active })
      for (const id of tabs.length ? recovered : saved.map((t) => t.id)) persistence.persist(id)
      for (const store of stores.values()) void store.getState().syncTransaction().catch(() => undefined)
    },
    add(connectionId, init = {}) {
      const store = open({ id: newId(), title: init.title ?? nextTitle(), sql: init.sql ?? '', connectionId })
      const id = store.getState().id
      set({ ids: [...get().ids, id], activeId: id })
      persistence.persist(id)
      void api.call('tabs.setActive', { id })
      return store
    },
    close(id) {
      const { ids, activeId } = get()
      const index = ids.indexOf(id)
      const tab = stores.get(id)?.getState()
      if (index < 0 || !tab) return
      persistence.forget(id)
      stores.delete(id)
      set({ closed: tab.sql.trim() ? { id: tab.id, title: tab.title, sql: tab.sql, connectionId: tab.connectionId } : undefined })
      void api.call('tabs.close', { id })
      const rest = ids.filter((t) => t !== id)
      if (rest.length === 0) {
        set({ ids: [] })
        get().add(tab.connectionId)
        return
      }
      const next = activeId === id ? rest[Math.min(index, rest.length - 1)]! : activeId
      set({ ids: rest, activeId: next })
      void api.call('tabs.setActive', { id: next })
    },
    reopenClosed() {
      const closed = get().closed
      if (!closed) return
      set({ closed: undefined })
      get().add(closed.connectionId, { title: closed.title, sql: closed.sql })
    },
    forgetClosed() {
      set({ closed: undefined })
    },
    activate(id) {
      if (id === get().activeId || !stores.has(id)) return
      set({ activeId: id })
      void api.call('tabs.setActive', { id })
    },
    flush: () => persistence.flush()
  }
})

export function activeTabStore(): TabStore | undefined {
  return tabStore(useWorkspace.getState().activeId)
}

if (typeof window !== 'undefined') {
  // hidden or closing: write what is pending now
  window.addEventListener('pagehide', () => void useWorkspace.getState().flush())
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && void useWorkspace.getState().flush())
  onLinkState((state) => {
    if (state === 'lost' || state === 'expired') for (const store of stores.values()) store.getState().linkLost()
  })
}
