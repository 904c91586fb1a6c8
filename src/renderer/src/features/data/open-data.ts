import { useDataTabs } from './data-store'

/** Opens a table's data in the Data view (the schema tree's "Open data" and double-click). */
export function openTableData(t: { connectionId: string; schema: string; name: string }): void {
  useDataTabs.getState().open(t.connectionId, { ...(t.schema ? { schema: t.schema } : {}), name: t.name })
}
