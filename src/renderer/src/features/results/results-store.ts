import { create } from 'zustand'
import type { QueryEvent, ResultSummary } from '../../../../shared/contract'
import type { AppErrorShape } from '../../../../shared/errors'
import { api } from '../../api/client'
import { ApiError, errorMessage } from '../../api/api-error'

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

interface RunState {
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
  run(connectionId: string, sql: string, editorOffset: number, options?: RunOptions): Promise<void>
  cancel(): Promise<void>
  setActiveTab(tab: string): void
}

let pendingOffset = 0
let pendingSql = ''

/** Events that arrive before `query.run` has answered with the run id (the transports do not order them). */
let early: QueryEvent[] = []

export const useResultsStore = create<RunState>((set, get) => {
  api.on('query.event', (event: QueryEvent) => {
    if (!get().runId && get().running) early.push(event)
    else if (event.runId === get().runId) apply(event)
  })

  function apply(event: QueryEvent): void {
    const state = get()
    switch (event.type) {
      case 'result': {
        const others = state.results.filter((r) => r.resultId !== event.result.resultId)
        const results = [...others, event.result].sort((a, b) => a.index - b.index)
        const firstGrid = state.activeTab === 'messages' && !state.results.length
        set({ results, activeTab: firstGrid ? event.result.resultId : state.activeTab })
        break
      }
      case 'progress':
        set({ results: state.results.map((r) => (r.resultId === event.resultId ? { ...r, rowCount: Math.max(r.rowCount, event.rowCount) } : r)) })
        break
      case 'message':
        set({ messages: [...state.messages, { text: event.text, level: event.level, statementIndex: event.statementIndex, at: Date.now() }] })
        break
      case 'error':
        set({
          error: { ...event.error, editorOffset: pendingOffset, sql: pendingSql, range: event.range, offset: event.offset, statementIndex: event.statementIndex },
          messages: [...state.messages, { text: event.error.message, level: 'error', statementIndex: event.statementIndex, at: Date.now() }]
        })
        break
      case 'finished':
        set({
          running: false,
          durationMs: event.durationMs,
          cancelled: event.cancelled,
          messages: [
            ...state.messages,
            { text: `${event.cancelled ? 'Cancelled after' : 'Finished in'} ${formatDuration(event.durationMs)} (${event.statements} statement${event.statements === 1 ? '' : 's'})`, level: event.cancelled ? 'warning' : 'info', at: Date.now() }
          ]
        })
        break
    }
  }

  return {
    running: false,
    results: [],
    messages: [],
    activeTab: 'messages',
    async run(connectionId, sql, editorOffset, options = {}) {
      pendingOffset = editorOffset
      pendingSql = sql
      set({ running: true, runId: undefined, results: [], messages: [], error: undefined, startedAt: performance.now(), durationMs: undefined, cancelled: false, activeTab: 'messages' })
      try {
        early = []
        const { runId } = await api.call('query.run', { connectionId, sql, editorOffset, ...options })
        set({ runId })
        for (const event of early.splice(0)) if (event.runId === runId) apply(event)
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
    setActiveTab(tab) {
      set({ activeTab: tab })
    }
  }
})

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`
}
