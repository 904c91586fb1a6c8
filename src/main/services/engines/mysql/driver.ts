import type mysql from 'mysql2'
import type { Cell, ColumnMeta } from '../../../../shared/cells'
import { AppError } from '../../../../shared/errors'
import { lineColumnAt, offsetAt } from '../../../../shared/text-position'
import { mysqlFacts } from '../../../../shared/engines/mysql'
import { sqlError } from '../../drivers/errors'
import { mapNetworkError } from '../../drivers/network-errors'
import { SessionAnalyser } from '../../statements/analyse'
import type { Analysis } from '../../statements/types'
import { mysqlStatements } from './statements'
import { tlsOptions } from '../../drivers/tls'
import type { ConnectParams, Driver, DriverSession, ExecuteOptions, StatementSink } from '../../drivers/types'
import type { TransactionState } from '../../../../shared/transaction-state'
import { MysqlSources, mysqlCell, mysqlColumn, type MysqlField } from './mysql-types'
import type { ColumnOrigin } from '../../drivers/source'

const facts = mysqlFacts
const DEFAULT_BATCH = 500
/** Server status flag on OK packets: a transaction is open. */
const SERVER_STATUS_IN_TRANS = 0x1

function connectionOptions(p: ConnectParams): mysql.ConnectionOptions {
  return {
    host: p.host,
    port: p.port,
    user: p.user,
    password: p.password ?? '',
    // MySQL's schemas are its databases: a default schema picks the database when none is given
    database: p.database || p.defaultSchema,
    connectTimeout: p.connectTimeoutMs,
    // the OS notices a peer that vanished (power loss, a dropped NAT entry) on an idle connection
    enableKeepAlive: true,
    keepAliveInitialDelay: 10_000,
    ssl: tlsOptions(p.ssl) as mysql.SslOptions | undefined,
    multipleStatements: false,
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    jsonStrings: true,
    rowsAsArray: true,
    timezone: 'Z',
    // LOAD DATA LOCAL would let the server read this machine's files: never
    flags: ['-LOCAL_FILES']
  }
}

/** MySQL's `near '...' at line N`: the rest of the statement from the error point (looked for from line N on). */
function mysqlErrorPosition(message: string, statement: string): number | undefined {
  const m = /near '([\s\S]*)' at line (\d+)/.exec(message)
  if (!m) return undefined
  if (m[1] === '') return statement.trimEnd().length
  const near = m[1].replace(/\.\.\.$/, '')
  const fromLine = statement.indexOf(near, offsetAt(statement, Number(m[2])))
  const idx = fromLine >= 0 ? fromLine : statement.indexOf(near)
  return idx >= 0 ? idx : undefined
}

/** The `at line N` of a MySQL error whose point was not found, as a line of the submitted text. */
function mysqlErrorLine(message: string, submitted: string, offset: number): number | undefined {
  const line = Number(/ at line (\d+)\s*$/.exec(message)?.[1])
  return line > 0 ? lineColumnAt(submitted, offset).line + line - 1 : undefined
}

function mapMysqlError(err: unknown, p: ConnectParams, submitted?: string, offset = 0, statement?: string): AppError {
  if (err instanceof AppError) return err
  const e = err as { code?: string; errno?: number; sqlState?: string; message?: string; fatal?: boolean }
  const message = e.message ?? String(err)
  switch (e.errno) {
    case 1045:
      return new AppError('AUTH_FAILED', `Authentication failed for user "${p.user ?? ''}": ${message}`, { sqlState: e.sqlState })
    case 1044:
      return new AppError('AUTH_FAILED', `Signed in, but access to that database is denied: ${message}`, { sqlState: e.sqlState })
    case 1049:
      return new AppError('NOT_FOUND', message, { sqlState: e.sqlState })
    case 1792:
    case 1290:
    case 1836:
      return new AppError('READ_ONLY', `This connection is read-only: ${message}`, { sqlState: e.sqlState })
    case 1317:
    case 3024:
      return new AppError('CANCELLED', 'The statement was cancelled.', { sqlState: e.sqlState })
  }
  if (e.code === 'PROTOCOL_CONNECTION_LOST' || e.code === 'ER_SERVER_SHUTDOWN' || e.errno === 1927 || e.errno === 2013 || e.errno === 2006) {
    return new AppError('CONNECTION_LOST', `The server closed the connection: ${message}`)
  }
  if (e.sqlState && e.errno && e.errno < 2000 && !e.fatal) {
    const pos = submitted !== undefined && statement !== undefined ? mysqlErrorPosition(message, statement) : undefined
    const mapped = sqlError(message, submitted ?? '', offset, pos, e.sqlState)
    const line = pos === undefined && submitted !== undefined ? mysqlErrorLine(message, submitted, offset) : undefined
    return line === undefined ? mapped : new AppError(mapped.code, mapped.message, { ...mapped.detail, line })
  }
  return mapNetworkError(err, p) ?? new AppError('INTERNAL', message)
}

/** mysql2 takes 100–200 ms to load: it loads with the first MySQL/MariaDB connection, not with the app. */
export async function connectRaw(p: ConnectParams): Promise<mysql.Connection> {
  const { createConnection } = (await import('mysql2')).default
  const conn = createConnection(connectionOptions(p))
  return new Promise((resolve, reject) => {
    conn.connect((err) => {
      if (err) {
        conn.destroy()
        reject(err)
      } else resolve(conn)
    })
  })
}

function run(conn: mysql.Connection, sql: string): Promise<unknown> {
  return new Promise((resolve, reject) => conn.query({ sql, rowsAsArray: true }, (err, rows) => (err ? reject(err) : resolve(rows))))
}

class MysqlSession implements DriverSession {
  readonly facts = facts
  private lost = false
  private ended = false
  private running = false
  private cancelRequested = false
  private cancelling: Promise<void> | null = null
  private readonly analyser = new SessionAnalyser(mysqlStatements, 'mysql', () => this)
  private readonly sources = new MysqlSources()

  constructor(
    private readonly conn: mysql.Connection,
    private readonly params: ConnectParams
  ) {
    conn.on('error', () => {
      this.lost = true
    })
    conn.on('end', () => {
      this.lost = true
    })
  }

  get closed(): boolean {
    return this.lost || this.ended
  }

  async serverVersion(): Promise<string> {
    const rows = (await run(this.conn, 'select version()')) as string[][]
    const v = String(rows[0][0])
    return /mariadb/i.test(v) ? `MariaDB ${v}` : `MySQL ${v}`
  }

  analyse(sql: string): Promise<Analysis> {
    return this.analyser.analyse(sql)
  }

  forgetAnalysisContext(): void {
    this.analyser.forget()
  }

  async execute(input: string | Analysis, sink: StatementSink, options: ExecuteOptions = {}): Promise<void> {
    if (this.closed) throw new AppError('CONNECTION_LOST', 'The connection to the server was lost.')
    const script = await this.analyser.scriptToRun(input, this.params.readOnly)
    const sql = script.sql
    // a cancel that fails (e.g. no side connection) leaves the statement running: its outcome still reaches the caller
    const onAbort = (): void => void this.cancel().catch(() => undefined)
    options.signal?.addEventListener('abort', onAbort)
    this.running = true
    this.cancelRequested = false
    try {
      for (const piece of script.statements) {
        if (this.cancelRequested) throw new AppError('CANCELLED', 'The statement was cancelled.')
        if (this.params.readOnly) await run(this.conn, 'SET SESSION TRANSACTION READ ONLY')
        try {
          await this.runOne(piece.text, sink, options.batchSize ?? DEFAULT_BATCH)
        } catch (err) {
          throw mapMysqlError(err, this.params, sql, piece.offset, piece.text)
        }
        // SLEEP() and some reads just stop early when killed, without an error
        if (this.cancelRequested) throw new AppError('CANCELLED', 'The statement was cancelled.')
      }
    } finally {
      this.running = false
      options.signal?.removeEventListener('abort', onAbort)
    }
  }

  private runOne(text: string, sink: StatementSink, batchSize: number): Promise<void> {
    // a streaming query (no callback) is told nothing when the socket closes: mysql2 only emits 'error' (or 'end', on a
    // FIN) on the connection, and without listening there the run would wait for ever
    let lost: ((err: unknown) => void) | undefined
    const onError = (err: unknown): void => lost?.(err)
    const onEnd = (): void => lost?.(Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }))
    this.conn.on('error', onError)
    this.conn.on('end', onEnd)
    return new Promise<void>((resolve, reject) => {
      let columns: ColumnMeta[] | undefined
      let booleans: boolean[] = []
      let batch: Cell[][] = []
      let header: { affectedRows?: number } | undefined
      let unresolved: ColumnOrigin | undefined
      let failed = false
      let pending: Promise<void> = Promise.resolve()
      // a sink that refuses rows (a cancel, a full disk) ends the run here: throwing inside mysql2's row handler would
      // leave the query neither ended nor failed, and the run waiting for ever
      const fail = (err: unknown): void => {
        if (failed) return
        failed = true
        this.conn.resume()
        reject(err)
      }
      const flush = (): void => {
        if (!batch.length || failed) return
        const rows = batch
        batch = []
        let result: void | Promise<void>
        try {
          result = sink.rows(rows)
        } catch (err) {
          return fail(err)
        }
        if (result) {
          this.conn.pause()
          pending = pending.then(() => result).then(() => this.conn.resume(), fail)
        }
      }
      lost = fail
      const query = this.conn.query({ sql: text, rowsAsArray: true })
      query.on('error', (err) => {
        failed = true
        reject(err)
      })
      query.on('fields', (fields: MysqlField[] | undefined) => {
        if (!fields) return // statements without a result set
        columns = fields.map(mysqlColumn)
        booleans = columns.map((c) => c.kind === 'boolean')
        const known = this.sources.known(fields)
        unresolved = known.pending
        sink.beginResult(columns, { source: known.source })
      })
      query.on('result', (row: unknown) => {
        if (failed) return
        if (!columns) {
          header = row as { affectedRows?: number }
          return
        }
        // in place: the row array mysql2 made is this batch's row
        const cells = row as Cell[]
        for (let i = 0; i < cells.length; i++) {
          const v = cells[i]
          if (v !== null && typeof v !== 'string') cells[i] = mysqlCell(v, columns[i]!)
          else if (v !== null && booleans[i]) cells[i] = mysqlCell(v, columns[i]!)
        }
        batch.push(cells)
        if (batch.length >= batchSize) flush()
      })
      query.on('end', () => {
        if (failed) return
        flush()
        pending
          .then(async () => {
            if (!columns) sink.beginResult([])
            // is the table the columns name a base table? asked once per table, now that the connection is free
            const source = unresolved ? await this.sources.resolve(unresolved, (sql, params) => this.query(sql, params).then((r) => r.rows)) : undefined
            sink.endResult({ rowsAffected: columns ? null : (header?.affectedRows ?? null), command: firstWord(text), ...(source && { source }) })
            resolve()
          })
          .catch(reject)
      })
    }).finally(() => {
      this.conn.off('error', onError)
      this.conn.off('end', onEnd)
    })
  }

  async query(sql: string, params: unknown[] = []): Promise<{ columns: ColumnMeta[]; rows: Cell[][] }> {
    if (this.closed) throw new AppError('CONNECTION_LOST', 'The connection to the server was lost.')
    try {
      return await new Promise((resolve, reject) =>
        this.conn.query({ sql, values: params, rowsAsArray: true }, (err, rows, fields) => {
          if (err) return reject(err)
          const columns = ((fields ?? []) as MysqlField[]).map(mysqlColumn)
          const data = Array.isArray(rows) ? (rows as unknown[][]).map((r) => r.map((v, i) => mysqlCell(v, columns[i]))) : []
          resolve({ columns, rows: data })
        })
      )
    } catch (err) {
      throw mapMysqlError(err, this.params, sql, 0, sql)
    }
  }

  /**
   * The OK packet of a no-op carries the server status: SERVER_STATUS_IN_TRANS (0x1) on MySQL and MariaDB alike (MySQL 8
   * has no @@in_transaction). An error never aborts a MySQL transaction, and a deadlock rolls it back: never 'failed'.
   */
  async transactionState(): Promise<TransactionState> {
    if (this.closed) throw new AppError('CONNECTION_LOST', 'The connection to the server was lost.')
    const header = (await run(this.conn, 'DO 0')) as { serverStatus?: number }
    if (typeof header?.serverStatus !== 'number') throw new AppError('INTERNAL', 'The server did not report its transaction status.')
    return header.serverStatus & SERVER_STATUS_IN_TRANS ? 'open' : 'none'
  }

  /**
   * KILL QUERY from a second connection: it stops the statement and keeps this session usable. Calls made while one
   * is in flight share it: a second KILL could hit the session's next statement.
   */
  cancel(): Promise<void> {
    if (!this.running || this.closed) return Promise.resolve()
    this.cancelling ??= this.killOnSide().finally(() => {
      this.cancelling = null
    })
    return this.cancelling
  }

  private async killOnSide(): Promise<void> {
    this.cancelRequested = true
    try {
      const side = await connectRaw({ ...this.params, readOnly: false, database: undefined })
      try {
        await run(side, `KILL QUERY ${Number(this.conn.threadId)}`)
      } finally {
        side.destroy()
      }
    } catch (err) {
      this.cancelRequested = false // nothing was killed: the statement's own outcome stands
      throw err
    }
  }

  async close(): Promise<void> {
    if (this.ended) return
    // a goodbye would queue behind a running statement, and a dead connection never answers it
    if (this.lost || this.running) return this.destroy()
    this.ended = true
    await new Promise<void>((resolve) => this.conn.end(() => resolve()))
    this.conn.destroy()
  }

  destroy(): void {
    this.ended = true
    // mysql2's destroy() only half-closes (stream.end()), which a half-open connection never completes; a destroyed
    // socket fails the running query through 'error' (see runOne)
    ;(this.conn as unknown as { stream: { destroy(): void } }).stream.destroy()
  }

  /** What the liveness probe needs: how to reach the server, and which thread is this session's. */
  get probeTarget(): { params: ConnectParams; threadId: number | null } {
    return { params: this.params, threadId: this.conn.threadId ?? null }
  }
}

/** The connection settings and thread id of a MySQL/MariaDB session (undefined for any other session). */
export function mysqlProbeTarget(session: DriverSession): { params: ConnectParams; threadId: number | null } | undefined {
  return session instanceof MysqlSession ? session.probeTarget : undefined
}

function firstWord(sql: string): string {
  return /^\s*([A-Za-z]+)/.exec(sql)?.[1].toUpperCase() ?? ''
}

export const mysqlDriver: Driver = {
  dialect: 'mysql',
  facts,
  async connect(params: ConnectParams): Promise<DriverSession> {
    let conn: mysql.Connection | undefined
    try {
      conn = await connectRaw(params)
      await run(conn, "SET time_zone = '+00:00'")
      if (params.readOnly) await run(conn, 'SET SESSION TRANSACTION READ ONLY')
      return new MysqlSession(conn, params)
    } catch (err) {
      conn?.destroy()
      throw mapMysqlError(err, params)
    }
  }
}
