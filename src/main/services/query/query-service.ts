import { randomBytes } from 'node:crypto'
import type { ColumnMeta } from '../../../shared/cells'
import type { CallInput, ConnectionProfile, HistoryEntry, QueryEvent, ResultSummary, Settings } from '../../../shared/contract'
import { AppError, type AppErrorShape } from '../../../shared/errors'
import type { DriverSession, StatementSink } from '../drivers/types'
import { HistoryRepository } from '../history/history-repository'
import type { EventSink } from '../rpc/handlers'
import type { LocalStore } from '../store/local-store'
import { ResultStore } from './results/result-store'
import type { StoredResult, Window } from './results/stored-result'
import { statementAt, statementRanges } from './statement-at'
import { firstChange, needsConfirmation, type Analysis, type StatementPiece } from '../statements'
import { inBackground } from '../background'
import { withinMs } from '../within-ms'
import { formatDuration } from '../../../shared/format-duration'
import type { TransactionState } from '../../../shared/transaction-state'

export interface QueryConnections {
  /** A new dedicated session; the caller closes it. */
  session(id: string): Promise<DriverSession>
  /** The statement analyser with the connection's catalog context. */
  analyse(id: string, sql: string): Promise<Analysis>
  /** The catalog may have changed (DDL ran, or a transaction ended): the analyser's context is read again. */
  forgetAnalysisContext(id: string): void
  get(id: string): ConnectionProfile
}

export interface QueryServiceDeps {
  connections: QueryConnections
  store: LocalStore
  events: EventSink
  settings: { get(): Settings }
  /** Folder for temporary result files (default: the OS temp folder). */
  tempRoot?: string
  /** Rows per batch from the driver's cursor. */
  batchSize?: number
  /** After a run with a statement the analyser calls DDL (even one that failed part-way): the catalog may have changed. */
  onSchemaChange?(connectionId: string): void
}

type RunInput = CallInput<'query.run'>

interface Run {
  id: string
  tabId: string | null
  abort: AbortController
  session: DriverSession | null
  cancelled: boolean
  done: Promise<void>
  /** The run's history entry, recorded when it started; null once finished. */
  historyId: number | null
}

interface TabSession {
  connectionId: string
  session: DriverSession
  runId: string | null
}

const PROGRESS_EVERY_MS = 100
/** Rows per cursor fetch: big enough that round trips do not cap throughput, small enough for instant first rows. */
const DEFAULT_BATCH_ROWS = 2000
/** How long a tab's session may take to say where its transaction stands before it counts as stuck. */
const TRANSACTION_STATE_MS = 5000
/** Results kept for runs without a tab before the oldest are released. */
const MAX_UNTABBED_RESULTS = 20

/**
 * Runs SQL and keeps what it returns. `run` answers at once with a run id; results, progress, messages and
 * errors follow as `query.event`s; the grid pulls rows by result id.
 */
export class QueryService {
  readonly results: ResultStore
  readonly history: HistoryRepository
  private readonly runs = new Map<string, Run>()
  private readonly tabSessions = new Map<string, TabSession>()
  private readonly openingTabSessions = new Map<string, { connectionId: string; session: Promise<DriverSession> }>()
  /** The run each tab is running, claimed synchronously when the run starts. */
  private readonly tabRuns = new Map<string, string>()
  private readonly resultsByOwner = new Map<string, string[]>()

  constructor(private readonly deps: QueryServiceDeps) {
    this.results = new ResultStore({ memoryCapRows: () => deps.settings.get().resultMemoryCapRows, tempRoot: deps.tempRoot })
    this.history = new HistoryRepository(deps.store)
    // one QueryService per process and store: what is still 'running' now was cut short by a previous process
    this.history.markInterrupted()
  }

  /** `analysed`: the caller's analysis of exactly this text (the assistant's), so the text is not split again. */
  async run(input: RunInput, analysed?: Analysis): Promise<{ runId: string }> {
    const profile = this.deps.connections.get(input.connectionId)
    let text = input.sql
    let base = 0
    if (input.cursorOffset !== undefined) {
      const piece = statementAt(input.sql, profile.dialect, input.cursorOffset)
      if (!piece) throw new AppError('INVALID_INPUT', 'Nothing to run at the cursor.')
      text = piece.text
      base = piece.offset
    }
    if (text.trim() === '') throw new AppError('INVALID_INPUT', 'Nothing to run.')
    // the tab's session connects while the SQL is analysed (a failure surfaces when the run acquires it)
    if (input.tabId && !this.tabBusy(input.tabId)) void this.tabSession(input.tabId, profile.id).catch(() => undefined)
    const analysis = analysed?.sql === text && analysed.dialect === profile.dialect ? analysed : await this.deps.connections.analyse(input.connectionId, text)
    // a read-only connection refuses writes itself (and says why): asking to confirm one would only lead to that refusal
    if (profile.tag === 'production' && !profile.readOnly && !input.confirmedWrite && needsConfirmation(analysis)) {
      throw new AppError('CONFIRMATION_REQUIRED', `“${profile.name}” is a production connection and this SQL may change data (${firstChange(analysis)?.reason}). Confirm to run it.`)
    }
    const tabId = input.tabId ?? null
    if (tabId && this.tabBusy(tabId)) throw new AppError('INVALID_INPUT', 'A query is still running in this tab. Cancel it first.')
    const id = `q_${randomBytes(12).toString('base64url')}`
    const run: Run = { id, tabId, abort: new AbortController(), session: null, cancelled: false, done: Promise.resolve(), historyId: null }
    this.runs.set(id, run)
    // claimed now, not when the session is acquired: a second run of the tab cannot slip in while this one starts
    if (tabId) this.tabRuns.set(tabId, id)
    this.releaseOwnerResults(tabId ?? '')
    const started = performance.now()
    run.done = inBackground(this.execute(run, profile, analysis, (input.editorOffset ?? 0) + base), (error) => {
      this.deps.events.emit('query.event', { type: 'error', runId: id, statementIndex: 0, error })
      this.deps.events.emit('query.event', { type: 'finished', runId: id, durationMs: performance.now() - started, statements: 0, cancelled: false })
      this.finishHistory(run, profile, text, { durationMs: performance.now() - started, rows: 0, status: 'error', error: error.message })
    }).finally(() => {
      this.runs.delete(id)
      if (tabId && this.tabRuns.get(tabId) === id) this.tabRuns.delete(tabId)
    })
    return { runId: id }
  }

  /** Frees a result's memory and temp file; a temp file that cannot be removed now is swept at the next start. */
  private releaseQuietly(resultId: string): void {
    this.results.release(resultId).catch(() => undefined)
  }

    /** Resolves when the run has finished (tests, shutdown). */
  async settled(runId: string): Promise<void> {
    await this.runs.get(runId)?.done
  }

  async cancel(runId: string): Promise<void> {
    const run = this.runs.get(runId)
    if (!run || run.cancelled) return
    run.cancelled = true
    run.abort.abort()
    await run.session?.cancel().catch(() => undefined)
  }

  async rows(input: CallInput<'query.rows'>): Promise<Window> {
    return this.results.get(input.resultId).window(input.offset, input.limit, input.sort, input.filter)
  }

  async release(resultId: string): Promise<void> {
    await this.results.release(resultId)
  }

  split(connectionId: string, sql: string): { start: number; end: number }[] {
    return statementRanges(sql, this.deps.connections.get(connectionId).dialect)
  }

  async closeSession(tabId: string): Promise<void> {
    const opening = this.openingTabSessions.get(tabId)
    this.openingTabSessions.delete(tabId)
    const late = opening?.session.then((session) => {
      if (this.tabSessions.get(tabId)?.session === session) this.tabSessions.delete(tabId)
      return session.close()
    })
    await late?.catch(() => undefined)
    const entry = this.tabSessions.get(tabId)
    this.tabSessions.delete(tabId)
    if (entry?.runId) await this.cancel(entry.runId)
    await entry?.session.close().catch(() => undefined)
    this.releaseOwnerResults(tabId)
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.runs.keys()].map((id) => this.cancel(id)))
    await Promise.all([...this.runs.values()].map((r) => r.done.catch(() => undefined)))
    await Promise.all([...this.tabSessions.keys()].map((id) => this.closeSession(id)))
    await this.results.dispose()
  }

  private emit(event: QueryEvent): void {
    this.deps.events.emit('query.event', event)
  }

  private tabBusy(tabId: string): boolean {
    const runId = this.tabRuns.get(tabId)
    return runId !== undefined && this.runs.has(runId)
  }

  private async acquireSession(run: Run, connectionId: string): Promise<DriverSession> {
    if (!run.tabId) return this.deps.connections.session(connectionId)
    const session = await this.tabSession(run.tabId, connectionId)
    const entry = this.tabSessions.get(run.tabId)
    if (entry?.session === session) entry.runId = run.id
    return session
  }

  /** The tab's own session on this connection: the live one, one being opened, or a new one (replacing another's). */
  private tabSession(tabId: string, connectionId: string): Promise<DriverSession> {
    const existing = this.tabSessions.get(tabId)
    if (existing && existing.connectionId === connectionId && !existing.session.closed) return Promise.resolve(existing.session)
    const pending = this.openingTabSessions.get(tabId)
    if (pending?.connectionId === connectionId) return pending.session
    const session = (async () => {
      if (existing) {
        this.tabSessions.delete(tabId)
        await existing.session.close().catch(() => undefined)
      }
      const opened = await this.deps.connections.session(connectionId)
      this.tabSessions.set(tabId, { connectionId, session: opened, runId: null })
      return opened
    })().finally(() => {
      if (this.openingTabSessions.get(tabId)?.session === session) this.openingTabSessions.delete(tabId)
    })
    this.openingTabSessions.set(tabId, { connectionId, session })
    return session
  }

  private releaseSession(run: Run, session: DriverSession, lost: boolean): void {
    if (!run.tabId) {
      void session.close().catch(() => undefined)
      return
    }
    const entry = this.tabSessions.get(run.tabId)
    if (entry?.session !== session) return
    entry.runId = null
    if (lost || session.closed) {
      this.tabSessions.delete(run.tabId)
      void session.close().catch(() => undefined)
    }
  }

  private track(owner: string, resultId: string): void {
    const list = this.resultsByOwner.get(owner) ?? []
    list.push(resultId)
    this.resultsByOwner.set(owner, list)
    if (owner === '' && list.length > MAX_UNTABBED_RESULTS) for (const old of list.splice(0, list.length - MAX_UNTABBED_RESULTS)) this.releaseQuietly(old)
  }

  /** A new run in a tab replaces that tab's previous results, so memory and temp files do not pile up. */
  private releaseOwnerResults(owner: string): void {
    if (owner === '') return
    for (const id of this.resultsByOwner.get(owner) ?? []) this.releaseQuietly(id)
    this.resultsByOwner.delete(owner)
  }

  private async execute(run: Run, profile: ConnectionProfile, analysis: Analysis, editorBase: number): Promise<void> {
    const text = analysis.sql
    const started = Date.now()
    const startedAt = new Date(started).toISOString()
    const running = this.history.start({ connectionId: profile.id, connectionName: profile.name, sql: text, startedAt })
    run.historyId = running.id
    this.deps.events.emit('history.started', running)
    const pieces: readonly StatementPiece[] = analysis.statements
    let statementIndex = 0
    let statementStart = performance.now()
    type Open = { result: StoredResult; summary: ResultSummary; lastProgress: number }
    let current: Open | null = null
    // closures assign `current`; read it through a function so the catch block is not narrowed to null
    const openResult = (): Open | null => current
    let resultIndex = 0
    let totalRows = 0
    let error: AppErrorShape | null = null
    let session: DriverSession | null = null
    let lost = false
    let stoppedBySink = false
    let transaction: TransactionState | undefined

    const summaryOf = (c: Open, extra: Partial<ResultSummary> = {}): ResultSummary => ({
      ...c.summary,
      rowCount: c.result.rowCount,
      done: c.result.done,
      spilled: c.result.spilled || undefined,
      ...extra
    })

    const sink: StatementSink = {
      beginResult: (columns: ColumnMeta[]) => {
        statementStart = performance.now()
        if (columns.length === 0) return
        const result = this.results.create(columns, profile.dialect)
        this.track(run.tabId ?? '', result.id)
        const summary: ResultSummary = {
          resultId: result.id,
          index: resultIndex++,
          statementIndex,
          statement: pieces[statementIndex]?.text ?? text,
          columns,
          rowCount: 0,
          done: false
        }
        current = { result, summary, lastProgress: 0 }
        this.emit({ type: 'result', runId: run.id, result: summary })
      },
      rows: (batch) => {
        // a cursor between fetches is idle on the server, where a cancel has nothing to stop: stop reading here
        if (run.cancelled) {
          stoppedBySink = true
          throw new AppError('CANCELLED', 'The query was cancelled.')
        }
        const c = current
        if (!c) return
        const pause = c.result.append(batch)
        const now = performance.now()
        if (now - c.lastProgress >= PROGRESS_EVERY_MS) {
          c.lastProgress = now
          this.emit({ type: 'progress', runId: run.id, resultId: c.result.id, rowCount: c.result.rowCount })
        }
        return pause
      },
      endResult: ({ rowsAffected, command }) => {
        const ms = performance.now() - statementStart
        const c = current
        current = null
        if (c) {
          c.result.finish()
          totalRows += c.result.rowCount
          this.emit({ type: 'result', runId: run.id, result: summaryOf(c, { done: true, durationMs: ms, rowsAffected: rowsAffected ?? null }) })
          this.message(run, statementIndex, `${plural(c.result.rowCount, 'row')} returned in ${formatDuration(ms)}`)
        } else {
          if (rowsAffected !== null && rowsAffected !== undefined) totalRows += rowsAffected
          const what = rowsAffected !== null && rowsAffected !== undefined ? `${plural(rowsAffected, 'row')} affected` : 'done'
          this.message(run, statementIndex, `${command ? `${command.toUpperCase()}: ` : ''}${what} in ${formatDuration(ms)}`)
        }
        statementIndex++
      },
      notice: (noticeText) => this.emit({ type: 'message', runId: run.id, text: noticeText, level: 'notice', statementIndex })
    }

    try {
      session = await this.acquireSession(run, profile.id)
      run.session = session
      if (run.cancelled) throw new AppError('CANCELLED', 'The query was cancelled.')
      await session.execute(analysis, sink, { batchSize: this.deps.batchSize ?? DEFAULT_BATCH_ROWS, signal: run.abort.signal })
    } catch (err) {
      const e = toAppError(err, run.cancelled)
      error = e.toShape()
      // a session whose cursor we walked away from is not reusable: the tab gets a fresh one next time
      lost = e.code === 'CONNECTION_LOST' || stoppedBySink
      const c = openResult()
      if (c) {
        c.result.finish()
        totalRows += c.result.rowCount
        this.emit({ type: 'result', runId: run.id, result: summaryOf(c, { done: true, durationMs: performance.now() - statementStart }) })
      }
      if (e.code === 'CANCELLED') this.message(run, statementIndex, 'Cancelled.', 'warning')
      else this.emit({ type: 'error', runId: run.id, statementIndex, error: error, ...errorLocation(e, pieces[statementIndex], editorBase) })
    } finally {
      // a tab's session outlives the run: say whether it left a transaction open or failed (the UI offers Rollback)
      if (run.tabId && session && !lost && !session.closed && session.transactionState) {
        // a session that cannot answer this at once is stuck (e.g. a cursor a failed sink walked away from): replace it
        const state = await withinMs(session.transactionState().catch(() => undefined), TRANSACTION_STATE_MS)
        if (state === 'timeout') lost = true
        else transaction = state
      }
      if (session) this.releaseSession(run, session, lost)
      run.session = null
    }

    const durationMs = Date.now() - started
    // DDL (or a transaction that may have held some) changes what reading a view runs: the analyser looks again
    if (analysis.statements.some((s) => s.kind === 'ddl' || s.kind === 'transaction' || s.kind === 'unknown')) this.deps.connections.forgetAnalysisContext(profile.id)
    if (analysis.statements.some((s) => s.kind === 'ddl')) this.deps.onSchemaChange?.(profile.id)
    this.emit({ type: 'finished', runId: run.id, durationMs, statements: statementIndex, cancelled: error?.code === 'CANCELLED', ...(transaction && { transaction }) })
    this.finishHistory(run, profile, text, {
      durationMs,
      rows: totalRows,
      status: error ? (error.code === 'CANCELLED' ? 'cancelled' : 'error') : 'ok',
      error: error && error.code !== 'CANCELLED' ? error.message : null
    })
  }

  /** Completes the run's history entry and announces it as `history.added`. */
  private finishHistory(run: Run, profile: ConnectionProfile, text: string, outcome: Pick<HistoryEntry, 'durationMs' | 'rows' | 'status' | 'error'>): void {
    const id = run.historyId
    if (id === null) return
    run.historyId = null
    const entry = this.history.finish(id, outcome) ?? { id, connectionId: profile.id, connectionName: profile.name, sql: text, startedAt: new Date().toISOString(), ...outcome }
    this.deps.events.emit('history.added', entry)
  }

  private message(run: Run, statementIndex: number, text: string, level: 'info' | 'warning' = 'info'): void {
    this.emit({ type: 'message', runId: run.id, text, level, statementIndex })
  }
}

function toAppError(err: unknown, cancelled: boolean): AppError {
  if (err instanceof AppError) return cancelled && err.code !== 'CONNECTION_LOST' ? new AppError('CANCELLED', 'The query was cancelled.') : err
  if (cancelled) return new AppError('CANCELLED', 'The query was cancelled.')
  return new AppError('INTERNAL', err instanceof Error ? err.message : String(err))
}

/** Editor offsets of the failing statement and of the error point (driver positions are 1-based in the text run). */
function errorLocation(e: AppError, piece: StatementPiece | undefined, editorBase: number): { range?: { start: number; end: number }; offset?: number } {
  const out: { range?: { start: number; end: number }; offset?: number } = {}
  if (piece) out.range = { start: editorBase + piece.offset, end: editorBase + piece.offset + piece.text.length }
  if (typeof e.detail?.position === 'number') out.offset = editorBase + e.detail.position - 1
  return out
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`
}
