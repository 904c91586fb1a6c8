import { createStore, type StoreApi } from 'zustand/vanilla'
import type { QueryEvent } from '../../../../shared/contract'
import type { TransactionState } from '../../../../shared/transaction-state'
import { api } from '../../api/client'
import { errorShape } from '../../api/api-error'
import { emptyPlans, planActions, type PlanActions, type PlanSlice } from '../plan/plan-slice'
import { claimRun } from './run-router'
import { emptyRun, failedToStart, reduceRun, startedRun, type RunRequest, type RunSnapshot } from './run-state'

export interface TabData {
  id: string
  title: string
  sql: string
  /** The connection this tab runs on; it changes only when the user changes it in the tab. */
  connectionId: string | null
}

export interface TabState extends TabData, PlanActions {
  /** Auto-commit (the default) or manual: in manual mode the first statement opens a transaction the user ends. */
  autoCommit: boolean
  /** Where the tab session's transaction stands, as the last run reported it. */
  transaction: TransactionState
  run: RunSnapshot
  /** The tab's last few plans (Explain / Explain analyze), in memory only. */
  plans: PlanSlice
  setSql(sql: string): void
  rename(title: string): void
  /** Points the tab at another connection; its session (and any open transaction) on the old one is closed. */
  setConnection(connectionId: string): void
  setAutoCommit(autoCommit: boolean): void
  /** Runs text of the editor: the selection, the statement at `cursorOffset`, or the whole script. */
  runSql(request: Omit<RunRequest, 'connectionId'>): Promise<void>
  /** Runs the last request again with the write confirmed (production connections). */
  confirmAndRerun(): Promise<void>
  cancel(): Promise<void>
  commit(): Promise<void>
  rollback(): Promise<void>
  /** Shows a run the assistant started (its events come to this tab). */
  attachRun(runId: string, request: RunRequest): void
  /** Appends SQL to the tab's text (the assistant's "Insert into editor"). */
  insertSql(sql: string): void
  showResult(id: string): void
  /** The service link dropped: a run in flight cannot report any more, so it ends here. */
  linkLost(): void
  /** Asks main where the tab session's transaction stands (after a page reload the service may hold one open). */
  syncTransaction(): Promise<void>
}

export type TabStore = StoreApi<TabState>

export interface TabStoreDeps {
  /** Called after every change worth saving (text, title, connection). */
  persist(tabId: string): void
}

/** One editor tab: its text, its connection, its session's transaction and its last run, in one store. */
export function createTabStore(data: TabData, deps: TabStoreDeps): TabStore {
  let cancelRequested = false

  return createStore<TabState>((set, get) => {
    const apply = (runId: string, event: QueryEvent): void => {
      const { run } = get()
      if (run.runId !== runId) return
      const outcome = reduceRun(run, event)
      set(outcome.transaction ? { run: outcome.run, transaction: outcome.transaction } : { run: outcome.run })
    }

    const start = async (request: RunRequest, origin: RunSnapshot['origin']): Promise<void> => {
      if (get().run.running) return
      cancelRequested = false
      set({ run: startedRun(request, origin) })
      try {
        const { runId } = await api.call('query.run', {
          connectionId: request.connectionId,
          sql: request.sql,
          editorOffset: request.editorOffset,
          cursorOffset: request.cursorOffset,
          tabId: get().id,
          confirmedWrite: request.confirmedWrite,
          ...(get().autoCommit ? {} : { autoCommit: false })
        })
        set({ run: { ...get().run, runId } })
        claimRun(runId, (event) => apply(runId, event))
        if (cancelRequested) await api.call('query.cancel', { runId }).catch(() => undefined)
      } catch (error) {
        set({ run: failedToStart(get().run, errorShape(error)) })
      }
    }

    const transactionCommand = async (sql: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
      const { connectionId } = get()
      if (connectionId) await start({ connectionId, sql, editorOffset: 0 }, 'command')
    }

    return {
      ...data,
      autoCommit: true,
      transaction: 'none',
      run: emptyRun(),
      plans: emptyPlans(),
      ...planActions(get, (plans) => set({ plans })),
      setSql(sql) {
        if (sql === get().sql) return
        set({ sql })
        deps.persist(get().id)
      },
      rename(title) {
        const clean = title.trim().slice(0, 200)
        if (!clean || clean === get().title) return
        set({ title: clean })
        deps.persist(get().id)
      },
      setConnection(connectionId) {
        if (connectionId === get().connectionId) return
        set({ connectionId, transaction: 'none' })
        deps.persist(get().id)
        void api.call('query.closeSession', { tabId: get().id }).catch(() => undefined)
      },
      setAutoCommit(autoCommit) {
        set({ autoCommit })
      },
      async runSql(request) {
        const { connectionId } = get()
        if (!connectionId) {
          set({ run: failedToStart(startedRun(undefined, 'editor'), { code: 'INVALID_INPUT', message: 'Choose a connection for this tab first (the picker above the editor).' }) })
          return
        }
        await start({ ...request, connectionId }, 'editor')
      },
      async confirmAndRerun() {
        const { request, origin } = get().run
        if (request) await start({ ...request, confirmedWrite: true }, origin)
      },
      async cancel() {
        const { runId, running } = get().run
        if (!running) return
        if (!runId) return void (cancelRequested = true)
        await api.call('query.cancel', { runId }).catch(() => undefined)
      },
      commit: () => transactionCommand('COMMIT'),
      rollback: () => transactionCommand('ROLLBACK'),
      attachRun(runId, request) {
        set({ run: { ...startedRun(request, 'assistant'), runId } })
        claimRun(runId, (event) => apply(runId, event))
      },
      insertSql(sql) {
        const text = get().sql
        get().setSql(text.trim() ? `${text.replace(/\s*$/, '')}\n\n${sql}\n` : `${sql}\n`)
      },
      showResult(id) {
        set({ run: { ...get().run, activeResult: id } })
      },
      async syncTransaction() {
        const { state } = await api.call('query.transactionState', { tabId: get().id })
        if (!get().run.running) set({ transaction: state })
      },
      linkLost() {
        const { run } = get()
        if (!run.running) return
        set({ run: { ...failedToStart(run, { code: 'CONNECTION_LOST', message: 'Lost the link to the QueryGenie service while the query ran; its outcome is unknown.' }), durationMs: Date.now() - (run.startedAt ?? Date.now()) } })
      }
    }
  })
}
