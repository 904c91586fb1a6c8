import { create } from 'zustand'
import type { DataTableRef } from '../../../../shared/contract/data'
import { useAppStore } from '../../app/app-store'

/** One open table data tab (the Data view shows one at a time; each keeps its own filter and pending edits). */
export interface DataTab {
  id: string
  connectionId: string
  table: DataTableRef
  title: string
}

interface DataTabsState {
  tabs: DataTab[]
  activeId?: string
  open(connectionId: string, table: DataTableRef): void
  close(id: string): void
  activate(id: string): void
}

let next = 1

export const useDataTabs = create<DataTabsState>((set, get) => ({
  tabs: [],
  open(connectionId, table) {
    const existing = get().tabs.find((t) => t.connectionId === connectionId && t.table.name === table.name && (t.table.schema ?? '') === (table.schema ?? ''))
    if (existing) set({ activeId: existing.id })
    else {
      const tab: DataTab = { id: `data-${next++}`, connectionId, table, title: table.name }
      set({ tabs: [...get().tabs, tab], activeId: tab.id })
    }
    useAppStore.getState().setView('data')
  },
  close(id) {
    const tabs = get().tabs.filter((t) => t.id !== id)
    const activeId = get().activeId === id ? tabs[tabs.length - 1]?.id : get().activeId
    set({ tabs, activeId })
  },
  activate(id) {
    set({ activeId: id })
  }
}))
