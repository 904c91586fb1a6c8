import type { Dialect } from '../../../../shared/cells'
import { factsOf, type EngineFacts } from '../../../../shared/engines'
import { useAppStore } from '../../app/app-store'
import { useConnectionsStore } from '../connections/connections-store'
import { activeTabStore } from '../workspace/workspace-store'

/** The engine of the active tab's connection (none: the tab has no connection), and the version its server reported. */
export function activeEngine(): { dialect: Dialect; facts: EngineFacts; serverVersion?: string } | undefined {
  const connectionId = activeTabStore()?.getState().connectionId
  const profile = connectionId ? useAppStore.getState().connections.find((c) => c.id === connectionId) : undefined
  if (!profile) return undefined
  return { dialect: profile.dialect, facts: factsOf(profile.dialect), serverVersion: useConnectionsStore.getState().statuses[profile.id]?.serverVersion }
}
