import type { Cell, ColumnMeta, Dialect } from '../../../shared/cells'

/** Where a driver streams what a statement produces. Several result sets = several begin/end pairs. */
export interface StatementSink {
  beginResult(columns: ColumnMeta[]): void
  /** Batches of normalised rows; a returned promise applies backpressure to the cursor. */
  rows(batch: Cell[][]): void | Promise<void>
  endResult(summary: { rowsAffected?: number | null; command?: string }): void
  notice(text: string): void
}

export interface DialectFacts {
  dialect: Dialect
  quoteIdentifier(name: string): string
  /** `SELECT ... LIMIT n` vs `SELECT TOP n ...`. */
  limitSyntax: 'limit' | 'top'
  /** Batch separator a script may use besides `;` (SQL Server's GO). */
  batchSeparator?: string
  supportsDelimiterCommand: boolean
  /**
   * 'server': the session itself refuses writes in read-only mode (PostgreSQL, MySQL/MariaDB, SQLite).
   * 'guarded': the engine cannot (SQL Server); the driver classifies statements and rolls back. See docs/read-only.md.
   */
  readOnlyEnforcement: 'server' | 'guarded'
}

export interface ExecuteOptions {
  /** Rows per batch handed to the sink. */
  batchSize?: number
  signal?: AbortSignal
}

/** One live session against one database. Kysely-style: one implementation per dialect. */
export interface DriverSession {
  readonly facts: DialectFacts
  serverVersion(): Promise<string>
  /**
   * Runs the text (one statement or a script; the driver splits it with the engine's rules), streaming rows into
   * the sink. Every statement produces one beginResult/endResult pair (columns [] when it returns no rows).
   * Throws AppError: SQL_ERROR (detail.line/column point into `sql`), READ_ONLY, CANCELLED, CONNECTION_LOST.
   */
  execute(sql: string, sink: StatementSink, options?: ExecuteOptions): Promise<void>
  /** Simple buffered query for catalog/introspection use. */
  query(sql: string, params?: unknown[]): Promise<{ columns: ColumnMeta[]; rows: Cell[][] }>
  /** Stops the running statement on the server. */
  cancel(): Promise<void>
  close(): Promise<void>
  readonly closed: boolean
}

export interface ConnectParams {
  dialect: Dialect
  host?: string
  port?: number
  database?: string
  user?: string
  password?: string
  filePath?: string
  readOnly: boolean
  connectTimeoutMs: number
  defaultSchema?: string
  /** ca/cert/key are PEM contents (the connection service reads the files and reports bad ones). */
  ssl?: { mode: 'disable' | 'require' | 'verify-ca' | 'verify-full'; ca?: string; cert?: string; key?: string; serverName?: string }
}

export interface Driver {
  readonly dialect: Dialect
  readonly facts: DialectFacts
  connect(params: ConnectParams): Promise<DriverSession>
}
