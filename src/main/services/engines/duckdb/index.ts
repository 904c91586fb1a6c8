import { duckdbFacts } from '../../../../shared/engines/duckdb'
import type { Driver } from '../../drivers/types'
import type { Engine } from '../types'
import { duckdbImportTypes } from './import-types'
import { duckdbDdl } from './ddl'
import { planDuckdb } from './explain'
import { duckdbIntrospector } from './introspector'
import { duckdbStatements } from './statements'

/**
 * @duckdb/node-api takes 100–300 ms to load: the driver and the CSV writer that use it load with the first DuckDB
 * connection and export, not with the app.
 */
const duckdbDriver: Driver = {
  dialect: 'duckdb',
  facts: duckdbFacts,
  connect: async (params) => (await import('./driver')).duckdbDriver.connect(params)
}

export const duckdbEngine: Engine = {
  facts: duckdbFacts,
  driver: duckdbDriver,
  introspector: duckdbIntrospector,
  ddl: duckdbDdl,
  statements: duckdbStatements,
  plan: planDuckdb,
  copyOut: async (session, statement, options, target) => (await import('./csv-out')).duckdbCopyOut(session, statement, options, target),
  importTypes: duckdbImportTypes
}
