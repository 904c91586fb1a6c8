import type { Dialect } from '../../../../shared/cells'
import type { MigrationDialect } from './dialect'
import { duckdbMigration } from './duckdb'
import { mysqlMigration } from './mysql'
import { postgresMigration } from './postgres'
import { sqliteMigration } from './sqlite'

/** Engines the migration planner knows; the others get the comparison without a script. */
const dialects = new Map<Dialect, MigrationDialect>([
  ['postgres', postgresMigration],
  ['mysql', mysqlMigration],
  ['sqlite', sqliteMigration],
  ['duckdb', duckdbMigration]
])

export const migrationDialectFor = (dialect: Dialect): MigrationDialect | null => dialects.get(dialect) ?? null
