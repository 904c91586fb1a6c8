import { sqliteFacts } from '../../../../shared/engines/sqlite'
import type { Engine } from '../types'
import { sqliteImportTypes } from './import-types'
import { sqliteDdl } from './ddl'
import { sqliteDriver } from './driver'
import { planSqlite } from './explain'
import { sqliteIntrospector } from './introspector'
import { sqliteStatements } from './statements'

export const sqliteEngine: Engine = {
  facts: sqliteFacts,
  driver: sqliteDriver,
  introspector: sqliteIntrospector,
  ddl: sqliteDdl,
  statements: sqliteStatements,
  plan: planSqlite,
  importTypes: sqliteImportTypes
}
