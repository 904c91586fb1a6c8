import Database from 'better-sqlite3'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConnectionInput, QueryEvent, Settings } from '../../src/shared/contract'
import { AuditLog } from '../../src/main/services/audit/audit-log'
import { auditedConnections } from '../../src/main/services/audit/audited-sessions'
import { ConnectionService } from '../../src/main/services/connections/connection-service'
import { FileSecretBox } from '../../src/main/services/connections/secret-box'
import { QueryService } from '../../src/main/services/query/query-service'
import type { EventSink } from '../../src/main/services/rpc/handlers'
import { prepareAnalysers } from '../../src/main/services/statements'
import { openLocalStore, type LocalStore } from '../../src/main/services/store/local-store'

/** A real QueryService wired as app-services wires it: its connections audited, the log in a real temp store. */
export class AuditHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'qg-audit-'))
  readonly storeFile = join(this.dir, 'querygenie.db')
  readonly store: LocalStore = openLocalStore(this.storeFile)
  readonly events: QueryEvent[] = []
  readonly warnings: string[] = []
  readonly connections: ConnectionService
  readonly audit: AuditLog
  readonly queries: QueryService

  constructor() {
    const sink: EventSink = { emit: (name, payload) => void (name === 'query.event' && this.events.push(payload as QueryEvent)) }
    this.connections = new ConnectionService({ store: this.store, secretBox: FileSecretBox.open(join(this.dir, 'secret.key')), sampleDbPath: join(this.dir, 'none.db'), dataDir: this.dir, events: sink })
    prepareAnalysers()
    this.audit = new AuditLog({
      db: this.store.db,
      profile: (id) => this.connections.get(id),
      redact: (text) => this.connections.redactor.redact(text),
      warn: (m) => this.warnings.push(m)
    })
    const settings = { theme: 'system', resultMemoryCapRows: 10_000, editorFontSize: 14, autoUpdate: false } as Settings
    this.queries = new QueryService({ connections: auditedConnections(this.connections, this.audit, 'editor'), store: this.store, events: sink, settings: { get: () => settings }, tempRoot: this.dir })
  }

  connection(input: Partial<ConnectionInput> & Pick<ConnectionInput, 'dialect'>): string {
    return this.connections.create({ name: `audit ${input.dialect}`, ...input } as ConnectionInput).id
  }

  /** A new SQLite database file for a connection. */
  sqliteFile(name: string): string {
    const path = join(this.dir, name)
    new Database(path).close()
    return path
  }

  /** Runs and waits for the run to finish; returns its events. */
  async run(connectionId: string, sql: string, extra: { tabId?: string; run?: (start: () => Promise<{ runId: string }>) => Promise<{ runId: string }> } = {}): Promise<QueryEvent[]> {
    const start = () => this.queries.run({ connectionId, sql, confirmedWrite: true, ...(extra.tabId && { tabId: extra.tabId }) })
    const { runId } = await (extra.run ? extra.run(start) : start())
    await this.queries.settled(runId)
    return this.events.filter((e) => e.runId === runId)
  }

  entries(connectionId: string) {
    return this.audit.repo.list({ connectionId, limit: 1000 }).reverse()
  }

  /** Every byte the store has on disk (the database file and its WAL). */
  storeBytes(): Buffer {
    return Buffer.concat([this.storeFile, `${this.storeFile}-wal`].filter(existsSync).map((f) => readFileSync(f)))
  }

  async close(): Promise<void> {
    await this.queries.dispose()
    await this.connections.closeAll()
    this.store.close()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
