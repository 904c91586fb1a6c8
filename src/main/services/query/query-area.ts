import type { exportCalls, historyCalls, queryCalls, tabsCalls } from '../../../shared/contract'
import type { PathGrants } from '../dialogs/path-grants'
import { createHistoryHandlers } from '../history/history-handlers'
import { exportsDir } from '../paths'
import type { HandlerMap } from '../rpc/handlers'
import { createTabsHandlers } from '../tabs/tabs-handlers'
import { ExportService } from './export/export-service'
import { createExportHandlers, createQueryHandlers } from './query-handlers'
import { QueryService, type QueryServiceDeps } from './query-service'

export interface QueryAreaDeps extends QueryServiceDeps {
  /** Exports go to `<dataDir>/exports` unless `choosePath` (the desktop save dialog) picks a file. */
  dataDir: string
  choosePath?: (suggestedName: string) => Promise<string | null>
  /** Desktop: save-dialog answers that `export.start` accepts as `grant`. */
  grants?: PathGrants
}

type QueryAreaCalls = typeof queryCalls & typeof historyCalls & typeof tabsCalls & typeof exportCalls

/** Everything of the query area for the composition root: services, their handlers, and shutdown. */
export function createQueryArea(deps: QueryAreaDeps): {
  queries: QueryService
  exports: ExportService
  handlers: HandlerMap<QueryAreaCalls>
  close(): Promise<void>
} {
  const queries = new QueryService(deps)
  const exports = new ExportService({
    results: queries.results,
    connections: deps.connections,
    events: deps.events,
    exportDir: exportsDir(deps.dataDir),
    choosePath: deps.choosePath,
    grants: deps.grants,
    store: deps.store
  })
  // partial files of exports a crash cut short (their final names were never written)
  exports.sweep()
  const handlers: HandlerMap<QueryAreaCalls> = {
    ...createQueryHandlers({ queries }),
    ...createHistoryHandlers({ store: deps.store }),
    // closing an editor tab also closes its database session and frees its results
    ...createTabsHandlers({ store: deps.store, onClose: (tabId) => void queries.closeSession(tabId) }),
    ...createExportHandlers({ exports })
  }
  return {
    queries,
    exports,
    handlers,
    async close() {
      await Promise.all([...exports.running()].map((id) => exports.cancel(id)))
      await queries.dispose()
    }
  }
}
