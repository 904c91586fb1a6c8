import type { Dialect } from '../../../shared/cells'
import type { Introspector } from './introspector'
import { mssqlIntrospector } from './mssql'
import { mysqlIntrospector } from './mysql'
import { postgresIntrospector } from './postgres'
import { sqliteIntrospector } from './sqlite'

const byDialect: Record<Dialect, Introspector> = {
  postgres: postgresIntrospector,
  mysql: mysqlIntrospector,
  mssql: mssqlIntrospector,
  sqlite: sqliteIntrospector
}

export function introspectorFor(dialect: Dialect): Introspector {
  return byDialect[dialect]
}
