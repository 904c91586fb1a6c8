import { views } from '../../app/registry'
import { useAppStore } from '../../app/app-store'
import { registerSchemaCompletion } from '../editor/completion/monaco-completion'
import { ErdView } from '../erd/ErdView'
import { useTabsStore } from '../tabs/tabs-store'
import { useSchemaStore } from './schema-store'

// The ERD is a view of its own.
views.push({ id: 'erd', label: 'ERD', component: ErdView })

// Completion and hover read the cached schema model of the connection a run would use (the active one; else the tab's).
registerSchemaCompletion(() => {
  const { tabs, activeId } = useTabsStore.getState()
  const id = useAppStore.getState().activeConnectionId ?? tabs.find((t) => t.id === activeId)?.connectionId
  if (!id) return undefined
  const schema = useSchemaStore.getState()
  if (!schema.byConnection[id]) void schema.load(id)
  return schema.indexFor(id)
})
