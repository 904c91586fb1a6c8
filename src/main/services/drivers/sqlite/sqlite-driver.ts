import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import type { Cell, CellKind, ColumnMeta } from '../../../../shared/cells'
import { AppError } from '../../../../shared/errors'
import { dialectFacts } from '../dialect-facts'
import { positionOfNearToken, sqlError } from '../errors'
import { bigintToCell, binaryToHex, floatToCell } from '../normalise'
import { splitStatements } from '../split'
import type { ConnectParams, Driver, DriverSession, ExecuteOptions, StatementSink } from '../types'

const facts = dialectFacts.sqlite
const DEFAULT_BATCH = 500

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

function kindOfValue(value: unknown): CellKind {
  if (typeof value === 'bigint' || typeof value === 'number') return 'number'
  if (typeof value === 'string') return 'text'
  if (value instanceof Uint8Array) return 'binary'
  return 'other'
}

function toCell(value: unknown, kind: CellKind): Cell {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint') return kind === 'boolean' ? value !== 0n : bigintToCell(value)
  if (typeof value === 'number') return kind === 'boolean' ? value !== 0 : floatToCell(value)
  if (typeof value === 'string') return value
  if (value instanceof Uint8Array) return binaryToHex(value)
  return String(value)
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

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

class SqliteSession implements DriverSession {
  readonly facts = facts
  private cancelRequested = false
  private running = false
  private closeRequested = false
  private readonly nullableCache = new Map<string, Map<string, boolean>>()

  constructor(private readonly db: Database.Database) {}

  get closed(): boolean {
    return !this.db.open
  }

  async serverVersion(): Promise<string> {
    const row = this.db.prepare('select sqlite_version() as v').get() as { v: string }
    return `SQLite ${row.v}`
  }

  async execute(sql: string, sink: StatementSink, options: ExecuteOptions = {}): Promise<void> {
    if (this.closed) throw new AppError('CONNECTION_LOST', 'The SQLite database is closed.')
    if (this.running) throw new AppError('INVALID_INPUT', 'This session is already running a statement.')
    const batchSize = options.batchSize ?? DEFAULT_BATCH
    this.cancelRequested = false
    this.running = true
    const onAbort = (): void => void this.cancel()
    options.signal?.addEventListener('abort', onAbort)
    try {
      for (const piece of splitStatements(sql, 'sqlite')) {
        this.throwIfCancelled()
        try {
          await this.runOne(piece.text, sink, batchSize)
        } catch (err) {
          throw mapSqliteError(err, sql, piece.offset, piece.text)
        }
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort)
      this.running = false
      if (this.closeRequested) this.db.close()
    }
  }

  private throwIfCancelled(): void {
    if (this.cancelRequested) throw new AppError('CANCELLED', 'The statement was cancelled.')
  }

  private async runOne(text: string, sink: StatementSink, batchSize: number): Promise<void> {
    const stmt = this.db.prepare(text)
    if (!stmt.reader) {
      const info = stmt.run()
      sink.beginResult([])
      sink.endResult({ rowsAffected: info.changes, command: firstWord(text) })
      return
    }
    stmt.raw(true)
    const defs = stmt.columns()
    const iterator = stmt.iterate() as IterableIterator<unknown[]>
    try {
      let batch: unknown[][] = []
      let next = iterator.next()
      while (!next.done && batch.length < batchSize) {
        batch.push(next.value)
        next = iterator.next()
      }
      const kinds = defs.map((d, i) => sqliteKind(d.type) ?? kindOfValue(batch.find((r) => r[i] !== null)?.[i] ?? null))
      const columns: ColumnMeta[] = defs.map((d, i) => ({
        name: d.name,
        dbType: d.type ?? '',
        kind: kinds[i],
        nullable: this.nullable(d.database, d.table, d.column)
      }))
      sink.beginResult(columns)
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return
        const cells = batch.map((row) => row.map((v, i) => toCell(v, kinds[i])))
        batch = []
        await sink.rows(cells)
      }
      await flush()
      while (!next.done) {
        await tick()
        this.throwIfCancelled()
        while (!next.done && batch.length < batchSize) {
          batch.push(next.value)
          next = iterator.next()
        }
        await flush()
      }
      sink.endResult({ rowsAffected: null, command: firstWord(text) })
    } finally {
      iterator.return?.()
    }
  }

  /** NOT NULL from the table definition when the column comes straight from a table. */
  private nullable(schema: string | null, table: string | null, column: string | null): boolean | undefined {
    if (!schema || !table || !column) return undefined
    const key = `${schema}.${table}`
    let cols = this.nullableCache.get(key)
    if (!cols) {
      cols = new Map()
      const rows = this.db.prepare('select name, "notnull" as nn from pragma_table_xinfo(?, ?)').all(table, schema) as { name: string; nn: number | bigint }[]
      for (const r of rows) cols.set(r.name, Number(r.nn) === 0)
      this.nullableCache.set(key, cols)
    }
    return cols.get(column)
  }

  async query(sql: string, params: unknown[] = []): Promise<{ columns: ColumnMeta[]; rows: Cell[][] }> {
    try {
      const stmt = this.db.prepare(sql)
      if (!stmt.reader) {
        stmt.run(...params)
        return { columns: [], rows: [] }
      }
      stmt.raw(true)
      const defs = stmt.columns()
      const raw = stmt.all(...params) as unknown[][]
      const kinds = defs.map((d, i) => sqliteKind(d.type) ?? kindOfValue(raw.find((r) => r[i] !== null)?.[i] ?? null))
      return {
        columns: defs.map((d, i) => ({ name: d.name, dbType: d.type ?? '', kind: kinds[i] })),
        rows: raw.map((row) => row.map((v, i) => toCell(v, kinds[i])))
      }
    } catch (err) {
      throw mapSqliteError(err, sql, 0, sql)
    }
  }

  /** better-sqlite3 runs synchronously: a cancel takes effect at the next batch boundary. */
  async cancel(): Promise<void> {
    if (this.running) this.cancelRequested = true
  }

  async close(): Promise<void> {
    if (this.closed) return
    if (this.running) {
      this.cancelRequested = true
      this.closeRequested = true
      return
    }
    this.db.close()
  }
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
    let db: Database.Database
    try {
      db = new Database(file, { readonly: params.readOnly, fileMustExist: file !== ':memory:', timeout: params.connectTimeoutMs })
    } catch (err) {
      throw new AppError('CONNECTION_REFUSED', `Could not open the SQLite database: ${(err as Error).message}`)
    }
    try {
      db.defaultSafeIntegers(true)
      // Fails here (not on first query) when the file is not a database.
      db.prepare('select count(*) from sqlite_schema').get()
      if (params.readOnly) db.pragma('query_only = 1')
      else db.pragma('foreign_keys = ON')
    } catch (err) {
      db.close()
      throw new AppError('CONNECTION_REFUSED', `Could not open the SQLite database: ${(err as Error).message}`)
    }
    return new SqliteSession(db)
  }
}
