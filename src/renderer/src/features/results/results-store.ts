import { create } from 'zustand'
import type { QueryEvent, ResultSummary } from '../../../../shared/contract'
import type { AppErrorShape } from '../../../../shared/errors'
import type { TransactionState } from '../../../../shared/transaction-state'
import { api } from '../../api/client'
import { ApiError, errorMessage } from '../../api/api-error'
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

export interface RunOptions {
  /** Run only the statement at this offset of `sql` (run-at-cursor). */
  cursorOffset?: number
  tabId?: string
  confirmedWrite?: boolean
}

/** Everything about the last run of one editor tab. */
export interface RunSnapshot {
  runId?: string
  running: boolean
  startedAt?: number
  durationMs?: number
  cancelled?: boolean
  results: ResultView[]
  messages: RunMessage[]
  error?: RunError
  /** 'messages' or a result id. */
  activeTab: string
  /** The text that ran and its offset in the editor (to place error markers). */
  sql?: string
  editorOffset?: number
  /** How the last run was asked for, so it can be repeated (e.g. after confirming a write). */
  request?: { connectionId: string; sql: string; editorOffset: number; options: RunOptions }
  /** The tab session's transaction after the run: 'failed' until ROLLBACK. */
  transaction?: TransactionState
}

interface RunState extends RunSnapshot {
  run(connectionId: string, sql: string, editorOffset: number, options?: RunOptions): Promise<void>
  cancel(): Promise<void>
  /** Runs the last request again with the write confirmed (production connections). */
  confirmAndRerun(): Promise<void>
  /** Ends the tab session's open or failed transaction. */
  endTransaction(command: 'COMMIT' | 'ROLLBACK'): Promise<void>
  setActiveTab(tab: string): void
  /** Shows the results of another editor tab (each tab keeps its own last run). */
  showEditorTab(tabId: string | null): void
  forgetEditorTab(tabId: string): void
}

/** Every snapshot key, explicitly: zustand merges state, so a key left out would survive from the previous run. */
const empty = (): RunSnapshot => ({
  runId: undefined,
  running: false,
  startedAt: undefined,
  durationMs: undefined,
  cancelled: undefined,
  results: [],
  messages: [],
  error: undefined,
  activeTab: 'messages',
  sql: undefined,
  editorOffset: undefined,
  transaction: undefined
})

const snapshotKeys = ['runId', 'running', 'startedAt', 'durationMs', 'cancelled', 'results', 'messages', 'error', 'activeTab', 'sql', 'editorOffset', 'request', 'transaction'] as const

function snapshotOf(state: RunSnapshot): RunSnapshot {
  const out = {} as Record<string, unknown>
  for (const k of snapshotKeys) out[k] = state[k]
  return out as unknown as RunSnapshot
}

/** One event applied to one run's state. */
function reduce(s: RunSnapshot, event: QueryEvent): Partial<RunSnapshot> {
  const now = Date.now()
  switch (event.type) {
    case 'result': {
      const results = [...s.results.filter((r) => r.resultId !== event.result.resultId), event.result].sort((a, b) => a.index - b.index)
      const firstGrid = s.activeTab === 'messages' && !s.results.length && event.result.columns.length > 0
      return { results, activeTab: firstGrid ? event.result.resultId : s.activeTab }
    }
    case 'progress':
      return { results: s.results.map((r) => (r.resultId === event.resultId ? { ...r, rowCount: Math.max(r.rowCount, event.rowCount) } : r)) }
    case 'message':
      return { messages: [...s.messages, { text: event.text, level: event.level, statementIndex: event.statementIndex, at: now }] }
    case 'error':
      return {
        error: { ...event.error, editorOffset: s.editorOffset ?? 0, sql: s.sql ?? '', range: event.range, offset: event.offset, statementIndex: event.statementIndex },
        messages: [...s.messages, { text: event.error.message, level: 'error', statementIndex: event.statementIndex, at: now }]
      }
    case 'finished': {
      const plural = `statement${event.statements === 1 ? '' : 's'}`
      // after an error "Finished … (0 statements)" reads like nothing happened; say where it stopped
      const text = event.cancelled
        ? `Cancelled after ${formatDuration(event.durationMs)} (${event.statements} ${plural})`
        : s.error
          ? `Stopped at the error after ${formatDuration(event.durationMs)} (${event.statements} ${plural} succeeded before it)`
          : `Finished in ${formatDuration(event.durationMs)} (${event.statements} ${plural})`
      return { running: false, durationMs: event.durationMs, cancelled: event.cancelled, transaction: event.transaction, messages: [...s.messages, { text, level: event.cancelled ? 'warning' : 'info', at: now }] }
    }
  }
}

/** Runs of the editor tabs not on screen, by tab id. */
const background = new Map<string, RunSnapshot>()
let shownTab: string | null = null
/** Events that arrive before `query.run` has answered with the run id (the transports do not order them). */
let early: QueryEvent[] = []

export const useResultsStore = create<RunState>((set, get) => {
  api.on('query.event', (event: QueryEvent) => {
    const state = get()
    if (!state.runId && state.running) return void early.push(event)
    if (event.runId === state.runId) return set(reduce(state, event))
    for (const [tab, snap] of background) if (snap.runId === event.runId) background.set(tab, { ...snap, ...reduce(snap, event) })
  })

  return {
    ...empty(),
    async run(connectionId, sql, editorOffset, options = {}) {
      set({ ...empty(), running: true, startedAt: performance.now(), sql, editorOffset, request: { connectionId, sql, editorOffset, options } })
      try {
        early = []
        const { runId } = await api.call('query.run', { connectionId, sql, editorOffset, ...options })
        set({ runId })
        for (const event of early.splice(0)) if (event.runId === runId) set(reduce(get(), event))
      } catch (error) {
        const shape: AppErrorShape =
          error instanceof ApiError ? { code: error.code, message: error.message, detail: error.detail } : { code: 'INTERNAL', message: errorMessage(error) }
        set({ running: false, error: { ...shape, editorOffset, sql } })
      }
    },
    async cancel() {
      const runId = get().runId
      if (runId) await api.call('query.cancel', { runId }).catch(() => undefined)
    },
    async confirmAndRerun() {
      const request = get().request
      if (request) await get().run(request.connectionId, request.sql, request.editorOffset, { ...request.options, confirmedWrite: true })
    },
    async endTransaction(command) {
      const request = get().request
      if (request) await get().run(request.connectionId, command, 0, { tabId: request.options.tabId })
    },
    setActiveTab(tab) {
      set({ activeTab: tab })
    },
    showEditorTab(tabId) {
      if (tabId === shownTab) return
      if (shownTab) background.set(shownTab, snapshotOf(get()))
      shownTab = tabId
      const next = (tabId && background.get(tabId)) || empty()
      if (tabId) background.delete(tabId)
      set({ ...empty(), ...next })
    },
    forgetEditorTab(tabId) {
      background.delete(tabId)
    }
  }
})
