import type { Cell, ColumnMeta, Dialect, ResultSource } from '../../../shared/cells'
import type { EngineFacts } from '../../../shared/engines/types'
import type { Analysis } from '../statements/types'
import type { EncodedRows } from './encoded-rows'
import type { TransactionState } from '../../../shared/transaction-state'

/** Where a driver streams what a statement produces. Several result sets = several begin/end pairs. */
export interface StatementSink {
  /** `info.source`: the one base table every column comes from, when the engine can tell (see `singleSource`). */
  beginResult(columns: ColumnMeta[], info?: ResultInfo): void
  /** Batches of normalised rows; a returned promise applies backpressure to the cursor. */
  rows(batch: Cell[][]): void | Promise<void>
  /** Rows a driver encoded where it read them (see deliverEncoded); a sink without this gets them decoded through `rows`. */
  encodedRows?(batch: EncodedRows): void | Promise<void>
  /** `source` here: known only once the rows are in (the engine asked its catalog after the statement). */
  endResult(summary: { rowsAffected?: number | null; command?: string } & ResultInfo): void
  notice(text: string): void
}

/** What a driver knows about a result beyond its columns. */
export interface ResultInfo {
  source?: ResultSource
}

export interface ExecuteOptions {
  /** Rows per batch handed to the sink. */
  batchSize?: number
  signal?: AbortSignal
}

/** One live session against one database. Kysely-style: one implementation per dialect. */
export interface DriverSession {
  readonly facts: EngineFacts
  serverVersion(): Promise<string>
  /**
   * Runs a script analysed by the statement analyser (a string is analysed here first, with this session's catalog
   * context), streaming rows into the sink. On a read-only connection the whole script is refused before anything
   * runs if one statement may write. Every statement produces one beginResult/endResult pair (columns [] when it
   * returns no rows). Throws AppError: SQL_ERROR (detail.line/column point into the text), READ_ONLY, CANCELLED,
   * CONNECTION_LOST.
   */
  execute(script: string | Analysis, sink: StatementSink, options?: ExecuteOptions): Promise<void>
  /** The analyser with this session's catalog context: what callers use to analyse before they execute. */
  analyse(sql: string): Promise<Analysis>
  /** Drops the analyser's catalog context: DDL ran (perhaps in another session), so it is read again next time. */
  forgetAnalysisContext(): void
  /** Simple buffered query for catalog/introspection use. */
  query(sql: string, params?: unknown[]): Promise<{ columns: ColumnMeta[]; rows: Cell[][] }>
  /** The session's transaction after the last statement (engines that cannot tell leave this out). */
  transactionState?(): Promise<TransactionState>
  /** Stops the running statement on the server. */
  cancel(): Promise<void>
  /** Ends the session politely (it may wait for the server's goodbye). */
  close(): Promise<void>
  /**
   * Drops the session's connection at once without waiting for the server (a dead or half-open connection, a run that
   * had to be given up): what ran in it is abandoned, and an open transaction is rolled back by the server, if alive.
   */
  destroy?(): void
  readonly closed: boolean
}

/**
 * What a probe on a separate short-lived connection says about a session that has heard nothing from its server for
 * a while: its backend still runs ('alive'), the server no longer has it ('gone'), the server did not answer the probe
 * in time or refused it ('unreachable'), or the probe could not tell ('unknown', e.g. too many connections).
 */
export type Liveness = 'alive' | 'gone' | 'unreachable' | 'unknown'

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
  readonly facts: EngineFacts
  connect(params: ConnectParams): Promise<DriverSession>
}
