import { postgresFacts } from '../../../../shared/engines/postgres'
import type { Engine } from '../types'
import { postgresImportTypes } from './import-types'
import { postgresCopyIn } from './copy-in'
import { postgresCopyOut } from './copy-out'
import { postgresDdl } from './ddl'
import { postgresDriver } from './driver'
import { planPostgres } from './explain'
import { postgresLiveness } from './liveness'
import { postgresActivity } from './activity'
import { postgresIntrospector } from './introspector'
import { postgresStatements } from './statements'

export const postgresEngine: Engine = {
  facts: postgresFacts,
  driver: postgresDriver,
  introspector: postgresIntrospector,
  ddl: postgresDdl,
  statements: postgresStatements,
  plan: planPostgres,
  liveness: postgresLiveness,
  copyOut: postgresCopyOut,
  copyIn: postgresCopyIn,
  importTypes: postgresImportTypes,
  activity: postgresActivity
}
