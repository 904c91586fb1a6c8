import type { Dialect } from '../cells'
import { duckdbFacts } from './duckdb'
import { mssqlFacts } from './mssql'
import { mysqlFacts } from './mysql'
import { postgresFacts } from './postgres'
import { sqliteFacts } from './sqlite'
import type { EngineFacts } from './types'

/** Every engine's facts; adding an engine without its facts is a compile error. */
export const engineFacts: Readonly<Record<Dialect, EngineFacts>> = {
  postgres: postgresFacts,
  mysql: mysqlFacts,
  mssql: mssqlFacts,
  sqlite: sqliteFacts,
  duckdb: duckdbFacts
} satisfies Record<Dialect, EngineFacts>

export function factsOf(dialect: Dialect): EngineFacts {
  return engineFacts[dialect]
}

export type { EngineFacts } from './types'
