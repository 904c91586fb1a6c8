import type { QueryEvent, ResultSummary } from '../../../../shared/contract'
import type { AppErrorShape } from '../../../../shared/errors'
import type { TransactionState } from '../../../../shared/transaction-state'
import { formatDuration } from '../../../../shared/format-duration'

/** A result set as the panel knows it: its summary; rows stay in main and the grid pulls windows. */
export type ResultView = ResultSummary

export interface RunMessage {
  text: string
  level: 'info' | 'notice' | 'warning' | 'error'
  statementIndex?: number
  at: number
}

export interface RunError extends AppErrorShape {
  /** Where the run's text starts in the editor (for runs without server-side ranges). */
  editorOffset: number
  sql: string
  /** Editor offsets of the failing statement and the error point, when known. */
  range?: { start: number; end: number }
  offset?: number
  statementIndex?: number
}

/** How a run was asked for, so it can be repeated (e.g. after confirming a write). */
export interface RunRequest {
  connectionId: string
  sql: string
  /** Offset of `sql` in the editor text, so error positions map back. */
  editorOffset: number
  /** Run only the statement at this offset of `sql` (run-at-cursor). */
  cursorOffset?: number
  confirmedWrite?: boolean
}

/** Everything about the last run of one tab. */
export interface RunSnapshot {
  runId?: string
  /** 'editor': the tab's text ran (errors map onto it); 'assistant': an AI run shown in the tab; 'command': Commit/Rollback. */
  origin: 'editor' | 'assistant' | 'command'
  running: boolean
  /** Date.now() when the run started (the elapsed-time counter counts from it). */
  startedAt?: number
  durationMs?: number
  cancelled?: boolean
  results: ResultView[]
  messages: RunMessage[]
  error?: RunError
  /** 'messages' or a result id. */
  activeResult: string
  request?: RunRequest
}

export const emptyRun = (): RunSnapshot => ({ origin: 'editor', running: false, results: [], messages: [], activeResult: 'messages' })

export function startedRun(request: RunRequest | undefined, origin: RunSnapshot['origin']): RunSnapshot {
  return { ...emptyRun(), origin, running: true, startedAt: Date.now(), request }
}

export function failedToStart(run: RunSnapshot, error: AppErrorShape): RunSnapshot {
  return {
    ...run,
    running: false,
    durationMs: 0,
    error: { ...error, editorOffset: run.request?.editorOffset ?? 0, sql: run.request?.sql ?? '' },
    messages: [...run.messages, { text: error.message, level: 'error', at: Date.now() }]
  }
}

export interface RunOutcome {
  run: RunSnapshot
  /** Set by the 'finished' event: where the tab session's transaction stands now. */
  transaction?: TransactionState
}

/** One event applied to one run. */
export function reduceRun(s: RunSnapshot, event: QueryEvent): RunOutcome {
  const now = Date.now()
  switch (event.type) {
    case 'result': {
      const results = [...s.results.filter((r) => r.resultId !== event.result.resultId), event.result].sort((a, b) => a.index - b.index)
      const firstGrid = s.activeResult === 'messages' && !s.results.length && event.result.columns.length > 0
      return { run: { ...s, results, activeResult: firstGrid ? event.result.resultId : s.activeResult } }
    }
    case 'progress':
      return { run: { ...s, results: s.results.map((r) => (r.resultId === event.resultId ? { ...r, rowCount: Math.max(r.rowCount, event.rowCount) } : r)) } }
    case 'message':
      return { run: { ...s, messages: [...s.messages, { text: event.text, level: event.level, statementIndex: event.statementIndex, at: now }] } }
    case 'error':
      return {
        run: {
          ...s,
          error: { ...event.error, editorOffset: s.request?.editorOffset ?? 0, sql: s.request?.sql ?? '', range: event.range, offset: event.offset, statementIndex: event.statementIndex },
          messages: [...s.messages, { text: event.error.message, level: 'error', statementIndex: event.statementIndex, at: now }]
        }
      }
    case 'finished': {
      const plural = `statement${event.statements === 1 ? '' : 's'}`
      // after an error "Finished … (0 statements)" reads like nothing happened; say where it stopped
      const text = event.cancelled
        ? `Cancelled after ${formatDuration(event.durationMs)} (${event.statements} ${plural})`
        : s.error
          ? `Stopped at the error after ${formatDuration(event.durationMs)} (${event.statements} ${plural} succeeded before it)`
          : `Finished in ${formatDuration(event.durationMs)} (${event.statements} ${plural})`
      const message: RunMessage = { text, level: event.cancelled ? 'warning' : 'info', at: now }
      return { run: { ...s, running: false, durationMs: event.durationMs, cancelled: event.cancelled, messages: [...s.messages, message] }, transaction: event.transaction }
    }
  }
}

/** Rows received so far over every result of a run. */
export function rowsOf(run: RunSnapshot): number {
  return run.results.reduce((n, r) => n + r.rowCount, 0)
}
