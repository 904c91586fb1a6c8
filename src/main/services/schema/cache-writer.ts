import { createRequire } from 'node:module'
import type { Worker } from 'node:worker_threads'
import { RequestWorker } from '../request-worker'

/**
 * Writes a schema model's JSON into the store's schema_cache table from a worker thread with its own connection to
 * the store file (WAL: the app's connection keeps reading meanwhile), so that writing 10–40 MB of JSON into SQLite
 * and joining its pieces never holds the main thread. Evaluated from a string, as the other workers, so it runs the
 * same under tsx, vitest and the bundled app.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.sqlitePath)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
const upsert = db.prepare(
  'insert into schema_cache (connection_id, dialect, fingerprint, introspected_at, duration_ms, table_count, model) values (?, ?, ?, ?, ?, ?, ?) ' +
  'on conflict (connection_id) do update set dialect = excluded.dialect, fingerprint = excluded.fingerprint, ' +
  'introspected_at = excluded.introspected_at, duration_ms = excluded.duration_ms, table_count = excluded.table_count, model = excluded.model'
)
const touch = db.prepare('update schema_cache set introspected_at = ?, duration_ms = ? where connection_id = ?')
const parts = new Map()
parentPort.on('message', (m) => {
  try {
    if (m.op === 'part') {
      // A model's JSON comes in a few messages (each a short copy on the sending side), joined here.
      if (!parts.has(m.id)) parts.set(m.id, [])
      const list = parts.get(m.id)
      for (const p of m.pieces) list.push(p)
      return
    }
    if (m.op === 'touch') {
      parentPort.postMessage({ id: m.id, changes: touch.run(m.introspectedAt, m.durationMs, m.connectionId).changes })
      return
    }
    const json = (parts.get(m.id) || []).join('')
    parts.delete(m.id)
    upsert.run(m.connectionId, m.dialect, m.fingerprint, m.introspectedAt, m.durationMs, m.tableCount, json)
    parentPort.postMessage({ id: m.id })
  } catch (e) {
    parts.delete(m.id)
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) })
  }
})
`

/** Characters of JSON per message to the writer. */
const PART_CHARS = 4 * 2 ** 20

export interface CacheRow {
  connectionId: string
  dialect: string
  fingerprint: string
  introspectedAt: string
  durationMs: number
  tableCount: number
  /** The model's JSON in pieces, joined in the worker. */
  pieces: string[]
}

/** One worker per store file, started on the first write; it keeps the process alive only while it writes. */
export class CacheWriter {
  private readonly worker: RequestWorker<{ id: number; error?: string; changes?: number }>

  constructor(file: string) {
    this.worker = new RequestWorker(workerSource, () => ({ sqlitePath: createRequire(import.meta.url).resolve('better-sqlite3'), file }), 'The schema cache writer stopped')
  }

  /**
   * The row, its JSON sent in parts of about PART_CHARS (copying 40 MB into one message would hold this thread for
   * about 100 ms), a turn apart.
   */
  async write(row: CacheRow): Promise<void> {
    const { pieces, ...meta } = row
    // Every part to the one worker: if it stops meanwhile, the write fails as a whole (never half a model).
    let worker!: Worker
    let id = 0
    const done = this.worker.request((w, i) => {
      worker = w
      id = i
      w.postMessage({ op: 'part', id, pieces: [] })
    })
    done.catch(() => {}) // awaited below, after the parts are sent; not an unhandled rejection meanwhile
    let chunk: string[] = []
    let chars = 0
    for (const piece of pieces) {
      chunk.push(piece)
      chars += piece.length
      if (chars >= PART_CHARS) {
        worker.postMessage({ op: 'part', id, pieces: chunk })
        chunk = []
        chars = 0
        await new Promise<void>((resolve) => setImmediate(resolve))
      }
    }
    worker.postMessage({ op: 'part', id, pieces: chunk })
    worker.postMessage({ op: 'write', id, ...meta })
    await done
  }

  /** Moves a cached row's time; false when there is no row. */
  async touch(connectionId: string, introspectedAt: string, durationMs: number): Promise<boolean> {
    const { changes } = await this.worker.request((worker, id) => worker.postMessage({ op: 'touch', id, connectionId, introspectedAt, durationMs }))
    return (changes ?? 0) > 0
  }

  async close(): Promise<void> {
    await this.worker.terminate()
  }
}
