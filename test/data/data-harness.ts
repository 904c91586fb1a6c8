import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConnectionInput } from '../../src/shared/contract'
import { factsOf, type EngineFacts } from '../../src/shared/engines'
import type { Cell, Dialect } from '../../src/shared/cells'
import { ConnectionService } from '../../src/main/services/connections/connection-service'
import { FileSecretBox } from '../../src/main/services/connections/secret-box'
import { parseConnectionUrl } from '../../src/main/services/connections/url'
import { DataService, type AppliedEdit } from '../../src/main/services/data/data-service'
import type { DriverSession } from '../../src/main/services/drivers/types'
import { SchemaService } from '../../src/main/services/schema/schema-service'
import { prepareAnalysers } from '../../src/main/services/statements'
import { openLocalStore, type LocalStore } from '../../src/main/services/store/local-store'

/** A real DataService on a temp store with real drivers and schema service, and a second session to check what others see. */
export class DataHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'qg-data-'))
  readonly store: LocalStore = openLocalStore(join(this.dir, 'store.db'))
  readonly connections: ConnectionService
  readonly schema: SchemaService
  readonly data: DataService
  readonly facts: EngineFacts
  /** What the service recorded for the history (audit trail), in order. */
  readonly recorded: AppliedEdit[] = []
  private other?: DriverSession
  readonly id: string

  constructor(
    readonly dialect: Dialect,
    private readonly target: { url?: string; file?: string }
  ) {
    const events = { emit: () => undefined }
    this.connections = new ConnectionService({ store: this.store, secretBox: FileSecretBox.open(join(this.dir, 'secret.key')), sampleDbPath: join(this.dir, 'none.db'), dataDir: this.dir, events })
    prepareAnalysers()
    this.schema = new SchemaService({ store: this.store, sessions: this.connections, events })
    this.data = new DataService({ connections: this.connections, schema: this.schema, record: (entry) => this.recorded.push(entry) })
    this.facts = factsOf(dialect)
    this.id = this.connection({})
  }

  connection(extra: Partial<ConnectionInput>): string {
    const base = this.target.url ? parseConnectionUrl(this.target.url) : { filePath: this.target.file }
    return this.connections.create({ name: `data ${this.dialect}`, ...base, dialect: this.dialect, readOnly: false, ...extra } as ConnectionInput).id
  }

  /** A session of its own (not the service's): what another user sees. */
  async second(): Promise<DriverSession> {
    if (!this.other || this.other.closed) this.other = await this.connections.session(this.id)
    return this.other
  }

  async run(...statements: string[]): Promise<void> {
    const s = await this.second()
    for (const sql of statements) await s.query(sql)
  }

  async rows(sql: string): Promise<Cell[][]> {
    return (await (await this.second()).query(sql)).rows
  }

  async close(): Promise<void> {
    this.schema.dispose()
    await this.data.dispose()
    await this.connections.closeAll()
    this.store.close()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
