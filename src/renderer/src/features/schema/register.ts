import { lazy } from 'react'
import { views } from '../../app/registry'
import { registerSchemaCompletion } from '../editor/completion/monaco-completion'
import { activeTabStore } from '../workspace/workspace-store'
import { useSchemaStore } from './schema-store'

// The ERD is a view of its own, loaded when first opened (React Flow and the elkjs layout are most of the app's code).
const ErdView = lazy(() => import('../erd/ErdView').then((m) => ({ default: m.ErdView })))
views.push({ id: 'erd', label: 'ERD', component: ErdView })

// Completion and hover read the cached schema model of the connection the tab runs on.
registerSchemaCompletion(() => {
  const id = activeTabStore()?.getState().connectionId
  if (!id) return undefined
  const schema = useSchemaStore.getState()
  if (!schema.byConnection[id]) void schema.load(id)
  return schema.indexFor(id)
})
