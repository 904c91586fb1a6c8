import { duckdbFacts } from '../../../../shared/engines/duckdb'
import type { Engine } from '../types'
import { duckdbImportTypes } from './import-types'
import { duckdbDdl } from './ddl'
import { duckdbCopyOut } from './csv-out'
import { duckdbDriver } from './driver'
import { planDuckdb } from './explain'
import { duckdbIntrospector } from './introspector'
import { duckdbStatements } from './statements'

export const duckdbEngine: Engine = {
  facts: duckdbFacts,
  driver: duckdbDriver,
  introspector: duckdbIntrospector,
  ddl: duckdbDdl,
  statements: duckdbStatements,
  plan: planDuckdb,
  copyOut: duckdbCopyOut,
  importTypes: duckdbImportTypes
}
