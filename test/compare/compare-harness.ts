import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { DuckDBInstance } from '@duckdb/node-api'
import type { ConnectionInput } from '../../src/shared/contract'
import type { Dialect } from '../../src/shared/cells'
import type { AuditEvent } from '../../src/main/services/audit/audit-log'
import { auditedConnections } from '../../src/main/services/audit/audited-sessions'
import { CompareService } from '../../src/main/services/compare/compare-service'
import { ConnectionService } from '../../src/main/services/connections/connection-service'
import { FileSecretBox } from '../../src/main/services/connections/secret-box'
import { parseConnectionUrl } from '../../src/main/services/connections/url'
import { SchemaService } from '../../src/main/services/schema/schema-service'
import { prepareAnalysers } from '../../src/main/services/statements'
import { openLocalStore } from '../../src/main/services/store/local-store'

/**
 * Two sandboxes on one engine (PostgreSQL schemas, MariaDB databases, SQLite and DuckDB files), a connection to each, and a
 * CompareService on the real connection and schema services with its sessions audited as 'migration'.
 */
export class CompareHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'qg-compare-'))
  readonly store = openLocalStore(join(this.dir, 'store.db'))
  readonly connections: ConnectionService
  readonly schema: SchemaService
  readonly compare: CompareService
  readonly audited: AuditEvent[] = []
  readonly names: { a: string; b: string }
  ids = { a: '', b: '' }

  constructor(readonly dialect: Dialect) {
    const events = { emit: () => undefined }
    this.connections = new ConnectionService({ store: this.store, secretBox: FileSecretBox.open(join(this.dir, 'secret.key')), sampleDbPath: join(this.dir, 'none.db'), dataDir: this.dir, events })
    prepareAnalysers()
    this.schema = new SchemaService({ store: this.store, sessions: this.connections, events })
    const sink = { record: (e: AuditEvent) => void this.audited.push(e) }
    this.compare = new CompareService({ connections: auditedConnections(this.connections, sink, 'migration'), schema: this.schema, exportDir: join(this.dir, 'exports') })
    const suffix = randomBytes(4).toString('hex')
    this.names = { a: `qg_cmp_a_${suffix}`, b: `qg_cmp_b_${suffix}` }
  }

  static configured(dialect: Dialect): boolean {
    return dialect === 'postgres' ? !!process.env.PG_URL : dialect === 'mysql' ? !!process.env.MYSQL_URL : true
  }

  /** Creates both sandboxes (empty) and a connection to each. */
  async setUp(): Promise<void> {
    for (const side of ['a', 'b'] as const) {
      const name = this.names[side]
      if (this.dialect === 'postgres') await this.admin(`CREATE SCHEMA "${name}"`)
      else if (this.dialect === 'mysql') await this.admin(`CREATE DATABASE \`${name}\``)
      else if (this.dialect === 'duckdb') (await DuckDBInstance.create(join(this.dir, `${name}.db`))).closeSync()
      else new Database(join(this.dir, `${name}.db`)).close()
      this.ids[side] = this.connection(side, {})
    }
  }

  /** A connection profile on one side (`readOnly` etc. as given). */
  connection(side: 'a' | 'b', extra: Partial<ConnectionInput>): string {
    const name = this.names[side]
    const target =
      this.dialect === 'postgres'
        ? { ...parseConnectionUrl(process.env.PG_URL!), defaultSchema: name }
        : this.dialect === 'mysql'
          ? { ...parseConnectionUrl(process.env.MYSQL_URL!), database: name }
          : { filePath: join(this.dir, `${name}.db`) }
    return this.connections.create({ name: `${side} ${this.dialect}`, ...target, dialect: this.dialect, readOnly: false, ...extra } as ConnectionInput).id
  }

  /** Runs statements on a side, each on a fresh session of its own (not the service's). */
  async run(side: 'a' | 'b', script: string): Promise<void> {
    const session = await this.connections.session(this.ids[side])
    try {
      const sink = { beginResult: () => undefined, rows: () => undefined, endResult: () => undefined, notice: () => undefined }
      await session.execute(script, sink)
    } finally {
      await session.close()
    }
  }

  /** Rows of a query on a side, from a session of its own: what another user sees. */
  async rows(side: 'a' | 'b', sql: string): Promise<unknown[][]> {
    const session = await this.connections.session(this.ids[side])
    try {
      return (await session.query(sql)).rows
    } finally {
      await session.close()
    }
  }

  async diff(): Promise<Awaited<ReturnType<CompareService['run']>>> {
    return this.compare.run({ left: { connectionId: this.ids.a }, right: { connectionId: this.ids.b } })
  }

  private async admin(sql: string): Promise<void> {
    const url = this.dialect === 'postgres' ? process.env.PG_URL! : process.env.MYSQL_URL!
    const id = this.connections.create({ name: 'admin', ...parseConnectionUrl(url), dialect: this.dialect, readOnly: false } as ConnectionInput).id
    const session = await this.connections.session(id)
    try {
      await session.query(sql)
    } finally {
      await session.close()
      await this.connections.delete(id)
    }
  }

  async tearDown(): Promise<void> {
    for (const side of ['a', 'b'] as const) {
      const name = this.names[side]
      if (this.dialect === 'postgres') await this.admin(`DROP SCHEMA IF EXISTS "${name}" CASCADE`).catch(() => undefined)
      else if (this.dialect === 'mysql') await this.admin(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => undefined)
    }
    this.schema.dispose()
    await this.connections.closeAll()
    this.store.close()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
