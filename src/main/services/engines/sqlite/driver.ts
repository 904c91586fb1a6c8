import { existsSync } from 'node:fs'
import type { Cell, CellKind, ColumnMeta } from '../../../../shared/cells'
import { AppError } from '../../../../shared/errors'
import { sqliteFacts } from '../../../../shared/engines/sqlite'
import { positionOfNearToken, sqlError } from '../../drivers/errors'
import { deliverEncoded } from '../../drivers/encoded-rows'
import { SessionAnalyser } from '../../statements/analyse'
import type { Analysis } from '../../statements/types'
import { sqliteStatements } from './statements'
import type { ConnectParams, Driver, DriverSession, ExecuteOptions, StatementSink } from '../../drivers/types'
import type { TransactionState } from '../../../../shared/transaction-state'
import { WorkerError, type ExecReply, type QueryReply, type SqliteWorker, type WorkerBatch, type WorkerColumn } from './sqlite-worker'
import { sqliteWorkers, type WorkerHolder } from './worker-pool'
import { singleSource, type ColumnOrigin } from '../../drivers/source'

const facts = sqliteFacts
const DEFAULT_BATCH = 500
/** Batches asked for before the previous one is stored: the worker never waits for this process. */
const ASK_AHEAD = 2

/** Maps a declared column type to a cell kind with SQLite's affinity rules (plus the common names people use). */
export function sqliteKind(declared: string | null): CellKind | undefined {
  if (!declared) return undefined
  const t = declared.toUpperCase()
  if (t.includes('BOOL')) return 'boolean'
  if (t.includes('INT')) return 'number'
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return t.includes('UUID') ? 'uuid' : 'text'
  if (t.includes('BLOB')) return 'binary'
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'number'
  if (t.includes('JSON')) return 'json'
  if (t.includes('UUID')) return 'uuid'
  if (t.includes('TIMESTAMP') || t.includes('DATETIME')) return 'datetime'
  if (t.includes('DATE')) return 'date'
  if (t.includes('TIME')) return 'time'
  if (t.includes('NUM') || t.includes('DEC')) return 'number'
  return 'other'
}

/** A column's table: `main` is left out of the name, other databases (temp, attached) are its schema. */
function sqliteOrigin(d: WorkerColumn): ColumnOrigin | null {
  if (!d.table || !d.column) return null
  return d.database && d.database !== 'main' ? { schema: d.database, table: d.table } : { table: d.table }
}

function mapSqliteError(err: unknown, submitted: string, offset: number, statement: string): AppError {
  if (err instanceof AppError) return err
  const e = err as { code?: string; message?: string }
  const message = e.message ?? String(err)
  if (e.code?.startsWith('SQLITE_READONLY') || /readonly database/i.test(message)) {
    return new AppError('READ_ONLY', `This connection is read-only: ${message}`)
  }
  return sqlError(message, submitted, offset, positionOfNearToken(message, statement), e.code)
}

const cancelled = (): AppError => new AppError('CANCELLED', 'The statement was cancelled.')

/** A pooled worker process with the database open; waits in the pool's queue when every process is taken. */
async function openWorker(params: ConnectParams, file: string, signal?: AbortSignal): Promise<SqliteWorker> {
  const worker = await sqliteWorkers.acquire(signal)
  try {
    await worker.request({ op: 'open', file, readOnly: params.readOnly, timeout: params.connectTimeoutMs })
    return worker
  } catch (err) {
    sqliteWorkers.giveBack(worker)
    throw new AppError('CONNECTION_REFUSED', `Could not open the SQLite database: ${(err as Error).message}`)
  }
}

/**
 * A SQLite connection in a pooled worker process: a cancel terminates the process, and the next statement reopens
 * the database in another. While idle with nothing to lose (no transaction, temp objects or attachments) it gives
 * its process back when other sessions wait for one, and reopens on its next statement.
 */
class SqliteSession implements DriverSession, WorkerHolder {
  readonly facts = facts
  private readonly analyser = new SessionAnalyser(sqliteStatements, 'sqlite', () => this)
  private cancelRequested = false
  private running = false
  private ended = false
  /** Requests using the worker outside execute (query, transactionState). */
  private inFlight = 0
  private opening: Promise<SqliteWorker> | null = null
  private acquiring: AbortController | null = null
  private parking: Promise<boolean> | null = null
  /**
   * Never parked: an in-memory database (closing it loses it), or a session that ran a statement that may change the
   * connection itself (PRAGMA, ATTACH, anything unknown) — a reopen would quietly undo that.
   */
  private pinned: boolean

  constructor(
    private worker: SqliteWorker | null,
    private readonly params: ConnectParams,
    private readonly file: string
  ) {
    this.pinned = file === ':memory:'
    if (worker) sqliteWorkers.register(this)
  }

  get closed(): boolean {
    return this.ended
  }

  private async live(): Promise<SqliteWorker> {
    if (this.ended) throw new AppError('CONNECTION_LOST', 'The SQLite database is closed.')
    while (this.parking) await this.parking
    if (this.worker?.alive) return this.worker
    this.worker = null
    this.opening ??= (async () => {
      const acquiring = (this.acquiring = new AbortController())
      try {
        const worker = await openWorker(this.params, this.file, acquiring.signal)
        if (this.ended) {
          await worker.request({ op: 'close' }).catch(() => undefined)
          sqliteWorkers.giveBack(worker)
          throw new AppError('CONNECTION_LOST', 'The SQLite database is closed.')
        }
        this.worker = worker
        sqliteWorkers.register(this)
        return worker
      } finally {
        this.acquiring = null
        this.opening = null
      }
    })()
    return this.opening
  }

  /** The pool asks: gives the worker back when this session is idle and would lose nothing by reopening later. */
  park(): Promise<boolean> {
    const worker = this.worker
    if (this.pinned || this.parking || this.ended || this.running || this.inFlight > 0 || this.opening || !worker?.alive) return Promise.resolve(false)
    const parking = (async () => {
      try {
        if (!(await worker.request<boolean>({ op: 'parkable' }))) return false
        await worker.request({ op: 'close' })
        if (this.worker === worker) this.worker = null
        sqliteWorkers.unregister(this)
        sqliteWorkers.giveBack(worker)
        return true
      } catch {
        return false
      } finally {
        this.parking = null
      }
    })()
    this.parking = parking
    return parking
  }

  /** After a statement or request: if others wait for a worker, an idle session offers its own. */
  private offerWorker(): void {
    if (sqliteWorkers.wanted() && !this.running && this.inFlight === 0) void this.park()
  }

  private mapError(err: unknown, submitted: string, offset: number, statement: string): AppError {
    if (err instanceof WorkerError && err.terminated) {
      return this.cancelRequested ? cancelled() : new AppError('CONNECTION_LOST', 'The SQLite connection stopped unexpectedly.')
    }
    return mapSqliteError(err, submitted, offset, statement)
  }

  async serverVersion(): Promise<string> {
    const r = await this.query('select sqlite_version() as v')
    return `SQLite ${String(r.rows[0][0])}`
  }

  analyse(sql: string): Promise<Analysis> {
    return this.analyser.analyse(sql)
  }

  forgetAnalysisContext(): void {
    this.analyser.forget()
  }

  async execute(input: string | Analysis, sink: StatementSink, options: ExecuteOptions = {}): Promise<void> {
    if (this.running) throw new AppError('INVALID_INPUT', 'This session is already running a statement.')
    const script = await this.analyser.scriptToRun(input, this.params.readOnly)
    if (script.statements.some((s) => s.kind === 'session' || s.kind === 'admin' || s.kind === 'unknown')) this.pinned = true
    const sql = script.sql
    const batchSize = options.batchSize ?? DEFAULT_BATCH
    this.cancelRequested = false
    this.running = true
    // a cancel that fails (e.g. no side connection) leaves the statement running: its outcome still reaches the caller
    const onAbort = (): void => void this.cancel().catch(() => undefined)
    options.signal?.addEventListener('abort', onAbort)
    try {
      for (const piece of script.statements) {
        if (this.cancelRequested) throw cancelled()
        try {
          await this.runOne(piece.text, sink, batchSize)
        } catch (err) {
          throw this.mapError(err, sql, piece.offset, piece.text)
        }
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort)
      this.running = false
      this.offerWorker()
    }
  }

  private async runOne(text: string, sink: StatementSink, batchSize: number): Promise<void> {
    const worker = await this.live()
    // cancelled while it waited for a worker
    if (this.cancelRequested) throw cancelled()
    const request = worker.request<ExecReply>({ op: 'exec', sql: text, batchSize })
    const first = await request
    if (!first.reader) {
      sink.beginResult([])
      sink.endResult({ rowsAffected: first.changes, command: firstWord(text) })
      return
    }
    const columns: ColumnMeta[] = first.columns.map((d, i) => ({
      name: d.name,
      dbType: d.type ?? '',
      kind: sqliteKind(d.type) ?? first.valueKinds[i],
      ...(d.nullable !== null && { nullable: d.nullable }),
      ...(d.table && d.column && { sourceColumn: d.column })
    }))
    sink.beginResult(columns, { source: singleSource(first.columns.map(sqliteOrigin)) })
    // the worker answers in order: asking ahead keeps it reading while this process stores the previous batch
    const ahead: Promise<WorkerBatch>[] = []
    const askAhead = (): void => {
      while (ahead.length < ASK_AHEAD) {
        const next = worker.request<WorkerBatch>({ op: 'next', cursor: request.id })
        // a run that stops early (cancel, an error) never awaits it
        next.catch(() => undefined)
        ahead.push(next)
      }
    }
    let reply: WorkerBatch = first
    for (;;) {
      if (!reply.done) askAhead()
      if (reply.count && reply.data) await deliverEncoded(sink, { count: reply.count, data: ownBytes(reply.data), encoding: 'columns' })
      if (reply.done) break
      if (this.cancelRequested) throw cancelled()
      reply = await ahead.shift()!
    }
    // requests asked past the end answer empty
    await Promise.all(ahead)
    sink.endResult({ rowsAffected: null, command: firstWord(text) })
  }

  async query(sql: string, params: unknown[] = []): Promise<{ columns: ColumnMeta[]; rows: Cell[][] }> {
    this.inFlight++
    try {
      const worker = await this.live()
      const r = await worker.request<QueryReply>({ op: 'query', sql, params })
      return { columns: r.columns.map((d, i) => ({ name: d.name, dbType: d.type ?? '', kind: sqliteKind(d.type) ?? r.valueKinds[i] })), rows: r.rows }
    } catch (err) {
      throw this.mapError(err, sql, 0, sql)
    } finally {
      this.inFlight--
      this.offerWorker()
    }
  }

  /** better-sqlite3's inTransaction; an error never aborts a SQLite transaction, and a killed worker took its own with it. */
  async transactionState(): Promise<TransactionState> {
    if (this.ended) throw new AppError('CONNECTION_LOST', 'The SQLite database is closed.')
    while (this.parking) await this.parking
    // no worker: none yet, a parked one (parked only outside a transaction) or a killed one (took its own with it)
    const worker = this.worker
    if (!worker?.alive) return 'none'
    this.inFlight++
    try {
      return (await worker.request<boolean>({ op: 'inTransaction' })) ? 'open' : 'none'
    } finally {
      this.inFlight--
      this.offerWorker()
    }
  }

  /** Stops even a statement that never yields a row: the worker is terminated and reopened on next use. */
  async cancel(): Promise<void> {
    if (!this.running) return
    this.cancelRequested = true
    // still waiting for a worker: it leaves the queue
    this.acquiring?.abort()
    await this.worker?.terminate()
  }

  /** Closes the database; its process goes back to the pool (or is stopped when a statement is still running). */
  async close(): Promise<void> {
    if (this.ended) return
    this.ended = true
    sqliteWorkers.unregister(this)
    this.acquiring?.abort()
    while (this.parking) await this.parking
    const worker = this.worker
    this.worker = null
    if (!worker) return
    if (worker.alive && !this.running && this.inFlight === 0) {
      const closed = await worker
        .request({ op: 'close' })
        .then(() => true)
        .catch(() => false)
      if (closed) return sqliteWorkers.giveBack(worker)
    }
    await worker.terminate()
  }
}

/**
 * A batch's bytes as the result store keeps them: the channel may hand over a view into the larger buffer the message
 * was read into (with other messages in it); such a view is copied, so a stored batch holds only its own bytes.
 */
function ownBytes(data: Uint8Array): Uint8Array {
  return data.buffer.byteLength > data.byteLength + (data.byteLength >> 2) + 1024 ? Uint8Array.prototype.slice.call(data) : data
}

function firstWord(sql: string): string {
  const m = /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*([A-Za-z]+)/.exec(sql)
  return m ? m[1].toUpperCase() : ''
}

export const sqliteDriver: Driver = {
  dialect: 'sqlite',
  facts,
  async connect(params: ConnectParams): Promise<DriverSession> {
    const file = params.filePath?.trim()
    if (!file) throw new AppError('INVALID_INPUT', 'Choose the SQLite database file.', { issues: [{ path: 'filePath', message: 'Required' }] })
    if (file !== ':memory:' && !existsSync(file)) throw new AppError('NOT_FOUND', `SQLite database file not found: ${file}`)
    // the file is opened now when a worker is free; otherwise the session waits for one on its first statement
    // (not here: a connect has a timeout, and 200 sessions at once must queue, not fail)
    return new SqliteSession(sqliteWorkers.available() ? await openWorker(params, file) : null, params, file)
  }
}
