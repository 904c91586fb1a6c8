import type sqlTypes from 'mssql'
import type { Cell, ColumnMeta } from '../../../../shared/cells'
import { AppError } from '../../../../shared/errors'
import { mssqlFacts } from '../../../../shared/engines/mssql'
import { sqlError } from '../../drivers/errors'
import { mapNetworkError } from '../../drivers/network-errors'
import { SessionAnalyser } from '../../statements/analyse'
import type { Analysis } from '../../statements/types'
import { mssqlStatements } from './statements'
import { lineColumnAt } from '../../../../shared/text-position'
import type { ConnectParams, Driver, DriverSession, ExecuteOptions, StatementSink } from '../../drivers/types'
import { mssqlCell, mssqlColumn, type MssqlColumn } from './mssql-types'

type Mssql = typeof sqlTypes
const facts = mssqlFacts
const DEFAULT_BATCH = 500

// mssql (tedious) takes ~300 ms to import: load it on first use only
let loaded: Promise<Mssql> | undefined
export const loadMssql = (): Promise<Mssql> => (loaded ??= import('mssql').then((m) => ((m as unknown as { default?: Mssql }).default ?? (m as unknown as Mssql))))

export function poolConfig(p: ConnectParams): sqlTypes.config {
  const mode = p.ssl?.mode ?? 'disable'
  return {
    server: p.host ?? '127.0.0.1',
    port: p.port,
    user: p.user,
    password: p.password ?? '',
    database: p.database,
    connectionTimeout: p.connectTimeoutMs,
    requestTimeout: 0,
    arrayRowMode: true,
    pool: { max: 1, min: 0, idleTimeoutMillis: 2_147_483_647 },
    options: {
      appName: 'QueryGenie',
      encrypt: mode !== 'disable',
      trustServerCertificate: mode === 'require',
      ...(p.ssl?.ca && { cryptoCredentialsDetails: { ca: p.ssl.ca, cert: p.ssl.cert, key: p.ssl.key } })
    }
  }
}

function mapMssqlError(err: unknown, p: ConnectParams, submitted?: string, pieceOffset = 0): AppError {
  if (err instanceof AppError) return err
  const e = err as { code?: string; number?: number; lineNumber?: number; message?: string; originalError?: unknown; state?: number }
  const message = e.message ?? String(err)
  if (e.code === 'ELOGIN' || e.number === 18456) return new AppError('AUTH_FAILED', `Authentication failed: ${message}`)
  if (e.code === 'ECANCEL') return new AppError('CANCELLED', 'The statement was cancelled.')
  if (e.code === 'ETIMEOUT') return new AppError('TIMEOUT', `No answer within ${Math.round(p.connectTimeoutMs / 1000)} s (connect timeout).`)
  if (e.number === 3906 || e.number === 3910) return new AppError('READ_ONLY', `This connection is read-only: ${message}`)
  if (e.number === 4060) return new AppError('NOT_FOUND', message)
  if (e.code === 'ECONNCLOSED' || e.code === 'ENOCONN') return new AppError('CONNECTION_LOST', `The connection was lost: ${message}`)
  if (e.code === 'EREQUEST' && e.number !== undefined) {
    const base = submitted === undefined ? undefined : lineColumnAt(submitted, pieceOffset)
    const err2 = sqlError(message, submitted ?? '', pieceOffset, undefined, String(e.number))
    if (base && e.lineNumber) err2.detail!.line = base.line + e.lineNumber - 1
    if (base && e.lineNumber) err2.detail!.column = e.lineNumber === 1 ? base.column : 1
    return err2
  }
  return mapNetworkError(e.originalError ?? err, p) ?? mapNetworkError(err, p) ?? new AppError('INTERNAL', message)
}

class MssqlSession implements DriverSession {
  readonly facts = facts
  private readonly analyser = new SessionAnalyser(mssqlStatements, 'mssql', () => this)
  private ended = false
  private lost = false
  private current?: sqlTypes.Request

  constructor(
    private readonly sql: Mssql,
    private readonly pool: sqlTypes.ConnectionPool,
    private readonly params: ConnectParams
  ) {
    pool.on('error', () => {
      this.lost = true
    })
  }

  get closed(): boolean {
    return this.ended || this.lost || !this.pool.connected
  }

  async serverVersion(): Promise<string> {
    const r = await this.pool.request().query("select cast(serverproperty('ProductVersion') as nvarchar(64)) + ' ' + cast(serverproperty('Edition') as nvarchar(128)) as v")
    return `SQL Server ${(r.recordset as unknown as unknown[][])[0][0]}`
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
    const text = script.sql
    // a cancel that fails (e.g. no side connection) leaves the statement running: its outcome still reaches the caller
    const onAbort = (): void => void this.cancel().catch(() => undefined)
    options.signal?.addEventListener('abort', onAbort)
    try {
      // T-SQL batches are separated by GO; a batch keeps its variables, so it is sent whole
      for (const piece of script.statements) {
        try {
          await this.runBatch(piece.text, sink, options.batchSize ?? DEFAULT_BATCH)
        } catch (err) {
          throw mapMssqlError(err, this.params, text, piece.offset)
        }
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort)
    }
  }

  /** Read-only connections run every batch inside a transaction that is always rolled back. */
  private async runBatch(batch: string, sink: StatementSink, batchSize: number): Promise<void> {
    const tx = this.params.readOnly ? new this.sql.Transaction(this.pool) : undefined
    if (tx) await tx.begin()
    try {
      await this.stream(tx ? new this.sql.Request(tx) : new this.sql.Request(this.pool), batch, sink, batchSize)
    } finally {
      if (tx) await tx.rollback().catch(() => {})
    }
  }

  private stream(request: sqlTypes.Request, batch: string, sink: StatementSink, batchSize: number): Promise<void> {
    this.current = request
    request.stream = true
    request.arrayRowMode = true
    return new Promise((resolve, reject) => {
      let columns: ColumnMeta[] | undefined
      let rows: Cell[][] = []
      let pending: Promise<void> = Promise.resolve()
      let failed: unknown
      const flush = (): void => {
        if (!rows.length) return
        const out = sink.rows(rows)
        rows = []
        if (out) {
          request.pause()
          pending = pending.then(() => out).then(() => {
            request.resume()
          })
        }
      }
      const endOpen = (rowsAffected: number | null): void => {
        if (!columns) return
        flush()
        columns = undefined
        pending = pending.then(() => sink.endResult({ rowsAffected, command: 'SELECT' }))
      }
      request.on('recordset', (cols: MssqlColumn[]) => {
        endOpen(null)
        columns = cols.map(mssqlColumn)
        const c = columns
        pending = pending.then(() => sink.beginResult(c))
      })
      request.on('row', (row: unknown[]) => {
        if (!columns) return
        const c = columns
        rows.push(row.map((v, i) => mssqlCell(v, c[i])))
        if (rows.length >= batchSize) flush()
      })
      request.on('rowsaffected', (n: number) => {
        if (columns) return endOpen(null)
        pending = pending.then(() => {
          sink.beginResult([])
          sink.endResult({ rowsAffected: n })
        })
      })
      request.on('info', (info: { message?: string }) => sink.notice(info.message ?? ''))
      request.on('error', (err: unknown) => {
        failed ??= err
      })
      request.on('done', () => {
        endOpen(null)
        this.current = undefined
        pending.then(() => (failed ? reject(failed) : resolve()), reject)
      })
      request.query(batch)
    })
  }

  async query(sqlText: string, params: unknown[] = []): Promise<{ columns: ColumnMeta[]; rows: Cell[][] }> {
    if (this.closed) throw new AppError('CONNECTION_LOST', 'The connection to the server was lost.')
    try {
      const request = this.pool.request()
      request.arrayRowMode = true
      params.forEach((v, i) => request.input(`p${i + 1}`, v))
      const r = await request.query(sqlText)
      const cols = ((r as unknown as { columns?: MssqlColumn[][] }).columns?.[0] ?? []).map(mssqlColumn)
      return { columns: cols, rows: ((r.recordset ?? []) as unknown as unknown[][]).map((row) => row.map((v, i) => mssqlCell(v, cols[i]))) }
    } catch (err) {
      throw mapMssqlError(err, this.params, sqlText, 0)
    }
  }

  /** tedious sends an attention packet; the batch ends with ECANCEL. */
  async cancel(): Promise<void> {
    this.current?.cancel()
  }

  async close(): Promise<void> {
    if (this.ended) return
    this.ended = true
    await this.pool.close().catch(() => {})
  }

  /** What the liveness probe needs: how to reach the server. */
  get probeParams(): ConnectParams {
    return this.params
  }
}

/** The connection settings of a SQL Server session (undefined for any other session). */
export function mssqlProbeParams(session: DriverSession): ConnectParams | undefined {
  return session instanceof MssqlSession ? session.probeParams : undefined
}

export const mssqlDriver: Driver = {
  dialect: 'mssql',
  facts,
  async connect(params: ConnectParams): Promise<DriverSession> {
    const sql = await loadMssql()
    const pool = new sql.ConnectionPool(poolConfig(params))
    pool.on('error', () => {})
    try {
      await pool.connect()
      return new MssqlSession(sql, pool, params)
    } catch (err) {
      await pool.close().catch(() => {})
      throw mapMssqlError(err, params)
    }
  }
}
