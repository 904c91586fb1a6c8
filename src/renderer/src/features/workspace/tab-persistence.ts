import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import type { TabData } from './tab-store'

/** Saved at most this long after a keystroke, even while typing continuously (a throttle, not a debounce). */
export const SAVE_WITHIN_MS = 80
const RETRY_MS = 2000
const JOURNAL_PREFIX = 'qg.unsaved.'

export interface SavedTab extends TabData {
  position: number
}

export interface TabPersistence {
  /** Marks a tab changed: journalled in the page at once, saved to the local store within SAVE_WITHIN_MS. */
  persist(tabId: string): void
  forget(tabId: string): void
  flush(): Promise<void>
  /** Edits the page journalled but the store never confirmed (the service died or restarted while typing). */
  unsaved(): SavedTab[]
}

/**
 * Saves tabs to the local store, and keeps a journal in the page's own storage until each save is confirmed:
 * text typed while the service is down or restarting is not lost.
 */
export function createTabPersistence(read: (tabId: string) => SavedTab | undefined, onStatus: (error?: string) => void): TabPersistence {
  const dirty = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let saving: Promise<void> | undefined
  let failing = false

  const journal = (tab: SavedTab): void => {
    try {
      localStorage.setItem(JOURNAL_PREFIX + tab.id, JSON.stringify(tab))
    } catch {
      // storage full or disabled: the store save still runs
    }
  }

  const saveDirty = async (): Promise<void> => {
    timer = undefined
    const ids = [...dirty]
    dirty.clear()
    for (const id of ids) {
      const tab = read(id)
      if (!tab) continue
      try {
        await api.call('tabs.save', { id: tab.id, title: tab.title, sql: tab.sql, connectionId: tab.connectionId, position: tab.position })
        if (!dirty.has(id)) localStorage.removeItem(JOURNAL_PREFIX + id)
        failing = false
        onStatus(undefined)
      } catch (error) {
        dirty.add(id)
        failing = true
        onStatus(errorMessage(error))
      }
    }
  }

  const schedule = (): void => {
    if (timer || saving) return
    // a store that refuses saves (disk full) is retried calmly; the journal holds the text meanwhile
    timer = setTimeout(() => {
      saving = saveDirty().finally(() => {
        saving = undefined
        if (dirty.size) schedule()
      })
    }, failing ? RETRY_MS : SAVE_WITHIN_MS)
  }

  return {
    persist(tabId) {
      const tab = read(tabId)
      if (!tab) return
      journal(tab)
      dirty.add(tabId)
      schedule()
    },
    forget(tabId) {
      dirty.delete(tabId)
      localStorage.removeItem(JOURNAL_PREFIX + tabId)
    },
    async flush() {
      if (timer) clearTimeout(timer)
      timer = undefined
      await saving
      await saveDirty()
    },
    unsaved() {
      const out: SavedTab[] = []
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i)
        if (!key?.startsWith(JOURNAL_PREFIX)) continue
        try {
          out.push(JSON.parse(localStorage.getItem(key) ?? '') as SavedTab)
        } catch {
          localStorage.removeItem(key)
        }
      }
      return out
    }
  }
}
