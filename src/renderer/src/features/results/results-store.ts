import { create } from 'zustand'
import type { QueryEvent, ResultSummary } from '../../../../shared/contract'
import type { Cell } from '../../../../shared/cells'
import type { AppErrorShape } from '../../../../shared/errors'
import { api } from '../../api/client'
import { ApiError, errorMessage } from '../../api/api-error'

const FIRST_WINDOW = 5_000

export interface ResultView extends ResultSummary {
  rows: Cell[][]
}

interface RunState {
  runId?: string
  running: boolean
  startedAt?: number
  durationMs?: number
  results: ResultView[]
  messages: string[]
  error?: AppErrorShape & { editorOffset: number; sql: string }
  run(connectionId: string, sql: string, editorOffset: number): Promise<void>
  cancel(): Promise<void>
}

export const useResultsStore = create<RunState>((set, get) => {
  api.on('query.event', (event: QueryEvent) => {
    if (event.runId !== get().runId) return
    switch (event.type) {
      case 'result':
        void loadRows(event.result)
        break
      case 'progress':
        set({ results: get().results.map((r) => (r.resultId === event.resultId ? { ...r, rowCount: event.rowCount } : r)) })
        break
      case 'message':
        set({ messages: [...get().messages, event.text] })
        break
      case 'error': {
        const current = get()
        set({ error: { ...event.error, editorOffset: current.error?.editorOffset ?? pendingOffset, sql: pendingSql } })
        break
      }
      case 'finished':
        set({ running: false, durationMs: event.durationMs })
        break
    }
  })

  let pendingOffset = 0
  let pendingSql = ''

  async function loadRows(summary: ResultSummary): Promise<void> {
    const upsert = (view: ResultView): void => {
      const others = get().results.filter((r) => r.resultId !== view.resultId)
      set({ results: [...others, view].sort((a, b) => a.index - b.index) })
    }
    upsert({ ...summary, rows: get().results.find((r) => r.resultId === summary.resultId)?.rows ?? [] })
    try {
      const page = await api.call('query.rows', { resultId: summary.resultId, offset: 0, limit: FIRST_WINDOW })
      upsert({ ...summary, rowCount: Math.max(summary.rowCount, page.total), rows: page.rows })
    } catch (error) {
      set({ messages: [...get().messages, `Could not load rows: ${errorMessage(error)}`] })
    }
  }

  return {
    running: false,
    results: [],
    messages: [],
    async run(connectionId, sql, editorOffset) {
      pendingOffset = editorOffset
      pendingSql = sql
      set({ running: true, results: [], messages: [], error: undefined, startedAt: performance.now(), durationMs: undefined })
      try {
        const { runId } = await api.call('query.run', { connectionId, sql, editorOffset })
        set({ runId })
      } catch (error) {
        const shape: AppErrorShape =
          error instanceof ApiError ? { code: error.code, message: error.message, detail: error.detail } : { code: 'INTERNAL', message: errorMessage(error) }
        set({ running: false, error: { ...shape, editorOffset, sql } })
      }
    },
    async cancel() {
      const runId = get().runId
      if (runId) await api.call('query.cancel', { runId }).catch(() => undefined)
    }
  }
})
