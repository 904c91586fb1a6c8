import { createRequire } from 'node:module'
import { setPriority } from 'node:os'
import type { Cell } from '../../../../shared/cells'
import { BINARY_CELL_CAP_BYTES } from '../../drivers/normalise'
import { columnBatchSource } from '../../drivers/column-batch'
import { workerHost, type WorkerChannel } from '../worker-host'

/** Scheduling priority of worker processes (nice value; higher is lower priority). */
const WORKER_NICE = 5

/**
 * One SQLite connection at a time living in a child process (pooled: see worker-pool.ts), so that a long statement never blocks the main process and a
 * cancel can always stop it: better-sqlite3 has no sqlite3_interrupt, and a worker thread stuck inside a native
 * sqlite3_step cannot be terminated, but a process can be killed. Its code is a string so it runs the same under
 * tsx, vitest and the bundled app. Rows leave it as cells, a batch at a time, encoded as a column batch
 * (drivers/column-batch.ts) that the result store keeps as it is. It runs as a child process (process.send) or, in
 * the Electron app, as a utility process (process.parentPort): see ../worker-host.ts.
 */
const workerSource = `
const Database = require(process.env.QG_SQLITE_MODULE)
const parentPort = process.parentPort
// a utility process ends with the app; a child process ends when its parent's channel closes
if (!parentPort) process.on('disconnect', () => process.exit(0))
const reply = parentPort ? (m) => parentPort.postMessage(m) : (m) => process.send(m)
const onRequest = parentPort ? (cb) => parentPort.on('message', (e) => cb(e.data)) : (cb) => process.on('message', cb)
const cursors = new Map()
const nullCache = new Map()
let db
let readOnly = false
function nullable(d) {
  if (!d.database || !d.table || !d.column) return null
  const key = d.database + '.' + d.table
  let cols = nullCache.get(key)
  if (!cols) {
    cols = new Map()
    for (const r of db.prepare('select name, "notnull" as nn from pragma_table_xinfo(?, ?)').all(d.table, d.database)) cols.set(r.name, Number(r.nn) === 0)
    nullCache.set(key, cols)
  }
  return cols.has(d.column) ? cols.get(d.column) : null
}
function describe(stmt) {
  return stmt.columns().map((d) => ({ name: d.name, type: d.type, nullable: nullable(d), database: d.database, table: d.table, column: d.column }))
}
// cells as drivers/normalise.ts makes them (exact integers, NaN as text, capped hex), made here so that a batch
// leaves this process as one column batch (drivers/column-batch.ts) the result store keeps as it is
${columnBatchSource}
const BINARY_CAP = ${BINARY_CELL_CAP_BYTES}
function cell(v, bool) {
  if (v === null || v === undefined) return null
  switch (typeof v) {
    case 'bigint': {
      if (bool) return v !== 0n
      // exact: Number() rounds a larger one to at least 2^53, which is not a safe integer
      const n = Number(v)
      return Number.isSafeInteger(n) ? n : v.toString()
    }
    case 'number': return bool ? v !== 0 : Number.isFinite(v) ? v : String(v)
    case 'string': return v
  }
  if (v instanceof Uint8Array) {
    const b = Buffer.from(v.buffer, v.byteOffset, v.byteLength)
    return b.length <= BINARY_CAP ? '\\\\x' + b.toString('hex') : '\\\\x' + b.subarray(0, BINARY_CAP).toString('hex') + '…'
  }
  return String(v)
}
function cells(rows, bools) {
  for (const row of rows) for (let i = 0; i < row.length; i++) row[i] = cell(row[i], bools[i])
  return rows
}
const encode = (rows, c) => encodeColumnBatch(rows, c.bools.length, c.convert)
// what a column without a declared type holds, from its first value (read before the values become cells)
function valueKinds(rows, width) {
  const kinds = []
  for (let i = 0; i < width; i++) {
    const r = rows.find((row) => row[i] !== null && row[i] !== undefined)
    const v = r ? r[i] : null
    kinds.push(typeof v === 'bigint' || typeof v === 'number' ? 'number' : typeof v === 'string' ? 'text' : v instanceof Uint8Array ? 'binary' : 'other')
  }
  return kinds
}
const booleans = (columns) => columns.map((c) => /BOOL/i.test(c.type || ''))
function take(c) {
  const rows = []
  let n
  while (rows.length < c.size && !(n = c.it.next()).done) rows.push(n.value)
  return rows
}
function pull(id) {
  const c = cursors.get(id)
  // the driver asks ahead: a request past the end finds the cursor gone
  if (!c) return { count: 0, data: null, done: true }
  const rows = take(c)
  const done = rows.length < c.size
  if (done) cursors.delete(id)
  return { count: rows.length, data: rows.length ? encode(rows, c) : null, done }
}
function handle(m) {
  switch (m.op) {
    case 'open': {
      // a pooled process serves one session after another: nothing of the previous one is kept
      cursors.clear()
      nullCache.clear()
      db = new Database(m.file, { readonly: m.readOnly, fileMustExist: m.file !== ':memory:', timeout: m.timeout })
      readOnly = !!m.readOnly
      db.defaultSafeIntegers(true)
      db.prepare('select count(*) from sqlite_schema').get()
      if (m.readOnly) db.pragma('query_only = 1')
      else db.pragma('foreign_keys = ON')
      return { version: db.prepare('select sqlite_version() as v').get().v }
    }
    case 'exec': {
      const stmt = db.prepare(m.sql)
      // Defence in depth behind the statement analyser: on a read-only connection SQLite itself
      // (sqlite3_stmt_readonly) must also say the statement changes no database file before it runs.
      if (readOnly && !stmt.readonly) throw Object.assign(new Error('SQLite reports that this statement would change the database.'), { code: 'SQLITE_READONLY' })
      if (!stmt.reader) return { reader: false, changes: stmt.run().changes }
      stmt.raw(true)
      const columns = describe(stmt)
      const bools = booleans(columns)
      const c = { it: stmt.iterate(), size: m.batchSize, bools, convert: (v, i) => cell(v, bools[i]) }
      cursors.set(m.id, c)
      const rows = take(c)
      const done = rows.length < c.size
      if (done) cursors.delete(m.id)
      const kinds = valueKinds(rows, columns.length)
      return { reader: true, columns, valueKinds: kinds, count: rows.length, data: rows.length ? encode(rows, c) : null, done }
    }
    case 'next':
      return pull(m.cursor)
    case 'stop': {
      const c = cursors.get(m.cursor)
      if (c) c.it.return()
      cursors.delete(m.cursor)
      return null
    }
    case 'query': {
      const stmt = db.prepare(m.sql)
      if (!stmt.reader) {
        stmt.run(...m.params)
        return { columns: [], valueKinds: [], rows: [] }
      }
      stmt.raw(true)
      const columns = describe(stmt)
      const rows = stmt.all(...m.params)
      const kinds = valueKinds(rows, columns.length)
      return { columns, valueKinds: kinds, rows: cells(rows, booleans(columns)) }
    }
    case 'inTransaction':
      return db.inTransaction
    case 'close':
      cursors.clear()
      nullCache.clear()
      if (db) db.close()
      db = undefined
      return null
    case 'parkable': {
      // nothing the session would miss after a reopen: no transaction, no temp objects, nothing attached
      if (db.inTransaction) return false
      if (Number(db.prepare('select count(*) as n from temp.sqlite_schema').get().n) > 0) return false
      return Number(db.prepare("select count(*) as n from pragma_database_list where name not in ('main', 'temp')").get().n) === 0
    }
  }
}
onRequest((m) => {
  try {
    reply({ id: m.id, value: handle(m) })
  } catch (e) {
    if (m.op === 'next') cursors.delete(m.cursor)
    reply({ id: m.id, error: { code: e && e.code, message: e && e.message ? e.message : String(e) } })
  }
})
`

export interface WorkerColumn {
  name: string
  type: string | null
  nullable: boolean | null
  /** The table column the values come from (sqlite3_column_*_name); null for expressions. */
  database: string | null
  table: string | null
  column: string | null
}

/** What a column without a declared type holds, judged by its first non-null value. */
export type ValueKind = 'number' | 'text' | 'binary' | 'other'

/** A batch of rows as a column batch (drivers/column-batch.ts: one of the result store's own encodings); null when empty. */
export interface WorkerBatch {
  count: number
  data: Uint8Array | null
  done: boolean
}

export type ExecReply = { reader: false; changes: number } | ({ reader: true; columns: WorkerColumn[]; valueKinds: ValueKind[] } & WorkerBatch)

export interface QueryReply {
  columns: WorkerColumn[]
  valueKinds: ValueKind[]
  rows: Cell[][]
}

type Request =
  | { op: 'open'; file: string; readOnly: boolean; timeout: number }
  | { op: 'exec'; sql: string; batchSize: number }
  | { op: 'next'; cursor: number }
  | { op: 'stop'; cursor: number }
  | { op: 'query'; sql: string; params: unknown[] }
  | { op: 'inTransaction' }
  | { op: 'close' }
  | { op: 'parkable' }

/** An error the worker reported (SqliteError code and message), or its thread stopping. */
export class WorkerError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly terminated = false
  ) {
    super(message)
  }
}

export class SqliteWorker {
  private readonly child: WorkerChannel
  private readonly exited: Promise<void>
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  private dead: WorkerError | null = null

  /** `onExit`: called once when the process has ended (the pool counts live processes). */
  constructor(onExit?: () => void) {
    const sqliteModule = createRequire(import.meta.url).resolve('better-sqlite3')
    // a child process by default; the Electron shell installs a utilityProcess host (no ELECTRON_RUN_AS_NODE)
    this.child = workerHost().forkScript(workerSource, { QG_SQLITE_MODULE: sqliteModule })
    // below the main process: a busy worker (or several starting at once) must not slow every other call
    this.child.onSpawn((pid) => {
      try {
        setPriority(pid, WORKER_NICE)
      } catch {
        // not permitted here: the worker runs at normal priority
      }
    })
    this.exited = new Promise((resolve) => this.child.onExit(() => resolve()))
    this.child.onMessage((message) => {
      const m = message as { id: number; value?: unknown; error?: { code?: string; message: string } }
      const p = this.pending.get(m.id)
      if (!p) return
      this.pending.delete(m.id)
      if (m.error) p.reject(new WorkerError(m.error.message, m.error.code))
      else p.resolve(m.value)
    })
    let ended = false
    const end = (): void => {
      this.fail(new WorkerError('The SQLite worker stopped.', undefined, true))
      if (!ended) onExit?.()
      ended = true
    }
    this.child.onError((e) => {
      this.fail(new WorkerError(e.message))
      // a process that never started sends no 'exit'
      if (this.child.pid === undefined) end()
    })
    this.child.onExit(end)
  }

  /** An idle pooled process must not keep the app running: it is unreferenced until it is used again. */
  setIdle(idle: boolean): void {
    if (idle) this.child.unref()
    else this.child.ref()
  }

  get alive(): boolean {
    return this.dead === null
  }

  private fail(e: WorkerError): void {
    this.dead ??= e
    for (const p of this.pending.values()) p.reject(e)
    this.pending.clear()
  }

  /** The worker serves one request at a time, in order; `id` doubles as the cursor id of an exec. */
  request<T>(message: Request): Promise<T> & { id: number } {
    const id = this.nextId++
    const promise = this.dead
      ? Promise.reject(this.dead)
      : new Promise<T>((resolve, reject) => {
          this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
          this.child.send({ ...message, id })
        })
    return Object.assign(promise, { id })
  }

  async terminate(): Promise<void> {
    this.fail(new WorkerError('The SQLite worker stopped.', undefined, true))
    this.child.kill()
    await this.exited
  }
}
