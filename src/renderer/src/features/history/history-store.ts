import { create } from 'zustand'
import type { HistoryEntry, SavedQuery } from '../../../../shared/contract'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'

interface HistoryState {
  search: string
  entries: HistoryEntry[]
  saved: SavedQuery[]
  error?: string
  setSearch(search: string): void
  refresh(): Promise<void>
  save(input: { id?: string; name: string; folder: string; sql: string; connectionId?: string | null }): Promise<SavedQuery | undefined>
  removeSaved(id: string): Promise<void>
  removeEntry(id: number): Promise<void>
}

let searchTimer: ReturnType<typeof setTimeout> | undefined

export const useHistoryStore = create<HistoryState>((set, get) => {
  const prepend = (entry: HistoryEntry): void => {
    if (!get().search) set({ entries: [entry, ...get().entries].slice(0, 200) })
  }
  api.on('history.started', prepend)
  // a finished run replaces its 'running' entry (same id)
  api.on('history.added', (entry) => {
    const entries = get().entries
    if (entries.some((e) => e.id === entry.id)) set({ entries: entries.map((e) => (e.id === entry.id ? entry : e)) })
    else prepend(entry)
  })
  return {
    search: '',
    entries: [],
    saved: [],
    setSearch(search) {
      set({ search })
      if (searchTimer) clearTimeout(searchTimer)
      searchTimer = setTimeout(() => void get().refresh(), 200)
    },
    async refresh() {
      try {
        const search = get().search.trim()
        const [entries, saved] = await Promise.all([api.call('history.list', { search: search || undefined, limit: 200 }), api.call('saved.list', {})])
        set({ entries, saved, error: undefined })
      } catch (error) {
        set({ error: errorMessage(error) })
      }
    },
    async save(input) {
      try {
        const saved = await api.call('saved.save', input)
        await get().refresh()
        return saved
      } catch (error) {
        set({ error: errorMessage(error) })
        return undefined
      }
    },
    async removeSaved(id) {
      await api.call('saved.delete', { id }).catch((e) => set({ error: errorMessage(e) }))
      await get().refresh()
    },
    async removeEntry(id) {
      await api.call('history.delete', { id }).catch((e) => set({ error: errorMessage(e) }))
      await get().refresh()
    }
  }
})
