import type { Dialect } from '../../src/shared/cells'
import type { ConnectParams } from '../../src/main/services/drivers/types'

/**
 * One way to change something through SQL. `sql` may use {schema} (the fixture's schema or database), {dir} (a
 * scratch folder where a file written by the server would land) and {file} (a path in it that must stay absent).
 */
export interface WriteForm {
  name: string
  sql: string
}

/** A fresh, isolated copy of the canary state for one engine, and a second session's view of it. */
export interface Fixture {
  /** A read-only connection to the fixture (what the user's read-only profile would give). */
  readOnly: ConnectParams
  /** A writable connection to the same fixture (EXPLAIN and AI paths run here: they must not write either). */
  writable: ConnectParams
  vars: Record<'schema' | 'dir' | 'file', string>
  /**
   * Everything a form could change, read from a separate admin session: table rows, sequences, large objects,
   * files in {dir}, locks held by other sessions, settings visible to others, procedures' side tables.
   */
  snapshot(): Promise<unknown>
  teardown(): Promise<void>
}

export interface SafetyHarness {
  label: string
  dialect: Dialect
  /** Set when the engine cannot run here (no server URL); the suite says it skipped. */
  skipReason?: string
  setup(): Promise<Fixture>
  forms: WriteForm[]
}

export const fill = (sql: string, vars: Fixture['vars']): string => sql.replace(/\{(schema|dir|file)\}/g, (_, k: keyof Fixture['vars']) => vars[k])
