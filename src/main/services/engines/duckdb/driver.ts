import { type DuckDBConnection, type DuckDBDataChunk, type DuckDBPreparedStatement, type DuckDBResult, type DuckDBType, type DuckDBValue, ResultReturnType, StatementType } from '@duckdb/node-api'
import type { Cell, ColumnMeta } from '../../../../shared/cells'
import { duckdbFacts } from '../../../../shared/engines/duckdb'
import { AppError } from '../../../../shared/errors'
import { SessionAnalyser } from '../../statements/analyse'
import type { AnalysedStatement, Analysis } from '../../statements/types'
import type { ConnectParams, Driver, DriverSession, ExecuteOptions, StatementSink } from '../../drivers/types'
import type { TransactionState } from '../../../../shared/transaction-state'
import { type DatabaseLease, leaseDatabaseFile, privateMemoryDatabase } from './database-instances'
import { cancelledError, mapDuckError, parseDuckError } from './duck-errors'
import { cellConverter, columnMeta, toCell } from './duck-types'
import { dataFileView, lockDownStatements, openTarget } from './open-target'
import { encodeColumnsBatch } from '../../drivers/column-batch'
import { deliverEncoded } from '../../drivers/encoded-rows'
import { assertReadOnlyQuery, assertReadOnlyStatement, BEGINS_TRANSACTION, commandOf } from './read-only-guard'
import { duckdbStatements } from './statements'

const facts = duckdbFacts
const DEFAULT_BATCH = 500

/**
 * A sink that takes DuckDB's chunks as they are (the CSV export, csv-out.ts): given one, `stream` hands it every chunk
 * of a result with the columns' types, and makes no cells or rows of its own.
 */
export interface DuckChunkSink extends StatementSink {
  duckChunk(chunk: DuckDBDataChunk, types: readonly DuckDBType[]): Promise<void>
}

const takesChunks = (sink: StatementSink): sink is DuckChunkSink => typeof (sink as Partial<DuckChunkSink>).duckChunk === 'function'

/**
 * A connection on a DuckDB instance, in-process. A read-only session runs every script inside a read-only
 * transaction that is rolled back afterwards (DuckDB refuses writes to the database there), after the statement
 * analyser and DuckDB's own statement type have both agreed it only reads.
 */
class DuckDBSession implements DriverSession {
  private queries: Promise<unknown> = Promise.resolve()
  readonly facts = facts
  private readonly analyser = new SessionAnalyser(duckdbStatements, 'duckdb', () => this)
  private running = false
  private cancelRequested = false
  private ended = false
  /** A transaction begun through query() (EXPLAIN ANALYZE's): its queries run inside it rather than in their own. */
  private queryTransaction = false
  /** The script running now (settled either way), so close() can wait for it before freeing the connection. */
  private current: Promise<void> = Promise.resolve()

  constructor(
    private readonly lease: DatabaseLease,
    private readonly connection: DuckDBConnection,
    private readonly params: ConnectParams
  ) {}

  get closed(): boolean {
    return this.ended
  }

  private get readOnly(): boolean {
    return this.params.readOnly
  }

  private assertOpen(): void {
    if (this.ended) throw new AppError('CONNECTION_LOST', 'The DuckDB database is closed.')
  }

  async serverVersion(): Promise<string> {
    const r = await this.query('select library_version from pragma_version()')
    return `DuckDB ${String(r.rows[0]?.[0] ?? '').replace(/^v/, '')}`
  }

  analyse(sql: string): Promise<Analysis> {
    return this.analyser.analyse(sql)
  }

  forgetAnalysisContext(): void {
    this.analyser.forget()
  }

  async execute(input: string | Analysis, sink: StatementSink, options: ExecuteOptions = {}): Promise<void> {
    this.assertOpen()
    if (this.running) throw new AppError('INVALID_INPUT', 'This session is already running a statement.')
    const run = this.run(input, sink, options)
    this.current = run.catch(() => undefined)
    return run
  }

  private async run(input: string | Analysis, sink: StatementSink, options: ExecuteOptions): Promise<void> {
    const script = await this.analyser.scriptToRun(input, this.readOnly)
    const batchSize = options.batchSize ?? DEFAULT_BATCH
    this.cancelRequested = false
    this.running = true
    // a cancel that fails leaves the statement running: its outcome still reaches the caller
    const onAbort = (): void => void this.cancel().catch(() => undefined)
    options.signal?.addEventListener('abort', onAbort)
    let inReadOnlyTransaction = false
    try {
      if (this.readOnly) {
        await this.connection.run('BEGIN TRANSACTION READ ONLY')
        inReadOnlyTransaction = true
      }
      for (const piece of script.statements) {
        if (this.cancelRequested || options.signal?.aborted) throw cancelledError()
        try {
          await this.runPiece(piece, sink, batchSize)
        } catch (err) {
          throw this.cancelRequested ? cancelledError() : mapDuckError(err, { readOnly: this.readOnly, submitted: script.sql, offset: piece.offset, statement: piece.text })
        }
      }
    } finally {
      // no cancel may interrupt the rollback: a transaction left open would refuse the next script's BEGIN
      this.running = false
      options.signal?.removeEventListener('abort', onAbort)
      if (inReadOnlyTransaction) await this.rollback()
    }
  }

  private async rollback(): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.connection.run('ROLLBACK')
        return
      } catch {
        // an interrupt that landed on it: once more
      }
    }
  }

  /** One analysed statement; DuckDB's parser may see several in it, each run (and checked) in turn. */
  private async runPiece(piece: AnalysedStatement, sink: StatementSink, batchSize: number): Promise<void> {
    const extracted = await this.connection.extractStatements(piece.text)
    if (extracted.count === 0) {
      sink.beginResult([])
      sink.endResult({ rowsAffected: null, command: '' })
      return
    }
    for (let i = 0; i < extracted.count; i++) {
      if (this.cancelRequested) throw cancelledError()
      const prepared = await extracted.prepare(i)
      try {
        if (this.readOnly) assertReadOnlyStatement(prepared.statementType, piece)
        // an interrupt only reaches a statement that has started: one that came while preparing is honoured here
        if (this.cancelRequested) throw cancelledError()
        await this.stream(prepared, sink, batchSize)
      } finally {
        prepared.destroySync()
      }
    }
  }

  /** Streams chunk by chunk; a batch reaches the sink before the next chunk is fetched (backpressure). */
  private async stream(prepared: DuckDBPreparedStatement, sink: StatementSink, batchSize: number): Promise<void> {
    const command = commandOf(prepared.statementType)
    const result = await prepared.stream()
    if (result.returnType !== ResultReturnType.QUERY_RESULT) {
      sink.beginResult([])
      sink.endResult({ rowsAffected: result.returnType === ResultReturnType.CHANGED_ROWS ? result.rowsChanged : null, command })
      return
    }
    const types = result.columnTypes()
    const converters = types.map(cellConverter)
    sink.beginResult(result.columnNames().map((name, i) => columnMeta(name, types[i]!)))
    // DuckDB fills the next chunk on its own threads while this one becomes cells here
    let next = this.fetchChunk(result)
    if (takesChunks(sink)) {
      for (;;) {
        const fetched = await next
        if (!fetched) break
        next = this.fetchChunk(result)
        await sink.duckChunk(fetched, types)
        if (this.cancelRequested) throw cancelledError()
      }
      sink.endResult({ rowsAffected: null, command })
      return
    }
    if (sink.encodedRows) {
      // the result store keeps batches encoded: a chunk's columns become a column batch, with no rows made on the way
      for (;;) {
        const fetched = await next
        if (!fetched) break
        next = this.fetchChunk(result)
        const columns = columnsOf(fetched, converters)
        const count = fetched.rowCount
        for (let start = 0; start < count; start += batchSize) {
          const end = Math.min(count, start + batchSize)
          await deliverEncoded(sink, { count: end - start, data: encodeColumnsBatch(columns, start, end), encoding: 'columns' })
          if (this.cancelRequested) throw cancelledError()
        }
      }
      sink.endResult({ rowsAffected: null, command })
      return
    }
    let pending: Cell[][] = []
    for (;;) {
      const fetched = await next
      if (!fetched) break
      next = this.fetchChunk(result)
      for (const row of rowsOf(fetched, converters)) pending.push(row)
      let sent = 0
      for (; pending.length - sent >= batchSize; sent += batchSize) {
        await sink.rows(pending.slice(sent, sent + batchSize))
        if (this.cancelRequested) throw cancelledError()
      }
      pending = pending.slice(sent)
    }
    if (pending.length) await sink.rows(pending)
    sink.endResult({ rowsAffected: null, command })
  }

  /** The next chunk (null at the end); a fetch nobody awaits any more (the run stopped) fails quietly. */
  private fetchChunk(result: DuckDBResult): Promise<DuckDBDataChunk | null> {
    const fetched = (async () => {
      if (this.cancelRequested) throw cancelledError()
      const chunk = await result.fetchChunk()
      return chunk && chunk.rowCount > 0 ? chunk : null
    })()
    fetched.catch(() => undefined)
    return fetched
  }

  /**
   * One at a time: a read-only query opens its own transaction on the one connection, so two at once (the schema
   * tree's names and details arrive together) would collide.
   */
  query(sql: string, params: unknown[] = []): Promise<{ columns: ColumnMeta[]; rows: Cell[][] }> {
    const next = this.queries.then(() => this.queryNow(sql, params))
    this.queries = next.catch(() => undefined)
    return next
  }

  private async queryNow(sql: string, params: unknown[]): Promise<{ columns: ColumnMeta[]; rows: Cell[][] }> {
    this.assertOpen()
    try {
      const prepared = await this.connection.prepare(sql)
      try {
        const type = prepared.statementType
        if (this.readOnly) assertReadOnlyQuery(type, sql)
        if (params.length) prepared.bind(params as never)
        // on a read-only session a query runs in a read-only transaction too: its own, or one a caller began here
        const wrap = this.readOnly && type !== StatementType.TRANSACTION && !this.queryTransaction && !this.running
        if (wrap) await this.connection.run('BEGIN TRANSACTION READ ONLY')
        try {
          const reader = await prepared.runAndReadAll()
          if (type === StatementType.TRANSACTION) this.queryTransaction = BEGINS_TRANSACTION.test(sql)
          const types = reader.columnTypes()
          return {
            columns: reader.columnNames().map((name, i) => columnMeta(name, types[i]!)),
            rows: reader.getRows().map((row) => row.map((value, i) => toCell(value, types[i]!)))
          }
        } finally {
          if (wrap) await this.rollback()
        }
      } finally {
        prepared.destroySync()
      }
    } catch (err) {
      throw mapDuckError(err, { readOnly: this.readOnly, submitted: sql, offset: 0 })
    }
  }

  /** A read-only session never leaves a transaction: its own is rolled back after every script, and BEGIN is refused. */
  async transactionState(): Promise<TransactionState> {
    this.assertOpen()
    if (this.running) throw new AppError('INVALID_INPUT', 'This session is already running a statement.')
    if (this.readOnly) return 'none'
    // a probe, not tracking (binder errors keep a transaction, execution errors abort it): aborted refuses it, open repeats its id
    try {
      const first = await this.transactionId()
      return first !== undefined && first === (await this.transactionId()) ? 'open' : 'none'
    } catch (err) {
      const info = parseDuckError(err)
      if (info.type === 'TransactionContext' && /aborted/i.test(info.message)) return 'failed'
      throw mapDuckError(err, { readOnly: this.readOnly })
    }
  }

  private async transactionId(): Promise<unknown> {
    const reader = await this.connection.runAndReadAll('select txid_current()')
    return reader.getRows()[0]?.[0]
  }

  /** DuckDB runs in this process: an interrupt stops the statement at its next check, and the connection stays usable. */
  async cancel(): Promise<void> {
    if (!this.running || this.ended) return
    this.cancelRequested = true
    this.connection.interrupt()
  }

  async close(): Promise<void> {
    if (this.ended) return
    this.ended = true
    if (this.running) this.connection.interrupt()
    await this.current
    this.connection.closeSync()
    this.lease.release()
  }
}

/** Opens the database (or data file) of `params` and one connection on it, set up for this app. */
async function openSession(params: ConnectParams): Promise<DuckDBSession> {
  const target = openTarget(params.filePath)
  const lease = target.kind === 'database' ? await leaseDatabaseFile(target.path, params.readOnly) : await privateMemoryDatabase()
  let connection: DuckDBConnection | undefined
  try {
    connection = await lease.instance.connect()
    // errors with their position as JSON (see duck-errors.ts); a session setting, so it stays this connection's own
    await connection.run('SET errors_as_json = true')
    if (target.kind === 'data-file') await connection.run(dataFileView(target))
    if (params.readOnly && target.kind !== 'database') {
      for (const sql of lockDownStatements(target.kind === 'data-file' ? target.path : null)) await connection.run(sql)
    }
    if (params.defaultSchema) await connection.run(`SET search_path = ${facts.stringLiteral(params.defaultSchema)}`)
    return new DuckDBSession(lease, connection, params)
  } catch (err) {
    connection?.closeSync()
    lease.release()
    throw err instanceof AppError ? err : new AppError('CONNECTION_REFUSED', `Could not open the DuckDB database: ${mapDuckError(err, { readOnly: params.readOnly }).message}`)
  }
}

export const duckdbDriver: Driver = {
  dialect: 'duckdb',
  facts,
  connect: openSession
}

/** A chunk's cells by column, each read straight from its vector with the column's converter. */
function columnsOf(chunk: DuckDBDataChunk, converters: ((value: DuckDBValue) => Cell)[]): Cell[][] {
  const columns: Cell[][] = []
  for (let c = 0; c < converters.length; c++) {
    const vector = chunk.getColumnVector(c)
    const convert = converters[c]!
    const count = vector.itemCount
    const cells: Cell[] = []
    for (let r = 0; r < count; r++) cells.push(convert(vector.getItem(r)))
    columns.push(cells)
  }
  return columns
}

/** A chunk's rows as cells, read column by column (DuckDB's vectors are columns: several times faster than by row). */
function rowsOf(chunk: DuckDBDataChunk, converters: ((value: DuckDBValue) => Cell)[]): Cell[][] {
  const columns = chunk.getColumns()
  const rows: Cell[][] = []
  for (let r = 0; r < chunk.rowCount; r++) rows.push([])
  columns.forEach((values, c) => {
    const convert = converters[c]!
    for (let r = 0; r < values.length; r++) rows[r]![c] = convert(values[r]!)
  })
  return rows
}
