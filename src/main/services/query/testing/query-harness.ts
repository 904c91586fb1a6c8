import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConnectionInput, EventName, QueryEvent, Settings } from '../../../../shared/contract'
import { ConnectionService } from '../../connections/connection-service'
import { FileSecretBox } from '../../connections/secret-box'
import type { EventSink } from '../../rpc/handlers'
import { openLocalStore, type LocalStore } from '../../store/local-store'
import { ExportService } from '../export/export-service'
import { QueryService, type QueryServiceDeps } from '../query-service'
import { prepareAnalysers } from '../../statements'

/** A real QueryService on a temp store with real drivers, collecting every event (tests and benches). */
export class QueryHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'qg-query-'))
  readonly store: LocalStore = openLocalStore(join(this.dir, 'store.db'))
  readonly events: { name: EventName; payload: unknown }[] = []
  readonly settings: Settings
  readonly connections: ConnectionService
  readonly queries: QueryService
  readonly exports: ExportService
  /** Connections whose schema a run changed (the analyser saw DDL), in order. */
  readonly schemaChanges: string[] = []

  constructor(opts: { memoryCapRows?: number; batchSize?: number } & Pick<QueryServiceDeps, 'livenessMs' | 'probeTimeoutMs' | 'cancelGraceMs'> = {}) {
    this.settings = { theme: 'system', resultMemoryCapRows: opts.memoryCapRows ?? 200_000, editorFontSize: 14, autoUpdate: false } as Settings
    const sink: EventSink = {
      emit: (name, payload) => {
        this.events.push({ name, payload })
        this.listeners.forEach((l) => l(name, payload))
      }
    }
    this.connections = new ConnectionService({
      store: this.store,
      secretBox: FileSecretBox.open(join(this.dir, 'secret.key')),
      sampleDbPath: join(this.dir, 'no-sample.db'),
      dataDir: this.dir,
      events: sink
    })
    // as the app does at start-up (app-services): the parsers load before the first run
    prepareAnalysers()
    this.queries = new QueryService({ connections: this.connections, store: this.store, events: sink, settings: { get: () => this.settings }, tempRoot: this.dir, batchSize: opts.batchSize, livenessMs: opts.livenessMs, probeTimeoutMs: opts.probeTimeoutMs, cancelGraceMs: opts.cancelGraceMs, onSchemaChange: (id) => this.schemaChanges.push(id) })
    this.exports = new ExportService({ results: this.queries.results, connections: this.connections, events: sink, exportDir: join(this.dir, 'exports'), store: this.store })
  }

  private readonly listeners: ((name: EventName, payload: unknown) => void)[] = []

  on(listener: (name: EventName, payload: unknown) => void): void {
    this.listeners.push(listener)
  }

  connection(input: Partial<ConnectionInput> & Pick<ConnectionInput, 'dialect'>): string {
    return this.connections.create({ name: `test ${input.dialect}`, ...input } as ConnectionInput).id
  }

  queryEvents(runId: string): QueryEvent[] {
    return this.events.filter((e) => e.name === 'query.event' && (e.payload as QueryEvent).runId === runId).map((e) => e.payload as QueryEvent)
  }

  /** Runs and waits for the `finished` event; returns every event of the run. */
  async run(connectionId: string, sql: string, extra: { cursorOffset?: number; tabId?: string; editorOffset?: number; autoCommit?: boolean } = {}): Promise<QueryEvent[]> {
    const { runId } = await this.queries.run({ connectionId, sql, ...extra })
    await this.queries.settled(runId)
    return this.queryEvents(runId)
  }

  async close(): Promise<void> {
    await this.queries.dispose()
    await this.exports.idle()
    await this.connections.closeAll()
    this.store.close()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

export function finalResults(events: QueryEvent[]) {
  return events.flatMap((e) => (e.type === 'result' && e.result.done ? [e.result] : []))
}
