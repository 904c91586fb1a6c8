import { duckdbHarness } from './duckdb'
import { mssqlHarness } from './mssql'
import { mysqlHarness } from './mysql'
import { postgresHarness } from './postgres'
import { sqliteHarness } from './sqlite'
import type { SafetyHarness } from './types'

/** Every engine's write-safety table; an engine joins with one line here. */
export const harnesses: SafetyHarness[] = [postgresHarness, mysqlHarness, sqliteHarness, duckdbHarness, mssqlHarness]
