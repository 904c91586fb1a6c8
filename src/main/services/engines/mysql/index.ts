import { mysqlFacts } from '../../../../shared/engines/mysql'
import type { Engine } from '../types'
import { mysqlImportTypes } from './import-types'
import { mysqlDdl } from './ddl'
import { mysqlDriver } from './driver'
import { planMysql } from './explain'
import { mysqlLiveness } from './liveness'
import { mysqlActivity } from './activity'
import { mysqlIntrospector } from './introspector'
import { mysqlStatements } from './statements'

export const mysqlEngine: Engine = {
  facts: mysqlFacts,
  driver: mysqlDriver,
  introspector: mysqlIntrospector,
  ddl: mysqlDdl,
  statements: mysqlStatements,
  plan: planMysql,
  liveness: mysqlLiveness,
  importTypes: mysqlImportTypes,
  activity: mysqlActivity
}
