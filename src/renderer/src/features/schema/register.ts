import { views } from '../../app/registry'
import { useAppStore } from '../../app/app-store'
import { registerSchemaCompletion } from '../editor/completion/monaco-completion'
import { ErdView } from '../erd/ErdView'
import { useSchemaStore } from './schema-store'

// The ERD is a view of its own; completion and hover read the active connection's cached schema model.
views.push({ id: 'erd', label: 'ERD', component: ErdView })

registerSchemaCompletion(() => {
  const id = useAppStore.getState().activeConnectionId
  return id ? useSchemaStore.getState().indexFor(id) : undefined
})
