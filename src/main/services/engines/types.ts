import type { ImportColumnType } from '../../../shared/contract/import'
import type { ActivityMonitor } from './activity-types'
import type { EngineFacts } from '../../../shared/engines/types'
import type { Plan } from '../../../shared/plan/model'
import type { Driver, DriverSession, Liveness } from '../drivers/types'
import type { DialectDdl } from '../schema/ddl/common'
import type { Introspector } from '../schema/introspector'
import type { StatementRules } from '../statements/types'

/**
 * Everything one database engine knows, behind one shape (Kysely's dialect folders are the model). The registry is
 * typed so that an engine missing a piece does not compile.
 */
export interface Engine {
  readonly facts: EngineFacts
  readonly driver: Driver
  readonly introspector: Introspector
  readonly ddl: DialectDdl
  /** How the engine classifies statements: the one statement analyser applies these rules. */
  readonly statements: StatementRules
  /**
   * The plan of exactly one statement in the shared plan model (src/shared/plan), from the engine's machine-readable
   * form. The caller has checked it is one statement, and a read when `analyze` (plannableStatement); with `analyze`
   * the statement runs, in a transaction that is rolled back where the engine has one.
   */
  plan(session: DriverSession, statement: string, analyze: boolean): Promise<Plan>
  /**
   * Network engines: asks the server on a new short-lived connection (bounded by `timeoutMs`) whether it answers and
   * whether this session's backend still exists. Engines that run in process leave it out: they cannot go half-open.
   */
  liveness?(session: DriverSession, timeoutMs: number): Promise<Liveness>
  /**
   * CSV/TSV export of one statement the analyser found to read, written by the engine itself (PostgreSQL: COPY … TO
   * STDOUT) in the generic writer's format. Resolves with the rows written, or null when it does not take this
   * statement: the export then runs the generic path. Engines without one leave it out.
   */
  copyOut?(session: DriverSession, statement: string, options: CopyOutOptions, target: CopyOutTarget): Promise<number | null>
  /**
   * Bulk load for imports (PostgreSQL: COPY … FROM STDIN on a connection of its own with the session's parameters),
   * or null when this session cannot have one. Engines without one leave it out: imports then run multi-row INSERTs.
   */
  copyIn?(session: DriverSession): Promise<CopyInConnection | null>
  /** The engine's column types for tables an import creates; engines without them get text columns. */
  readonly importTypes?: ImportTypeNames
  /** Live sessions, locks and top statements of the server; in-process engines (SQLite, DuckDB) have none. */
  readonly activity?: ActivityMonitor
}

/** Column type names per import type (integer, bigint, decimal, float, boolean, date, timestamp, text, json). */
export interface ImportTypeNames {
  names: Readonly<Record<ImportColumnType, string>>
  /** DECIMAL needs (precision, scale) here (a bare DECIMAL would be DECIMAL(10, 0) or (18, 3)). */
  decimalPrecision: boolean
}

/** A connection for bulk loads: statements without rows (BEGIN, COMMIT, ROLLBACK) and COPYs fed from CSV bytes. */
export interface CopyInConnection {
  run(sql: string): Promise<void>
  /** One `COPY … FROM STDIN` statement with this data; resolves with the rows the server took. */
  copy(sql: string, data: Buffer): Promise<number>
  /** Drops the connection at once (cancel): an open transaction is rolled back by the server. */
  abort(): void
  close(): Promise<void>
}

export interface CopyOutOptions {
  delimiter: ',' | '\t'
  eol: '\r\n' | '\n'
  signal: AbortSignal
}

export interface CopyOutTarget {
  /** The result's column names, before any row: the caller writes its header. */
  begin(names: string[]): void
  /** Whole rows, UTF-8; a returned promise holds the server back until it resolves. */
  write(chunk: Buffer, rows: number): void | Promise<void>
}
