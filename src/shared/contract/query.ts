import { z } from 'zod'
import { TransactionState } from '../transaction-state'
import { Cell, ColumnMeta, ResultSource } from '../cells'
import { AppErrorShape } from '../errors'
import { call, Id, Ok, SqlText } from './define'

/** An opaque key into the main process's result store; never a path. */
export const ResultId = z.string().regex(/^r_[A-Za-z0-9_-]{6,64}$/, 'not a result id')
export const RunId = z.string().regex(/^q_[A-Za-z0-9_-]{6,64}$/, 'not a run id')

export const SortSpec = z.object({ column: z.number().int().min(0), direction: z.enum(['asc', 'desc']) })
export const FilterSpec = z.object({
  column: z.number().int().min(0),
  op: z.enum(['contains', 'equals', 'notEquals', 'startsWith', 'gt', 'lt', 'isNull', 'notNull']),
  value: z.string().max(10_000).optional()
})

export const ResultSummary = z.object({
  resultId: ResultId,
  index: z.number().int(),
  /** Which statement of the run produced it (0-based). */
  statementIndex: z.number().int().optional(),
  statement: z.string(),
  columns: z.array(ColumnMeta),
  rowCount: z.number().int(),
  done: z.boolean(),
  rowsAffected: z.number().int().nullable().optional(),
  /** Set when the row cap stopped the fetch: the rest can be exported straight from the server. */
  truncated: z.boolean().optional(),
  /** Rows past the memory cap went to a temporary file; sorting and filtering still cover every row. */
  spilled: z.boolean().optional(),
  durationMs: z.number().optional(),
  /** Set when every column comes from one base table (e.g. to copy rows as INSERTs into it); never for joins or expressions. */
  source: ResultSource.optional()
})
export type ResultSummary = z.infer<typeof ResultSummary>

export const QueryEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), runId: RunId, result: ResultSummary }),
  z.object({ type: z.literal('progress'), runId: RunId, resultId: ResultId, rowCount: z.number().int() }),
  z.object({
    type: z.literal('message'),
    runId: RunId,
    text: z.string(),
    level: z.enum(['info', 'notice', 'warning']),
    statementIndex: z.number().int().optional()
  }),
  z.object({
    type: z.literal('error'),
    runId: RunId,
    statementIndex: z.number().int(),
    error: AppErrorShape,
    /** Editor offsets (0-based, editorOffset applied): the failing text and, when the engine reports it, the error point. */
    range: z.object({ start: z.number().int(), end: z.number().int() }).optional(),
    offset: z.number().int().optional()
  }),
  z.object({
    type: z.literal('finished'),
    runId: RunId,
    durationMs: z.number(),
    statements: z.number().int(),
    cancelled: z.boolean(),
    /** The session's transaction after the run: 'failed' means every statement fails until ROLLBACK (PostgreSQL, DuckDB). */
    transaction: TransactionState.optional()
  })
])
export type QueryEvent = z.infer<typeof QueryEvent>

export const queryCalls = {
  /** Starts a run and returns at once; results, progress and errors arrive as `query.event`s. */
  'query.run': call(
    z
      .object({
        connectionId: Id,
        sql: SqlText.min(1, 'Nothing to run'),
        /** Offset of `sql` inside the editor text, so error positions map back to the editor. */
        editorOffset: z.number().int().min(0).optional(),
        /** Run only the statement containing this offset of `sql` (run-at-cursor); without it the whole text runs. */
        cursorOffset: z.number().int().min(0).optional(),
        /** Editor tab: runs of one tab share a database session (SET, temp tables, transactions carry over). */
        tabId: Id.optional(),
        /** The user confirmed a write on this text (AI-generated or guarded connections). */
        confirmedWrite: z.boolean().optional(),
        /**
         * Default true. false (manual commit, needs tabId): a run in a tab whose session has no transaction open starts
         * one first, unless its own first statement is a transaction statement; changes stay uncommitted until COMMIT.
         */
        autoCommit: z.boolean().optional()
      })
      .strict(),
    z.object({ runId: RunId })
  ),
  'query.cancel': call(z.object({ runId: RunId }).strict(), Ok),
  'query.rows': call(
    z
      .object({
        resultId: ResultId,
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(10_000),
        sort: z.array(SortSpec).max(8).optional(),
        filter: z.array(FilterSpec).max(32).optional()
      })
      .strict(),
    z.object({ rows: z.array(z.array(Cell)), total: z.number().int(), done: z.boolean() })
  ),
  'query.release': call(z.object({ resultId: ResultId }).strict(), Ok),
  /** Formats rows [from, to) of the (sorted/filtered) result for the clipboard. */
  'query.copy': call(
    z
      .object({
        resultId: ResultId,
        from: z.number().int().min(0),
        to: z.number().int().min(0),
        columns: z.array(z.number().int().min(0)).max(10_000).optional(),
        format: z.enum(['tsv', 'csv', 'json', 'insert', 'markdown']),
        header: z.boolean().optional(),
        tableName: z.string().max(500).optional(),
        sort: z.array(SortSpec).max(8).optional(),
        filter: z.array(FilterSpec).max(32).optional()
      })
      .strict(),
    z.object({ text: z.string(), rows: z.number().int() })
  ),
  /** Closes the tab's database session (when the tab closes or the user resets it): an open transaction is rolled back. */
  'query.closeSession': call(z.object({ tabId: Id }).strict(), Ok),
  /**
   * Where the tab session's transaction stands, without running anything of the user's (e.g. to warn before closing a
   * tab): 'none' when the tab has no session; 'lost' when its session ended with a transaction open; while a run is
   * going, the state after the tab's previous run.
   */
  'query.transactionState': call(z.object({ tabId: Id }).strict(), z.object({ state: TransactionState }))
}

export const queryEvents = {
  'query.event': QueryEvent
}
