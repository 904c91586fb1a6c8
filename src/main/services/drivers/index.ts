import type { Dialect } from '../../../shared/cells'
import { AppError } from '../../../shared/errors'
import { mysqlDriver } from './mysql/mysql-driver'
import { postgresDriver } from './postgres/postgres-driver'
import { sqliteDriver } from './sqlite/sqlite-driver'
import type { Driver } from './types'

const drivers: Partial<Record<Dialect, Driver>> = {
  sqlite: sqliteDriver,
  postgres: postgresDriver,
  mysql: mysqlDriver
}

/** The adapter for one engine. */
export function getDriver(dialect: Dialect): Driver {
  const driver = drivers[dialect]
  if (!driver) throw new AppError('UNSUPPORTED', `No driver for ${dialect} yet.`)
  return driver
}

export { dialectFacts } from './dialect-facts'
export type { ConnectParams, DialectFacts, Driver, DriverSession, ExecuteOptions, StatementSink } from './types'
