import { awaitsEnd } from '../../../../shared/transaction-state'
import { useAppStore } from '../../app/app-store'
import { tabStore, useWorkspace } from './workspace-store'

/** True when the tab's session holds a transaction the user has not ended. */
export function holdsTransaction(tabId: string): boolean {
  return awaitsEnd(tabStore(tabId)?.getState().transaction)
}

/** Closes a tab; one holding an open transaction asks first (closing rolls it back). */
export function closeTab(tabId: string): void {
  const tab = tabStore(tabId)?.getState()
  if (!tab) return
  if (holdsTransaction(tabId) && !window.confirm(`“${tab.title}” has an open transaction. Closing the tab rolls it back: its changes are lost. Close it?`)) return
  useWorkspace.getState().close(tabId)
}

/** Points a tab at another connection; an open transaction on the old one is rolled back only if the user agrees. */
export function changeTabConnection(tabId: string, connectionId: string): void {
  const tab = tabStore(tabId)?.getState()
  if (!tab || tab.connectionId === connectionId) return
  if (holdsTransaction(tabId) && !window.confirm(`“${tab.title}” has an open transaction. Switching the connection rolls it back: its changes are lost. Switch?`)) return
  tab.setConnection(connectionId)
  // picking a connection in the tab is explicit: the sidebar shows its schema too (never the other way round)
  useAppStore.getState().browseConnection(connectionId)
}

if (typeof window !== 'undefined') {
  // closing the window (or reloading the page) with an open transaction asks first
  window.addEventListener('beforeunload', (e) => {
    if (useWorkspace.getState().ids.some(holdsTransaction)) e.preventDefault()
  })
}
