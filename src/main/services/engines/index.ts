import type { Dialect } from '../../../shared/cells'
import { AppError } from '../../../shared/errors'
import type { SchemaModel, SchemaObjectRef, TableModel } from '../../../shared/schema-model'
import type { Driver } from '../drivers/types'
import { buildTableDdl, makeContext, type DdlOptions } from '../schema/ddl/common'
import type { Introspector } from '../schema/introspector'
import { duckdbEngine } from './duckdb'
import { mssqlEngine } from './mssql'
import { mysqlEngine } from './mysql'
import { postgresEngine } from './postgres'
import { sqliteEngine } from './sqlite'
import type { Engine } from './types'

/** The one registry of engines. Code outside `engines/` reaches an engine only through here. */
const engines = {
  postgres: postgresEngine,
  mysql: mysqlEngine,
  mssql: mssqlEngine,
  sqlite: sqliteEngine,
  duckdb: duckdbEngine
} satisfies Record<Dialect, Engine>

export function engineFor(dialect: Dialect): Engine {
  const engine = (engines as Record<string, Engine | undefined>)[dialect]
  if (!engine) throw new AppError('UNSUPPORTED', `No engine for "${dialect}".`)
  return engine
}

export const getDriver = (dialect: Dialect): Driver => engineFor(dialect).driver
export const introspectorFor = (dialect: Dialect): Introspector => engineFor(dialect).introspector

/** CREATE TABLE with its keys, constraints, indexes, comments and triggers (or CREATE VIEW) for one object. */
export function generateDdl(dialect: Dialect, table: TableModel, options?: DdlOptions): string {
  return buildTableDdl(engineFor(dialect).ddl, table, options)
}

/** The source of one routine, trigger, sequence or type from the model; null when the engine has none to give. */
export function generateObjectDdl(dialect: Dialect, model: SchemaModel, ref: SchemaObjectRef, options?: DdlOptions): string | null {
  const ddl = engineFor(dialect).ddl
  const text = ddl.object?.(ref, model, makeContext(dialect, options)) ?? null
  return text === null ? null : text.endsWith('\n') ? text : `${text}\n`
}

export type { DdlOptions }
export type { Engine } from './types'
/** How engines start worker processes (SQLite): the Electron shell installs a utilityProcess host. */
export { setWorkerHost, type WorkerChannel, type WorkerHost } from './worker-host'
