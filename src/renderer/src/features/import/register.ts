import { registerCommands } from '../../app/commands'
import { useAppStore } from '../../app/app-store'
import { overlays } from '../../app/registry'
import { ImportDialog } from './ImportDialog'
import { useImportStore } from './import-store'

overlays.push(ImportDialog)

registerCommands({
  id: 'import.open',
  title: 'Import data… (CSV, TSV, XLSX, JSON) into a new table',
  category: 'Data',
  enabled: () => Boolean(useAppStore.getState().browsingConnectionId),
  run: () => {
    const connectionId = useAppStore.getState().browsingConnectionId
    if (connectionId) useImportStore.getState().open({ connectionId })
  }
})
