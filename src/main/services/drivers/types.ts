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
  /** Runs exactly one statement (or one engine batch), streaming rows into the sink. */
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
  ssl?: { mode: 'disable' | 'require' | 'verify-ca' | 'verify-full'; ca?: string; cert?: string; key?: string }
}

export interface Driver {
  readonly dialect: Dialect
  readonly facts: DialectFacts
  connect(params: ConnectParams): Promise<DriverSession>
}
