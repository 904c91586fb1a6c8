import type { Dialect } from '../../../../shared/cells'
import type { TableModel } from '../../../../shared/schema-model'
import { buildTableDdl, type DdlOptions, type DialectDdl } from './common'
import { mssqlDdl } from './mssql'
import { mysqlDdl } from './mysql'
import { postgresDdl } from './postgres'
import { sqliteDdl } from './sqlite'

const byDialect: Record<Dialect, DialectDdl> = { postgres: postgresDdl, mysql: mysqlDdl, mssql: mssqlDdl, sqlite: sqliteDdl }

/** CREATE TABLE with its keys, constraints, indexes, comments and triggers (or CREATE VIEW) for one object. */
export function generateDdl(dialect: Dialect, table: TableModel, options?: DdlOptions): string {
  return buildTableDdl(byDialect[dialect], table, options)
}

export type { DdlOptions }
