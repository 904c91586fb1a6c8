import type { Dialect } from '../../../shared/cells'
import { AppError } from '../../../shared/errors'
import { mssqlDriver } from './mssql/mssql-driver'
import { mysqlDriver } from './mysql/mysql-driver'
import { postgresDriver } from './postgres/postgres-driver'
import { sqliteDriver } from './sqlite/sqlite-driver'
import type { Driver } from './types'

const drivers: Record<Dialect, Driver> = {
  sqlite: sqliteDriver,
  postgres: postgresDriver,
  mysql: mysqlDriver,
  mssql: mssqlDriver
}

/** The adapter for one engine. */
export function getDriver(dialect: Dialect): Driver {
  const driver = drivers[dialect] as Driver | undefined
  if (!driver) throw new AppError('UNSUPPORTED', `No driver for "${dialect}".`)
  return driver
}

export { dialectFacts } from './dialect-facts'
export type { ConnectParams, DialectFacts, Driver, DriverSession, ExecuteOptions, StatementSink } from './types'
