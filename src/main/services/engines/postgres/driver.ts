import pg from 'pg'
import type { Cell, ColumnMeta } from '../../../../shared/cells'
import { AppError } from '../../../../shared/errors'
import { postgresFacts } from '../../../../shared/engines/postgres'
import { sqlError } from '../../drivers/errors'
import { mapNetworkError } from '../../drivers/network-errors'
import { SessionAnalyser } from '../../statements/analyse'
import type { Analysis } from '../../statements/types'
import type { TransactionState } from '../../../../shared/transaction-state'
import { postgresStatements } from './statements'
import { tlsOptions } from '../../drivers/tls'
import type { ConnectParams, Driver, DriverSession, ExecuteOptions, StatementSink } from '../../drivers/types'
import { builtinTypeNames, pgKind, pgTextParser } from './pg-types'
import { singleSource, type ColumnOrigin } from '../../drivers/source'

const facts = postgresFacts
const DEFAULT_BATCH = 500
/** Batches of rows kept back while a cancel is on its way (see runOne). */
const HELD_BATCHES = 4
const TURNS_STANDARD_STRINGS_ON = /^\s*(set\s+(session\s+)?standard_conforming_strings\s*(=|to)\s*'?on'?|reset\s+standard_conforming_strings)\s*;?\s*$/i
const types = { getTypeParser: (oid: number) => pgTextParser(oid) } as unknown as pg.CustomTypesConfig
const KEEPALIVE_DELAY_MS = 10_000

interface CatalogRow {
  i: number
  type_name: string | null
  nullable: boolean | null
  column_name: string | null
  table_name: string | null
  schema_name: string | null
  relkind: string | null
}

/** Only ordinary and partitioned tables are base tables; a temporary one is named through `pg_temp`. */
function columnOrigin(r: CatalogRow): { origin: ColumnOrigin; column: string } | null {
  if (!r.column_name || !r.table_name || !r.schema_name || (r.relkind !== 'r' && r.relkind !== 'p')) return null
  const schema = /^pg_temp_\d+$/.test(r.schema_name) ? 'pg_temp' : r.schema_name
  return { origin: { schema, table: r.table_name }, column: r.column_name }
}

interface PgField {
  name: string
  dataTypeID: number
  dataTypeModifier: number
  tableID: number
  columnID: number
}

export function clientConfig(p: ConnectParams): pg.ClientConfig {
  // standard_conforming_strings: the analyser's parser reads '\\' as the server does only with it on (a role or
  // database default of off would hide code inside what looks like a string)
  const options = ['-c DateStyle=ISO', '-c IntervalStyle=postgres', '-c bytea_output=hex', '-c extra_float_digits=1', '-c standard_conforming_strings=on']
  if (p.readOnly) options.push('-c default_transaction_read_only=on')
  if (p.defaultSchema) options.push(`-c search_path=${p.defaultSchema.replace(/[\\\s,]/g, (c) => `\\${c}`)}`)
  return {
    host: p.host,
    port: p.port,
    user: p.user,
    password: p.password ?? '',
    database: p.database,
    connectionTimeoutMillis: p.connectTimeoutMs,
    // the OS notices a peer that vanished (power loss, a dropped NAT entry) on an idle connection
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
    ssl: tlsOptions(p.ssl) ?? false,
    application_name: 'QueryGenie',
    options: options.join(' '),
    types
  }
}

/** Engine errors to stable codes; `submitted`/`offset` place SQL error positions inside the caller's text. */
function mapPgError(err: unknown, p: ConnectParams, submitted?: string, offset = 0): AppError {
  if (err instanceof AppError) return err
  const e = err as { code?: string; message?: string; position?: string; severity?: string; detail?: string; hint?: string; where?: string }
  const message = e.message ?? String(err)
  const sqlState = e.severity && e.code && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined
  if (sqlState === '28P01' || sqlState === '28000') {
    return new AppError('AUTH_FAILED', `Authentication failed for user "${p.user ?? ''}": check the user name and password (server: ${message}).`, { sqlState })
  }
  if (sqlState === '25006') return new AppError('READ_ONLY', `This connection is read-only: ${message}`, { sqlState })
  if (sqlState === '57014') return new AppError('CANCELLED', 'The statement was cancelled.', { sqlState })
  if (sqlState === '3D000') return new AppError('NOT_FOUND', message, { sqlState })
  if (sqlState?.startsWith('57P') || sqlState?.startsWith('08')) return new AppError('CONNECTION_LOST', `The server closed the connection: ${message}`, { sqlState })
  if (sqlState) {
    const position = e.position ? Number(e.position) - 1 : undefined
    const mapped = sqlError(message, submitted ?? '', offset, submitted === undefined ? undefined : position, sqlState)
    // the server's DETAIL, HINT and CONTEXT lines, for the error panel
    const lines = { ...(e.detail && { serverDetail: e.detail }), ...(e.hint && { hint: e.hint }), ...(e.where && { context: e.where }) }
    return Object.keys(lines).length ? new AppError(mapped.code, mapped.message, { ...mapped.detail, ...lines }) : mapped
  }
  if (/password authentication|SASL|SCRAM/i.test(message)) return new AppError('AUTH_FAILED', `Authentication failed: ${message}`)
  if (/does not support SSL/i.test(message)) return new AppError('SSL_ERROR', 'The server does not support SSL connections: set SSL mode to "disable".')
  return mapNetworkError(err, p) ?? new AppError('INTERNAL', message)
}

class PostgresSession implements DriverSession {
  readonly facts = facts
  private lost = false
  private ended = false
  private running = false
  private cancelling: Promise<void> | null = null
  private readonly typeNames = new Map<string, string>()
  private readonly nullability = new Map<string, boolean>()
  /** tableID/columnID → the base-table column it reads (null: a view's, a system catalog's, or gone). */
  private readonly origins = new Map<string, { origin: ColumnOrigin; column: string } | null>()
  private readonly analyser = new SessionAnalyser(postgresStatements, 'postgres', () => this)
  private standardStrings = true

  constructor(
    private readonly client: pg.Client,
    private readonly params: ConnectParams,
    private readonly pid: number
  ) {
    client.on('error', () => {
      this.lost = true
    })
    client.on('end', () => {
      this.lost = true
    })
    // the server reports every change of this setting; a session that turned it off is read differently
    ;(client as unknown as { connection: { on(e: 'parameterStatus', f: (m: { parameterName: string; parameterValue: string }) => void): void } }).connection.on(
      'parameterStatus',
      (m) => {
        if (m.parameterName === 'standard_conforming_strings') this.standardStrings = m.parameterValue === 'on'
      }
    )
  }

  get closed(): boolean {
    return this.lost || this.ended
  }

  async serverVersion(): Promise<string> {
    const r = await this.client.query<{ v: string }>('select version() as v')
    return r.rows[0].v
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
    if (!this.standardStrings && !TURNS_STANDARD_STRINGS_ON.test(sql)) {
      throw new AppError(
        'INVALID_INPUT',
        "This session turned standard_conforming_strings off, so its SQL can no longer be checked the way the server reads it. Run SET standard_conforming_strings = on, or close the tab for a fresh session."
      )
    }
    const batchSize = options.batchSize ?? DEFAULT_BATCH
    const onNotice = (msg: { message?: string }): void => sink.notice(msg.message ?? '')
    // a cancel that fails (e.g. no side connection) leaves the statement running: its outcome still reaches the caller
    const onAbort = (): void => void this.cancel().catch(() => undefined)
    this.client.on('notice', onNotice)
    options.signal?.addEventListener('abort', onAbort)
    this.running = true
    try {
      for (const piece of script.statements) {
        if (options.signal?.aborted) throw new AppError('CANCELLED', 'The statement was cancelled.')
        if (this.params.readOnly) await this.reassertReadOnly()
        try {
          await this.runOne(piece.text, sink, batchSize, options.signal)
        } catch (err) {
          throw mapPgError(err, this.params, sql, piece.offset)
        }
      }
    } finally {
      this.running = false
      this.client.off('notice', onNotice)
      options.signal?.removeEventListener('abort', onAbort)
    }
  }

  async transactionState(): Promise<TransactionState> {
    // an empty query is a round trip that even a failed transaction answers: the status below is then current
    await this.client.query('')
    const status = (this.client as unknown as { getTransactionStatus(): string | null }).getTransactionStatus()
    return status === 'E' ? 'failed' : status === 'T' ? 'open' : 'none'
  }

  /**
   * Session settings are user-changeable: restate read-only before every statement (and for an open transaction).
   * In a failed transaction nothing but ROLLBACK runs, and nothing can write there: restating would only fail.
   */
  private async reassertReadOnly(): Promise<void> {
    const status = (this.client as unknown as { getTransactionStatus(): string | null }).getTransactionStatus()
    if (status === 'E') return
    const inTransaction = status === 'T'
    await this.client.query(
      inTransaction ? 'SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; SET TRANSACTION READ ONLY' : 'SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY'
    )
  }

  /**
   * Streams one statement (extended protocol: one statement, never a script) with the rows flowing as the server sends
   * them: no round trip per batch. A sink that is behind (a promise from `rows`) pauses the socket, so the server
   * waits; a cancel resumes it, so the server can read the cancel and stop.
   */
  private runOne(text: string, sink: StatementSink, batchSize: number, signal?: AbortSignal): Promise<void> {
    const socket = (this.client as unknown as { connection: { stream: { pause(): void; resume(): void } } }).connection.stream
    return new Promise<void>((resolve, reject) => {
      let batch: Cell[][] = []
      let fields: PgField[] = []
      let begun = false
      let failure: unknown = null
      // sink work in order (describing the columns, a sink that is behind); the socket is paused while it waits
      let pending: Promise<void> | null = null
      const fail = (err: unknown): void => {
        if (failure) return
        failure = err
        settle()
        socket.resume()
        reject(err)
      }
      const begin = async (connectionFree: boolean): Promise<void> => {
        begun = true
        const columns = await this.describe(fields, connectionFree)
        sink.beginResult(columns, { source: singleSource(fields.map((f) => (f.tableID ? this.origins.get(`${f.tableID}/${f.columnID}`)?.origin : null))) })
      }
      const later = (work: () => Promise<void> | void): void => {
        // once cancelled the server must be read, or it never sees the cancel (a cancel that fails: the rows still count)
        if (!signal?.aborted) socket.pause()
        const next: Promise<void> = (pending ?? Promise.resolve()).then(work).then(() => {
          if (pending !== next) return
          pending = null
          if (!failure) socket.resume()
        })
        pending = next
        next.catch(fail)
      }
      const flush = (): void => {
        const rows = batch
        batch = []
        if (pending || !begun) {
          later(async () => {
            if (!begun) await begin(false)
            await sink.rows(rows)
          })
          return
        }
        const behind = sink.rows(rows)
        if (behind) later(() => behind)
      }
      // After an abort the server streams on until it reads the cancel: rows are held back from the sink (a few
      // batches at most, the rest dropped). If the cancel cannot be sent, the statement runs to its end and its rows
      // count after all; if it ends while rows are held, the result is not complete: cancelled.
      let held: Cell[][] | null = null
      let dropped = false
      const onAbort = (): void => {
        socket.resume()
        held ??= []
        this.cancel().catch(() => {
          if (dropped || !held) return
          batch = batch.concat(held)
          held = null
        })
      }
      signal?.addEventListener('abort', onAbort)
      const settle = (): void => signal?.removeEventListener('abort', onAbort)
      const query = this.client.query(new pg.Query({ text, rowMode: 'array', types, queryMode: 'extended' } as pg.QueryConfig))
      query.on('row', (row: Cell[], result?: unknown) => {
        if (failure) return
        fields = (result as { fields: PgField[] }).fields
        if (held) {
          if (held.length < batchSize * HELD_BATCHES) held.push(row)
          else dropped = true
          return
        }
        batch.push(row)
        if (batch.length >= batchSize) {
          try {
            flush()
          } catch (err) {
            fail(err)
          }
        }
      })
      query.on('error', fail)
      query.on('end', (result: { fields: PgField[]; command: string | null; rowCount: number | null }) => {
        if (failure) return
        fields = result.fields
        if (held && (held.length > 0 || dropped)) return fail(new AppError('CANCELLED', 'The statement was cancelled.'))
        const finish = async (): Promise<void> => {
          if (fields.length === 0) {
            sink.beginResult([])
            sink.endResult({ rowsAffected: result.rowCount, command: result.command ?? undefined })
            return
          }
          // a result that fit in one batch is described on this connection, free again now
          if (!begun) await begin(true)
          if (batch.length) await sink.rows(batch)
          sink.endResult({ rowsAffected: null, command: result.command ?? 'SELECT' })
        }
        ;(pending ?? Promise.resolve()).then(finish).then(resolve, fail).finally(settle)
      })
    })
  }

  /**
   * Type names (format_type), NOT NULL and source table columns from the catalog in one query, cached per session;
   * builtin names while a cursor is open.
   */
  private async describe(fields: PgField[], connectionFree: boolean): Promise<ColumnMeta[]> {
    const missing = fields.filter(
      (f) => !this.typeNames.has(`${f.dataTypeID}/${f.dataTypeModifier}`) || (f.tableID && !(this.nullability.has(`${f.tableID}/${f.columnID}`) && this.origins.has(`${f.tableID}/${f.columnID}`)))
    )
    if (missing.length && connectionFree) await this.loadCatalogInfo(missing)
    else if (missing.length) await this.loadCatalogInfoOnSide(missing)
    return fields.map((f) => {
      const dbType = this.typeNames.get(`${f.dataTypeID}/${f.dataTypeModifier}`) ?? builtinTypeNames[f.dataTypeID] ?? `oid ${f.dataTypeID}`
      const nullable = f.tableID ? this.nullability.get(`${f.tableID}/${f.columnID}`) : undefined
      const sourceColumn = f.tableID ? this.origins.get(`${f.tableID}/${f.columnID}`)?.column : undefined
      return { name: f.name, dbType, kind: pgKind(f.dataTypeID, dbType), ...(nullable !== undefined && { nullable }), ...(sourceColumn !== undefined && { sourceColumn }) }
    })
  }

  private catalogSql =
    `select t.i, format_type(t.oid, nullif(t.mod, -1)) as type_name, not a.attnotnull as nullable, a.attname::text as column_name,
            c.relname::text as table_name, n.nspname::text as schema_name, c.relkind::text as relkind
       from unnest($1::int[], $2::oid[], $3::int[], $4::oid[], $5::int[]) as t(i, oid, mod, rel, col)
       left join pg_attribute a on a.attrelid = t.rel and a.attnum = t.col and t.col > 0 and not a.attisdropped
       left join pg_class c on c.oid = t.rel
       left join pg_namespace n on n.oid = c.relnamespace`

  private catalogArgs(fields: PgField[]): unknown[] {
    return [fields.map((_, i) => i), fields.map((f) => f.dataTypeID), fields.map((f) => f.dataTypeModifier), fields.map((f) => f.tableID || 0), fields.map((f) => f.columnID || 0)]
  }

  private remember(fields: PgField[], rows: CatalogRow[]): void {
    for (const r of rows) {
      const f = fields[r.i]
      if (r.type_name) this.typeNames.set(`${f.dataTypeID}/${f.dataTypeModifier}`, r.type_name)
      if (f.tableID && r.nullable !== null) this.nullability.set(`${f.tableID}/${f.columnID}`, r.nullable)
      if (f.tableID) this.origins.set(`${f.tableID}/${f.columnID}`, columnOrigin(r))
    }
  }

  private async loadCatalogInfo(fields: PgField[]): Promise<void> {
    try {
      const r = await this.client.query(this.catalogSql, this.catalogArgs(fields))
      this.remember(fields, r.rows as never)
    } catch {
      // e.g. inside an aborted transaction: fall back to builtin names
    }
  }

  /** A short side connection describes the columns while this one streams (only when a result is larger than a batch). */
  private async loadCatalogInfoOnSide(fields: PgField[]): Promise<void> {
    const side = new pg.Client(clientConfig({ ...this.params, readOnly: true }))
    try {
      await side.connect()
      const r = await side.query(this.catalogSql, this.catalogArgs(fields))
      this.remember(fields, r.rows as never)
    } catch {
      // names fall back to the builtin table
    } finally {
      await side.end().catch(() => {})
    }
  }

  async query(sql: string, params: unknown[] = []): Promise<{ columns: ColumnMeta[]; rows: Cell[][] }> {
    if (this.closed) throw new AppError('CONNECTION_LOST', 'The connection to the server was lost.')
    try {
      // extended protocol: one statement per call, so a query() can never run a script
      const r = await this.client.query({ text: sql, values: params, rowMode: 'array', types, queryMode: 'extended' } as pg.QueryArrayConfig)
      const fields = r.fields as unknown as PgField[]
      return {
        columns: fields.map((f) => {
          const dbType = builtinTypeNames[f.dataTypeID] ?? `oid ${f.dataTypeID}`
          return { name: f.name, dbType, kind: pgKind(f.dataTypeID, dbType) }
        }),
        rows: r.rows as Cell[][]
      }
    } catch (err) {
      throw mapPgError(err, this.params, sql, 0)
    }
  }

  /**
   * Cancels through a second connection (pg_cancel_backend), so it works while this one is busy. Calls made while one
   * is in flight share it: a second signal could land on the session's next statement.
   */
  cancel(): Promise<void> {
    if (!this.running || this.closed) return Promise.resolve()
    this.cancelling ??= this.cancelOnSide().finally(() => {
      this.cancelling = null
    })
    return this.cancelling
  }

  private async cancelOnSide(): Promise<void> {
    const side = new pg.Client(clientConfig({ ...this.params, readOnly: true }))
    try {
      await side.connect()
      await side.query('select pg_cancel_backend($1)', [this.pid])
    } finally {
      await side.end().catch(() => {})
    }
  }

  async close(): Promise<void> {
    if (this.ended) return
    this.ended = true
    await this.client.end().catch(() => {})
  }

  destroy(): void {
    this.ended = true
    // pending queries fail with "Connection terminated" once the socket is gone
    ;(this.client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy()
  }

  /** What the liveness probe needs: how to reach the server, and which backend is this session's. */
  get probeTarget(): { params: ConnectParams; pid: number } {
    return { params: this.params, pid: this.pid }
  }
}

/** The connection settings and backend pid of a PostgreSQL session (undefined for any other session). */
export function postgresProbeTarget(session: DriverSession): { params: ConnectParams; pid: number } | undefined {
  return session instanceof PostgresSession ? session.probeTarget : undefined
}

export const postgresDriver: Driver = {
  dialect: 'postgres',
  facts,
  async connect(params: ConnectParams): Promise<DriverSession> {
    const client = new pg.Client(clientConfig(params))
    client.on('error', () => {}) // surfaced through the session's closed flag and the next call
    try {
      await client.connect()
      const r = await client.query<{ pid: number }>('select pg_backend_pid() as pid')
      return new PostgresSession(client, params, r.rows[0].pid)
    } catch (err) {
      await client.end().catch(() => {})
      throw mapPgError(err, params)
    }
  }
}
