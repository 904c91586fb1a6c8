import { registerCommands } from '../../app/commands'
import { useAppStore } from '../../app/app-store'
import { overlays } from '../../app/registry'
import { MockDataDialog } from './MockDataDialog'
import { useMockDataStore, type TableRef } from './mockdata-store'

overlays.push(MockDataDialog)

/** Opens the dialog on these tables of the connection (the schema tree's "Generate test data…"). */
export function openMockData(connectionId: string, tables: TableRef[]): void {
  useMockDataStore.getState().open(connectionId, tables)
}

registerCommands({
  id: 'mockdata.open',
  title: 'Generate test data…',
  category: 'Data',
  enabled: () => Boolean(useAppStore.getState().browsingConnectionId),
  run: () => {
    const connectionId = useAppStore.getState().browsingConnectionId
    if (connectionId) useMockDataStore.getState().open(connectionId, [])
  }
})
