import { mssqlFacts } from '../../../../shared/engines/mssql'
import type { Engine } from '../types'
import { mssqlImportTypes } from './import-types'
import { mssqlDdl } from './ddl'
import { mssqlDriver } from './driver'
import { planMssql } from './explain'
import { mssqlLiveness } from './liveness'
import { mssqlActivity } from './activity'
import { mssqlIntrospector } from './introspector'
import { mssqlStatements } from './statements'

export const mssqlEngine: Engine = {
  facts: mssqlFacts,
  driver: mssqlDriver,
  introspector: mssqlIntrospector,
  ddl: mssqlDdl,
  statements: mssqlStatements,
  plan: planMssql,
  liveness: mssqlLiveness,
  importTypes: mssqlImportTypes,
  activity: mssqlActivity
}
