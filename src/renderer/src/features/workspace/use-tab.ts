import { useStore } from 'zustand'
import { createTabStore, type TabState } from './tab-store'
import { tabStore, useWorkspace } from './workspace-store'

/** A placeholder while tabs load: selectors always have a state to read. */
const noTab = createTabStore({ id: '', title: '', sql: '', connectionId: null }, { persist: () => undefined })

/** Reads the active tab's store; re-renders when the tab changes or the selected part of it does. */
export function useActiveTab<T>(selector: (tab: TabState) => T): T {
  const activeId = useWorkspace((s) => s.activeId)
  return useStore(tabStore(activeId) ?? noTab, selector)
}
