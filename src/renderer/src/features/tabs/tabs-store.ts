import { create } from 'zustand'
import type { EditorTab } from '../../../../shared/contract'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import { DEFAULT_SQL, useEditorStore } from '../editor/editor-store'
import { useResultsStore } from '../results/results-store'

const SAVE_DELAY_MS = 400

export interface TabState {
  id: string
  title: string
  sql: string
  connectionId: string | null
}

interface TabsState {
  loaded: boolean
  tabs: TabState[]
  activeId: string | null
  /** Set when a save failed (shown in the tab bar); the text is still in memory and retried on the next edit. */
  saveError?: string
  /** The last closed tab that held text, until it is reopened or another tab closes: a stray click on × loses nothing. */
  closed?: { title: string; sql: string; connectionId: string | null }
  load(defaultConnectionId: string | null): Promise<void>
  add(connectionId: string | null, init?: { title?: string; sql?: string }): void
  close(id: string): void
  reopenClosed(): void
  forgetClosed(): void
  activate(id: string): void
  setConnection(id: string, connectionId: string | null): void
  rename(id: string, title: string): void
  flush(): Promise<void>
}

const newId = (): string => `t_${crypto.randomUUID()}`
const dirty = new Set<string>()
let timer: ReturnType<typeof setTimeout> | undefined

/**
 * Editor tabs and their text, saved to the local store shortly after each edit (and on page hide), and
 * restored at startup: text typed before a crash or restart is never lost.
 */
export const useTabsStore = create<TabsState>((set, get) => {
  const save = async (): Promise<void> => {
    timer = undefined
    const ids = [...dirty]
    dirty.clear()
    for (const id of ids) {
      const tabs = get().tabs
      const index = tabs.findIndex((t) => t.id === id)
      const tab = tabs[index]
      if (!tab) continue
      try {
        await api.call('tabs.save', { id: tab.id, title: tab.title, sql: tab.sql, connectionId: tab.connectionId, position: index })
        set({ saveError: undefined })
      } catch (error) {
        dirty.add(id)
        set({ saveError: errorMessage(error) })
      }
    }
  }
  const schedule = (id: string): void => {
    dirty.add(id)
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void save(), SAVE_DELAY_MS)
  }

  // the editor's text belongs to the active tab
  useEditorStore.subscribe((state, previous) => {
    if (state.text === previous.text || !get().loaded) return
    const { activeId, tabs } = get()
    const tab = tabs.find((t) => t.id === activeId)
    if (!tab || tab.sql === state.text) return
    set({ tabs: tabs.map((t) => (t.id === activeId ? { ...t, sql: state.text } : t)) })
    schedule(tab.id)
  })

  const show = (tab: TabState | undefined): void => {
    useResultsStore.getState().showEditorTab(tab?.id ?? null)
    useEditorStore.getState().setText(tab?.sql ?? '')
  }

  return {
    loaded: false,
    tabs: [],
    activeId: null,
    async load(defaultConnectionId) {
      const { tabs, activeId } = await api.call('tabs.list', {})
      if (tabs.length === 0) {
        const tab: TabState = { id: newId(), title: 'Query 1', sql: useEditorStore.getState().text || DEFAULT_SQL, connectionId: defaultConnectionId }
        set({ loaded: true, tabs: [tab], activeId: tab.id })
        show(tab)
        schedule(tab.id)
        void api.call('tabs.setActive', { id: tab.id })
        return
      }
      const restored = tabs.map((t: EditorTab) => ({ id: t.id, title: t.title, sql: t.sql, connectionId: t.connectionId }))
      set({ loaded: true, tabs: restored, activeId })
      show(restored.find((t) => t.id === activeId))
    },
    add(connectionId, init = {}) {
      const taken = new Set(get().tabs.map((t) => t.title))
      let n = get().tabs.length + 1
      while (taken.has(`Query ${n}`)) n++
      const tab: TabState = { id: newId(), title: init.title ?? `Query ${n}`, sql: init.sql ?? '', connectionId }
      set({ tabs: [...get().tabs, tab], activeId: tab.id })
      show(tab)
      schedule(tab.id)
      void api.call('tabs.setActive', { id: tab.id })
    },
    close(id) {
      const tabs = get().tabs
      const index = tabs.findIndex((t) => t.id === id)
      if (index < 0) return
      dirty.delete(id)
      const gone = tabs[index]!
      set({ closed: gone.sql.trim() ? { title: gone.title, sql: gone.sql, connectionId: gone.connectionId } : undefined })
      const rest = tabs.filter((t) => t.id !== id)
      void api.call('tabs.close', { id })
      if (rest.length === 0) {
        set({ tabs: [] })
        get().add(tabs[index]!.connectionId)
      } else {
        const next = get().activeId === id ? rest[Math.min(index, rest.length - 1)]!.id : get().activeId
        set({ tabs: rest, activeId: next })
        show(rest.find((t) => t.id === next))
        void api.call('tabs.setActive', { id: next })
      }
      useResultsStore.getState().forgetEditorTab(id)
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
      if (id === get().activeId) return
      set({ activeId: id })
      show(get().tabs.find((t) => t.id === id))
      void api.call('tabs.setActive', { id })
    },
    setConnection(id, connectionId) {
      set({ tabs: get().tabs.map((t) => (t.id === id ? { ...t, connectionId } : t)) })
      schedule(id)
    },
    rename(id, title) {
      const clean = title.trim().slice(0, 200)
      if (!clean) return
      set({ tabs: get().tabs.map((t) => (t.id === id ? { ...t, title: clean } : t)) })
      schedule(id)
    },
    async flush() {
      if (timer) clearTimeout(timer)
      await save()
    }
  }
})

if (typeof window !== 'undefined') {
  // hidden or closing: write what is pending now instead of waiting for the debounce
  window.addEventListener('pagehide', () => void useTabsStore.getState().flush())
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && void useTabsStore.getState().flush())
}
