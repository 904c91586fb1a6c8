import { z } from 'zod'
import { Cell, ColumnMeta } from '../cells'
import { AppErrorShape } from '../errors'
import { call, Id, Ok } from './define'

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
  statement: z.string(),
  columns: z.array(ColumnMeta),
  rowCount: z.number().int(),
  done: z.boolean(),
  rowsAffected: z.number().int().nullable().optional(),
  /** Set when the row cap stopped the fetch: the rest can be exported straight from the server. */
  truncated: z.boolean().optional()
})
export type ResultSummary = z.infer<typeof ResultSummary>

export const QueryEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), runId: RunId, result: ResultSummary }),
  z.object({ type: z.literal('progress'), runId: RunId, resultId: ResultId, rowCount: z.number().int() }),
  z.object({ type: z.literal('message'), runId: RunId, text: z.string(), level: z.enum(['info', 'notice', 'warning']) }),
  z.object({ type: z.literal('error'), runId: RunId, statementIndex: z.number().int(), error: AppErrorShape }),
  z.object({ type: z.literal('finished'), runId: RunId, durationMs: z.number(), statements: z.number().int(), cancelled: z.boolean() })
])
export type QueryEvent = z.infer<typeof QueryEvent>

export const queryCalls = {
  /** Starts a run and returns at once; results, progress and errors arrive as `query.event`s. */
  'query.run': call(
    z
      .object({
        connectionId: Id,
        sql: z.string().min(1, 'Nothing to run').max(50_000_000),
        /** Offset of `sql` inside the editor text, so error positions map back to the editor. */
        editorOffset: z.number().int().min(0).optional(),
        /** The user confirmed a write on this text (AI-generated or guarded connections). */
        confirmedWrite: z.boolean().optional()
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
  'query.release': call(z.object({ resultId: ResultId }).strict(), Ok)
}

export const queryEvents = {
  'query.event': QueryEvent
}
