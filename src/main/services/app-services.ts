import { prepareAnalysers } from './statements'
import { join } from 'node:path'
import type { AppHandlers } from './rpc/handlers'
import { EventHub } from './rpc/event-hub'
import { createAppHandlers } from './app-handlers'
import type { SettingsStore } from './settings/settings-store'
import { openLocalStore, type LocalStore } from './store/local-store'
import { exportsDir, secureDataDir, storePath } from './paths'
import type { SecretBox } from './connections/secret-box'
import { ConnectionService } from './connections/connection-service'
import { createConnectionHandlers } from './connections/connection-handlers'
import { createQueryArea } from './query/query-area'
import { SchemaService } from './schema/schema-service'
import { createSchemaHandlers } from './schema/schema-handlers'
import { createAiHandlers } from './ai/ai-handlers'
import { createValueHandlers } from './ai/value-handlers'
import { ValueService } from './ai/value-service'
import { createConversationHandlers } from './ai/conversations/conversation-handlers'
import { createCompleteHandlers } from './ai/complete/complete-handlers'
import { AiService } from './ai/ai-service'
import { aiDepsFrom } from './ai/wire'
import { DescriptionsRepository } from './ai/descriptions-repository'
import { createDocsHandlers } from './docs/docs-handlers'
import { DocsService } from './docs/docs-service'
import type { FileDialogs } from './dialogs/file-dialogs'
import { createDialogHandlers, exportPathChooser } from './dialogs/dialog-handlers'
import { PathGrants } from './dialogs/path-grants'
import { createPlanHandlers } from './plan/plan-handlers'
import { PlanService } from './plan/plan-service'
import { ImportFiles } from './import/import-files'
import { ImportService } from './import/import-service'
import { createImportHandlers } from './import/import-handlers'
import { createDataHandlers } from './data/data-handlers'
import { DataService } from './data/data-service'
import { MockDataService } from './mockdata/mockdata-service'
import { createMockDataHandlers } from './mockdata/mockdata-handlers'
import { CompareService } from './compare/compare-service'
import { createCompareHandlers } from './compare/compare-handlers'
import { AuditLog } from './audit/audit-log'
import { asAuditSource, auditedConnections } from './audit/audited-sessions'
import { createAuditHandlers } from './audit/audit-handlers'
import { PiiService } from './pii/pii-service'
import { createPiiHandlers } from './pii/pii-handlers'
import { ActivityService } from './activity/activity-service'
import { createActivityHandlers } from './activity/activity-handlers'

export interface AppServicesOptions {
  mode: 'electron' | 'web'
  version: string
  dataDir: string
  resourcesDir: string
  settings: SettingsStore
  secretBox: SecretBox
  notices?: string[]
  /** Native file pickers: the desktop shell injects them; web mode has none. */
  dialogs?: FileDialogs
}

export interface AppServices {
  handlers: AppHandlers
  /** Masks every secret the app holds, for logs and errors. */
  redact(text: string): string
  events: EventHub
  store: LocalStore
  /** The file of an export this process finished, by its opaque id (web-mode downloads); undefined otherwise. */
  downloadPath(exportId: string): string | undefined
  close(): Promise<void>
}

/** The composition root: builds every plain-Node service once and gathers their handlers. */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const events = new EventHub()
  // owner-only data folder (0700) and app files (0600), also fixing what an earlier start left 0755/0644
  secureDataDir(options.dataDir)
  const store = openLocalStore(storePath(options.dataDir))
  const connections = new ConnectionService({
    store,
    secretBox: options.secretBox,
    sampleDbPath: join(options.resourcesDir, 'sample.db'),
    dataDir: options.dataDir,
    events
  })
  // the hash-chained record of every statement the app ran that was not a read (see services/audit)
  const audit = new AuditLog({ db: store.db, profile: (id) => connections.get(id), redact: (text) => connections.redactor.redact(text) })
  audit.prune()
  const auditArea = createAuditHandlers({ audit, exportsDir: exportsDir(options.dataDir) })

  // desktop: what the native save/folder dialogs answered, the only places exports and docs may be written
  const grants = options.dialogs ? new PathGrants() : undefined
  prepareAnalysers()
  const schema = new SchemaService({ store, sessions: connections, events })
  // PII scans read bounded samples locally on a session of their own; only masked findings are kept
  const pii = new PiiService({ db: store.db, events, schema, connections, exportsDir: exportsDir(options.dataDir) })
  // DDL run from the app (as the statement analyser classifies it) refreshes that connection's schema model
  const queryArea = createQueryArea({
    connections: auditedConnections(connections, audit, 'editor'),
    store,
    events,
    settings: options.settings,
    dataDir: options.dataDir,
    choosePath: options.dialogs && exportPathChooser(options.dialogs),
    grants,
    onSchemaChange: (connectionId) => schema.scheduleRefresh(connectionId)
  })
  const docs = new DocsService({
    store,
    events,
    getSchema: (id) => schema.get(id),
    aiDescriptions: (id) => new DescriptionsRepository(store.db).list(id),
    classifications: (id) => pii.classifications(id),
    output: grants ? { kind: 'dialog', grants } : { kind: 'exports-area', dir: exportsDir(options.dataDir) }
  })
  const connectionHandlers = createConnectionHandlers({ connections })
  // imports read a file the open dialog chose or the browser uploaded into <dataDir>/imports (see ImportFiles)
  const importFiles = new ImportFiles({ dialogs: options.dialogs, uploadDir: join(options.dataDir, 'imports') })
  const imports = new ImportService({ connections: auditedConnections(connections, audit, 'import'), audit, events, files: importFiles, exportDir: exportsDir(options.dataDir), onSchemaChange: (id) => schema.scheduleRefresh(id) })
  // table data view and editing; each apply that ran is kept in the query history (the app's audit trail)
  const data = new DataService({
    connections: auditedConnections(connections, audit, 'data-edit'),
    schema,
    record: ({ status, ...entry }) => events.emit('history.added', queryArea.queries.history.add({ ...entry, status, connectionName: connections.get(entry.connectionId).name }))
  })
  const mockdata = new MockDataService({ connections: auditedConnections(connections, audit, 'mockdata'), audit, schema, events, exportDir: exportsDir(options.dataDir) })
  // schema compare: migration scripts run through audited sessions (source 'migration')
  const compare = new CompareService({ connections: auditedConnections(connections, audit, 'migration'), schema, exportDir: exportsDir(options.dataDir), onSchemaChange: (id) => schema.scheduleRefresh(id) })
  // live sessions: monitored on a session of its own; cancel/terminate are admin statements, so they go through the audit
  const activity = new ActivityService({ connections, audited: auditedConnections(connections, audit, 'activity') })
  const aiDeps = aiDepsFrom({ store, events, secretBox: options.secretBox, schema, connections, queries: { run: (input, analysed) => asAuditSource('ai', () => queryArea.queries.run(input, analysed)) }, history: queryArea.queries.history })
  const ai = new AiService(aiDeps)
  const aiHandlers = createAiHandlers(aiDeps, ai)
  const aiValues = new ValueService({ store, events, schema, connections })

  const handlers: AppHandlers = {
    ...createAppHandlers({
      version: options.version,
      mode: options.mode,
      dataDir: options.dataDir,
      store,
      settings: options.settings,
      secretStorage: options.secretBox.kind,
      notices: options.notices ?? []
    }),
    ...connectionHandlers,
    // a profile that now points elsewhere (or is gone) must not keep serving the old schema model
    'connections.update': async (input) => {
      const updated = await connectionHandlers['connections.update'](input)
      schema.forget(input.id)
      pii.forget(input.id)
      data.forget(input.id)
      activity.forget(input.id)
      aiValues.profileChanged(input.id)
      return updated
    },
    // the data view's kept read session goes with the connection (a DuckDB file stays locked while it is open)
    'connections.disconnect': async (input) => {
      const result = await connectionHandlers['connections.disconnect'](input)
      data.forget(input.id)
      activity.forget(input.id)
      return result
    },
    'connections.delete': async (input) => {
      const result = await connectionHandlers['connections.delete'](input)
      // what the app learned about a deleted connection goes with it: schema cache, AI index and settings, notes
      for (const area of [schema, ai, aiValues, docs, data, activity, pii]) area.forget(input.id)
      return result
    },
    ...queryArea.handlers,
    ...createSchemaHandlers({ schema }),
    ...aiHandlers,
    ...createValueHandlers(aiValues),
    ...createConversationHandlers(ai.conversations),
    ...createCompleteHandlers(aiDeps),
    ...createDocsHandlers({ docs }),
    ...createDialogHandlers({ dialogs: options.dialogs, grants }),
    ...createImportHandlers({ imports, files: importFiles }),
    ...auditArea.handlers,
    ...createDataHandlers({ data }),
    ...createMockDataHandlers({ mockdata }),
    ...createCompareHandlers({ compare }),
    ...createPiiHandlers(pii),
    ...createActivityHandlers({ activity }),
    ...createPlanHandlers({
      plans: new PlanService(connections, ({ plan, ...entry }) =>
        events.emit('history.added', queryArea.queries.history.addPlan({ ...entry, connectionName: connections.get(entry.connectionId).name }, plan))
      )
    })
  }

  return {
    handlers,
    redact: (text) => connections.redactor.redact(text),
    events,
    store,
    downloadPath: (exportId) => queryArea.exports.finishedPath(exportId) ?? imports.downloadPath(exportId) ?? mockdata.downloadPath(exportId) ?? auditArea.downloadPath(exportId) ?? pii.downloadPath(exportId) ?? compare.downloadPath(exportId),
    async close() {
      schema.dispose()
      await data.dispose()
      await Promise.all(imports.running().map((id) => imports.cancel(id)))
      await imports.idle()
      await Promise.all(mockdata.running().map((id) => mockdata.cancel(id)))
      await mockdata.idle()
      importFiles.close()
      await queryArea.close()
      aiValues.dispose()
      pii.dispose()
      await pii.idle()
      await activity.dispose()
      await connections.closeAll()
      store.close()
    }
  }
}
