import { randomBytes } from 'node:crypto'
import type { Cell, ColumnMeta } from '../../../shared/cells'
import type { CallInput, ConnectionProfile, HistoryEntry, QueryEvent, ResultSummary, Settings } from '../../../shared/contract'
import { AppError, type AppErrorShape } from '../../../shared/errors'
import type { DriverSession, Liveness, ResultInfo, StatementSink } from '../drivers/types'
import { deliverEncoded, type EncodedRows } from '../drivers/encoded-rows'
import { engineFor } from '../engines'
import { HistoryRepository } from '../history/history-repository'
import type { EventSink } from '../rpc/handlers'
import type { LocalStore } from '../store/local-store'
import { ResultStore } from './results/result-store'
import type { StoredResult, Window } from './results/stored-result'
import { pieceAt } from '../../../shared/statement-split'
import { splitStatementsBounded } from '../statements/split-bounded'
import { firstChange, needsConfirmation, type Analysis, type StatementPiece } from '../statements'
import { inBackground } from '../background'
import { withinMs } from '../within-ms'
import { formatDuration } from '../../../shared/format-duration'
import { awaitsEnd, type TransactionState } from '../../../shared/transaction-state'
import { lineColumnAt } from '../../../shared/text-position'
import { redactStatementSecrets } from '../audit/redact-statement'

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
  /** A running statement that has heard nothing from its server for this long gets its session probed (default 10 s). */
  livenessMs?: number
  /** How long that probe (a new short connection) may take before the server counts as unreachable (default 5 s). */
  probeTimeoutMs?: number
  /** A cancelled run ends within this even if the server never confirms the cancel; its session is dropped (default 3 s). */
  cancelGraceMs?: number
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
  /** Rejects when the run is given up (the watchdog found its connection lost, or a cancel was not confirmed in time). */
  halted: Promise<never>
  halt(this: Run, error: AppError): void
  /** Given up: whatever its session still does is ignored, and the session is dropped. */
  abandoned: boolean
  /** When the run last heard from its server (performance.now()). */
  heard: number
}

interface TabSession {
  connectionId: string
  session: DriverSession
  runId: string | null
}

/** A tab's transaction as its last run left it, and the session it was left on. */
interface KnownTransaction {
  connectionId: string
  session: DriverSession
  state: TransactionState
}

/** The text a run came from: `base` is where the analysed text starts in `sql`, `editorOffset` where `sql` starts in the editor. */
interface RunSource {
  sql: string
  base: number
  editorOffset: number
}

const NOT_COMMITTED = 'The open transaction was rolled back by the server and nothing in it was committed.'
const LOST_TRANSACTION =
  'The connection to the server was lost; the open transaction was rolled back by the server and nothing in it was committed. Nothing was run: run your changes again.'
const SWITCHED_TRANSACTION =
  "This tab's session on its previous connection was closed while a transaction was open: it was rolled back and nothing in it was committed. Nothing was run: run it again."

const PROGRESS_EVERY_MS = 100
/** Rows per cursor fetch: big enough that round trips do not cap throughput, small enough for instant first rows. */
const DEFAULT_BATCH_ROWS = 2000
/** How long a tab's session may take to say where its transaction stands before it counts as stuck. */
const TRANSACTION_STATE_MS = 5000
/** Silence from the server, during a statement, after which its session is probed on a new connection. */
const LIVENESS_MS = 10_000
const PROBE_TIMEOUT_MS = 5000
/** How long a cancelled run may take to end before its session is dropped. */
const CANCEL_GRACE_MS = 3000
/** How long closing a session may wait for the server's goodbye before the socket is dropped. */
const CLOSE_MS = 3000
const NOT_COMMITTED_IF_OPEN = 'Any open transaction was not committed (the server rolls it back); the tab gets a new session next time.'
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
  /** Per tab: the transaction its last run left open, failed or none (a session found gone with one open is reported once). */
  private readonly tabTransactions = new Map<string, KnownTransaction>()

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
      // a large text is split off the event loop (see split-bounded)
      const piece = pieceAt(await splitStatementsBounded(input.sql, profile.dialect), input.cursorOffset)
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
    const run: Run = { id, tabId, abort: new AbortController(), session: null, cancelled: false, done: Promise.resolve(), historyId: null, ...haltable() }
    this.runs.set(id, run)
    // claimed now, not when the session is acquired: a second run of the tab cannot slip in while this one starts
    if (tabId) this.tabRuns.set(tabId, id)
    this.releaseOwnerResults(tabId ?? '')
    const started = performance.now()
    const source: RunSource = { sql: input.sql, base, editorOffset: input.editorOffset ?? 0 }
    const stopWatching = this.watch(run, profile)
    run.done = inBackground(this.execute(run, profile, analysis, source, input.autoCommit === false), (error) => {
      this.deps.events.emit('query.event', { type: 'error', runId: id, statementIndex: 0, error })
      this.deps.events.emit('query.event', { type: 'finished', runId: id, durationMs: performance.now() - started, statements: 0, cancelled: false })
      this.finishHistory(run, profile, text, { durationMs: performance.now() - started, rows: 0, status: 'error', error: error.message })
    }).finally(() => {
      stopWatching()
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

  /**
   * Asks the server to stop the run. The run ends (cancelled) within the grace period even when the server never
   * confirms (a dead or half-open connection): its session is then dropped, and the tab gets a new one next time.
   */
  async cancel(runId: string): Promise<void> {
    const run = this.runs.get(runId)
    if (!run || run.cancelled) return
    run.cancelled = true
    run.abort.abort()
    const grace = this.deps.cancelGraceMs ?? CANCEL_GRACE_MS
    const deadline = setTimeout(() => {
      if (run.abandoned || !this.runs.has(run.id)) return
      this.message(run, 0, `The server did not confirm the cancel within ${formatDuration(grace)}: the session was closed. ${NOT_COMMITTED_IF_OPEN}`, 'warning')
      run.halt(new AppError('CANCELLED', 'The query was cancelled.'))
    }, grace)
    void run.done.finally(() => clearTimeout(deadline))
    await withinMs(run.session?.cancel().catch(() => undefined) ?? Promise.resolve(), grace)
  }

  async rows(input: CallInput<'query.rows'>): Promise<Window> {
    return this.results.get(input.resultId).window(input.offset, input.limit, input.sort, input.filter)
  }

  async release(resultId: string): Promise<void> {
    await this.results.release(resultId)
  }

  async closeSession(tabId: string): Promise<void> {
    // closed on purpose: its transaction ends with it, and that is not news for the tab's next run
    this.tabTransactions.delete(tabId)
    const opening = this.openingTabSessions.get(tabId)
    this.openingTabSessions.delete(tabId)
    const late = opening?.session.then((session) => {
      if (this.tabSessions.get(tabId)?.session === session) this.tabSessions.delete(tabId)
      return session.close()
    })
    // a session still connecting is closed when it arrives: shutdown does not wait for its connect timeout
    await withinMs(late?.catch(() => undefined) ?? Promise.resolve(), CLOSE_MS)
    const entry = this.tabSessions.get(tabId)
    this.tabSessions.delete(tabId)
    if (entry?.runId) await this.cancel(entry.runId)
    if (entry) await closeWithin(entry.session, CLOSE_MS)
    this.releaseOwnerResults(tabId)
    this.tabTransactions.delete(tabId)
  }

  /**
   * Where the tab session's transaction stands, without running anything of the user's: 'lost' when the session
   * ended with one open; while the tab runs something, the state its previous run left.
   */
  async transactionState(tabId: string): Promise<TransactionState> {
    const known = this.tabTransactions.get(tabId)
    const wasOpen = known !== undefined && awaitsEnd(known.state)
    const entry = this.tabSessions.get(tabId)
    if (wasOpen && (entry?.session !== known.session || known.session.closed)) return 'lost'
    if (this.tabBusy(tabId)) return known?.state ?? 'none'
    if (!entry) return 'none'
    if (!entry.session.transactionState) return known?.state ?? 'none'
    const state = await withinMs(entry.session.transactionState().catch(() => undefined), TRANSACTION_STATE_MS)
    if (state === 'timeout' || state === undefined) return wasOpen && entry.session.closed ? 'lost' : (known?.state ?? 'none')
    return state
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
      if (lost) drop(session)
      else void closeWithin(session, CLOSE_MS)
      return
    }
    const entry = this.tabSessions.get(run.tabId)
    if (entry?.session !== session) {
      // given up while its session was being opened or closed: a lost one is dropped all the same
      if (lost && run.abandoned) drop(session)
      return
    }
    entry.runId = null
    if (lost || session.closed) {
      this.tabSessions.delete(run.tabId)
      drop(session)
    }
  }

  /**
   * The liveness watchdog of a run: once its session has heard nothing from the server for `livenessMs`, a probe on a
   * new short connection asks whether the server answers and still has the session's backend. If not, the run ends
   * with CONNECTION_LOST (and its session is dropped); if so, it waits another `livenessMs`. Returns the stop function.
   */
  private watch(run: Run, profile: ConnectionProfile): () => void {
    const probe = engineFor(profile.dialect).liveness
    if (!probe) return () => undefined
    const livenessMs = this.deps.livenessMs ?? LIVENESS_MS
    const probeMs = this.deps.probeTimeoutMs ?? PROBE_TIMEOUT_MS
    let watched: DriverSession | null = null
    let probing = false
    const tick = (): void => {
      const session = run.session
      if (run.abandoned || probing) return
      if (session !== watched) {
        // a new session (or none yet: connecting has its own timeout) starts the silence afresh
        watched = session
        run.heard = performance.now()
        return
      }
      if (!session || performance.now() - run.heard < livenessMs) return
      probing = true
      void withinMs(probe(session, probeMs).catch((): Liveness => 'unknown'), probeMs + 1000).then((verdict) => {
        probing = false
        if (run.abandoned || run.session !== session) return
        if (verdict === 'alive' || verdict === 'unknown') {
          run.heard = performance.now()
          return
        }
        const why =
          verdict === 'gone'
            ? 'the server no longer has this session (it was killed, or the server restarted)'
            : `nothing came from the server for ${formatDuration(livenessMs)}, and it did not answer a new connection within ${formatDuration(probeMs)}`
        run.halt(new AppError('CONNECTION_LOST', `The connection to the server (“${profile.name}”) was lost: ${why}. ${NOT_COMMITTED_IF_OPEN}`))
      })
    }
    const timer = setInterval(tick, Math.max(50, Math.min(1000, livenessMs / 4)))
    timer.unref?.()
    return () => clearInterval(timer)
  }

  /** The promise's outcome, or the run's halt if that comes first (a late session is then released). */
  private untilHalted<T>(run: Run, promise: Promise<T>, late?: (value: T) => void): Promise<T> {
    promise.then(
      (value) => {
        if (run.abandoned) late?.(value)
      },
      () => undefined
    )
    return Promise.race([promise, run.halted])
  }

  /** The run's sink as the driver sees it: every call is news from the server; a halted run takes nothing more. */
  private heard(run: Run, sink: StatementSink): StatementSink {
    const gone = (): AppError => new AppError('CANCELLED', 'The run has ended.')
    const hear = (): boolean => {
      run.heard = performance.now()
      return !run.abandoned
    }
    return {
      beginResult: (...args) => {
        if (hear()) sink.beginResult(...args)
      },
      rows: (batch) => {
        if (!hear()) throw gone()
        return sink.rows(batch)
      },
      encodedRows: (batch) => {
        if (!hear()) throw gone()
        return deliverEncoded(sink, batch)
      },
      endResult: (...args) => {
        if (hear()) sink.endResult(...args)
      },
      notice: (text) => {
        if (hear()) sink.notice(text)
      }
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

  /**
   * Manual commit: opens a transaction unless one is open or the run's own first statement is a transaction statement.
   * True when it opened one. A read-only connection that refuses it runs without one (it cannot change anything).
   */
  private async beginIfNone(run: Run, session: DriverSession, analysis: Analysis): Promise<boolean> {
    if (analysis.statements[0]?.kind === 'transaction') return false
    if (!session.transactionState) {
      this.message(run, 0, `Auto-commit stays on: a ${session.facts.label} session cannot tell here whether a transaction is open.`, 'warning')
      return false
    }
    const state = await withinMs(session.transactionState(), TRANSACTION_STATE_MS)
    if (state === 'timeout') throw new AppError('CONNECTION_LOST', 'The session did not answer within 5 s: nothing was run, and the tab gets a new session next time.')
    if (state !== 'none') return false
    const sql = session.facts.beginTransactionSql
    const quiet: StatementSink = { beginResult: () => undefined, rows: () => undefined, endResult: () => undefined, notice: (text) => this.emit({ type: 'message', runId: run.id, text, level: 'notice', statementIndex: 0 }) }
    try {
      await session.execute(sql, quiet, { signal: run.abort.signal })
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'READ_ONLY') throw err
      this.message(run, 0, 'Auto-commit stays on: this read-only connection runs no transaction of yours (nothing in it can change data).')
      return false
    }
    this.message(run, 0, `${sql}: a transaction is open (auto-commit is off); COMMIT saves the changes.`)
    return true
  }

  private async execute(run: Run, profile: ConnectionProfile, analysis: Analysis, source: RunSource, manualCommit: boolean): Promise<void> {
    const text = analysis.sql
    const started = Date.now()
    const startedAt = new Date(started).toISOString()
    // a password in CREATE/ALTER USER, IDENTIFIED BY … is not kept (the audit log masks it the same way)
    const running = this.history.start({ connectionId: profile.id, connectionName: profile.name, sql: redactStatementSecrets(text).text, startedAt })
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
    // the transaction the tab's last run left, and whether this run opened one (manual commit)
    const known = run.tabId ? this.tabTransactions.get(run.tabId) : undefined
    const knownOpen = known !== undefined && awaitsEnd(known.state)
    let begun = false
    /** The tab's session ended with a transaction open: this run reports it (once) as 'lost'. */
    let lostTransaction = false
    /** Found out before anything ran: the fresh session is fine and stays. */
    let foundGone = false

    const summaryOf = (c: Open, extra: Partial<ResultSummary> = {}): ResultSummary => ({
      ...c.summary,
      rowCount: c.result.rowCount,
      done: c.result.done,
      spilled: c.result.spilled || undefined,
      ...extra
    })

    const store = (batch: Cell[][] | EncodedRows): void | Promise<void> => {
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
    }
    const sink: StatementSink = {
      beginResult: (columns: ColumnMeta[], info?: ResultInfo) => {
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
          done: false,
          ...(info?.source && { source: info.source })
        }
        current = { result, summary, lastProgress: 0 }
        this.emit({ type: 'result', runId: run.id, result: summary })
      },
      rows: (batch) => store(batch),
      encodedRows: (batch) => store(batch),
      endResult: ({ rowsAffected, command, source }) => {
        const ms = performance.now() - statementStart
        const c = current
        current = null
        if (c) {
          c.result.finish()
          totalRows += c.result.rowCount
          if (source) c.summary.source = source
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
      session = await this.untilHalted(run, this.acquireSession(run, profile.id), (late) => this.releaseSession(run, late, false))
      run.session = session
      if (run.cancelled) throw new AppError('CANCELLED', 'The query was cancelled.')
      // never a silent fresh start: a COMMIT on a new session would report success for changes the server dropped
      if (knownOpen && known.session !== session) {
        lostTransaction = foundGone = true
        throw new AppError('CONNECTION_LOST', known.connectionId === profile.id ? LOST_TRANSACTION : SWITCHED_TRANSACTION)
      }
      if (manualCommit && run.tabId) begun = await this.untilHalted(run, this.beginIfNone(run, session, analysis))
      await this.untilHalted(run, session.execute(analysis, this.heard(run, sink), { batchSize: this.deps.batchSize ?? DEFAULT_BATCH_ROWS, signal: run.abort.signal }))
    } catch (err) {
      let e = inRunText(toAppError(err, run.cancelled), source)
      if (e.code === 'CONNECTION_LOST' && !foundGone && transactionWasOpen(analysis.statements, statementIndex, begun || (knownOpen && known.session === session))) {
        lostTransaction = true
        e = new AppError(e.code, `${e.message.replace(/\.?$/, '.')} ${NOT_COMMITTED}`, e.detail)
      }
      error = e.toShape()
      // a session whose cursor we walked away from is not reusable: the tab gets a fresh one next time
      lost = (e.code === 'CONNECTION_LOST' && !foundGone) || stoppedBySink
      // given up (watchdog, unconfirmed cancel): the session may be stuck mid-statement
      if (run.abandoned) lost = true
      const c = openResult()
      if (c) {
        c.result.finish()
        totalRows += c.result.rowCount
        this.emit({ type: 'result', runId: run.id, result: summaryOf(c, { done: true, durationMs: performance.now() - statementStart }) })
      }
      if (e.code === 'CANCELLED') this.message(run, statementIndex, 'Cancelled.', 'warning')
      else this.emit({ type: 'error', runId: run.id, statementIndex, error: error, ...errorLocation(e, pieces[statementIndex], source) })
    } finally {
      // a tab's session outlives the run: say whether it left a transaction open or failed (the UI offers Rollback)
      if (run.tabId && session && !lost && !session.closed && session.transactionState) {
        // a session that cannot answer this at once is stuck (e.g. a cursor a failed sink walked away from): replace it
        const state = await withinMs(session.transactionState().catch(() => undefined), TRANSACTION_STATE_MS)
        if (state === 'timeout') lost = true
        else transaction = state
      }
      if (run.tabId) {
        if (lostTransaction) this.tabTransactions.delete(run.tabId)
        if (session && transaction && !lost) this.tabTransactions.set(run.tabId, { connectionId: profile.id, session, state: transaction })
      }
      if (lostTransaction) transaction = 'lost'
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
    const entry = this.history.finish(id, outcome) ?? { id, connectionId: profile.id, connectionName: profile.name, sql: redactStatementSecrets(text).text, startedAt: new Date().toISOString(), ...outcome }
    this.deps.events.emit('history.added', entry)
  }

  private message(run: Run, statementIndex: number, text: string, level: 'info' | 'warning' = 'info'): void {
    this.emit({ type: 'message', runId: run.id, text, level, statementIndex })
  }
}

/** A run's halt: `halted` rejects with the error once `halt` is called (and marks the run abandoned). */
function haltable(): Pick<Run, 'halted' | 'halt' | 'abandoned' | 'heard'> {
  let reject!: (error: AppError) => void
  const halted = new Promise<never>((_, r) => {
    reject = r
  })
  halted.catch(() => undefined)
  return {
    halted,
    abandoned: false,
    heard: performance.now(),
    halt(this: Run, error: AppError) {
      if (this.abandoned) return
      this.abandoned = true
      reject(error)
    }
  }
}

/** Drops a session at once (no goodbye to a server that may not answer). */
function drop(session: DriverSession): void {
  if (session.destroy) session.destroy()
  else void session.close().catch(() => undefined)
}

/** Closes politely, but drops the session if the server has not said goodbye within `ms`. */
async function closeWithin(session: DriverSession, ms: number): Promise<void> {
  const closed = await withinMs(session.close().catch(() => undefined), ms)
  if (closed === 'timeout') drop(session)
}

function toAppError(err: unknown, cancelled: boolean): AppError {
  if (err instanceof AppError) return cancelled && err.code !== 'CONNECTION_LOST' ? new AppError('CANCELLED', 'The query was cancelled.') : err
  if (cancelled) return new AppError('CANCELLED', 'The query was cancelled.')
  return new AppError('INTERNAL', err instanceof Error ? err.message : String(err))
}

/**
 * Drivers place an error in the text they ran (the statement at the cursor, for run-at-cursor): its position, line
 * and column are moved into the run's whole `sql`.
 */
function inRunText(e: AppError, source: RunSource): AppError {
  const d = e.detail
  if (!d || source.base === 0) return e
  if (typeof d.position === 'number') {
    const at = source.base + d.position - 1
    return new AppError(e.code, e.message, { ...d, ...lineColumnAt(source.sql, at), position: at + 1 })
  }
  if (typeof d.line !== 'number') return e
  const start = lineColumnAt(source.sql, source.base)
  const column = typeof d.column === 'number' && d.line === 1 ? d.column + start.column - 1 : d.column
  return new AppError(e.code, e.message, { ...d, line: d.line + start.line - 1, ...(column !== undefined && { column }) })
}

/** Editor offsets of the failing statement and of the error point (positions are 1-based in the run's `sql`). */
function errorLocation(e: AppError, piece: StatementPiece | undefined, source: RunSource): { range?: { start: number; end: number }; offset?: number } {
  const out: { range?: { start: number; end: number }; offset?: number } = {}
  const base = source.editorOffset + source.base
  if (piece) out.range = { start: base + piece.offset, end: base + piece.offset + piece.text.length }
  if (typeof e.detail?.position === 'number') out.offset = source.editorOffset + e.detail.position - 1
  return out
}

/**
 * Whether the connection was lost with a transaction open: the last transaction statement this run got past opened
 * one (BEGIN, START TRANSACTION), or, when it ran none, one was open when the statement that failed started.
 */
function transactionWasOpen(statements: Analysis['statements'], failedAt: number, openBefore: boolean): boolean {
  for (let i = Math.min(failedAt, statements.length) - 1; i >= 0; i--) {
    if (statements[i]!.kind === 'transaction') return /^\s*(begin|start)\b/i.test(statements[i]!.text)
  }
  return openBefore
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`
}
