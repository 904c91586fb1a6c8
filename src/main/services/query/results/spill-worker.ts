import { createRequire } from 'node:module'
import { RequestWorker } from '../../request-worker'
import type { Cell } from '../../../../shared/cells'
import { decodeBatchSource, type BatchEncoding } from '../../drivers/encoded-rows'

/**
 * The worker's code, evaluated from a string so it runs the same under tsx, vitest and the bundled app
 * (no separate worker file to locate). It owns one temporary SQLite file per result, built the first time the
 * user sorts or filters: inserts and sorts happen off the main thread, so a million-row sort never stalls
 * the event loop.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.sqlitePath)
const dbs = new Map()
${decodeBatchSource}
function handle(m) {
  switch (m.op) {
    case 'open': {
      const db = new Database(m.file)
      db.pragma('journal_mode = OFF')
      db.pragma('synchronous = OFF')
      db.pragma('temp_store = FILE')
      db.pragma('cache_size = -16000')
      const cols = Array.from({ length: Math.max(1, m.columns) }, (_, i) => 'c' + i)
      db.exec('create table r (' + cols.join(', ') + ')')
      const insert = db.prepare('insert into r values (' + cols.map(() => '?').join(', ') + ')')
      const bools = m.booleanColumns
      // SQLite has no boolean: store 1/0; the main side maps them back by column kind.
      const appendAll = db.transaction((rows) => {
        for (const row of rows) {
          for (const i of bools) if (typeof row[i] === 'boolean') row[i] = row[i] ? 1 : 0
          insert.run(row)
        }
      })
      dbs.set(m.key, { db, appendAll })
      return null
    }
    case 'appendSerialized': {
      for (const b of m.batches) dbs.get(m.key).appendAll(decodeBatch(b.data, b.encoding))
      return null
    }
    case 'appendFromFile': {
      // batches the main thread spilled: read and decode them here, off the main thread
      const fs = require('node:fs')
      const fd = fs.openSync(m.file, 'r')
      try {
        for (const r of m.ranges) {
          const buf = Buffer.allocUnsafe(r.length)
          fs.readSync(fd, buf, 0, r.length, r.offset)
          dbs.get(m.key).appendAll(decodeBatch(buf, r.encoding))
        }
      } finally {
        fs.closeSync(fd)
      }
      return null
    }
    case 'all':
      return dbs.get(m.key).db.prepare(m.sql).raw(true).all(...m.params)
    case 'run':
      dbs.get(m.key).db.prepare(m.sql).run(...m.params)
      return null
    case 'close': {
      const entry = dbs.get(m.key)
      dbs.delete(m.key)
      if (entry) entry.db.close()
      try { require('node:fs').rmSync(m.file, { force: true }) } catch {}
      return null
    }
  }
  throw new Error('unknown op ' + m.op)
}
parentPort.on('message', (m) => {
  try {
    const value = handle(m)
    parentPort.postMessage({ id: m.id, value })
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.message || e) })
  }
})
`

type Request =
  | { op: 'open'; key: string; file: string; columns: number; booleanColumns: number[] }
  | { op: 'appendSerialized'; key: string; batches: { data: string | Uint8Array; encoding: BatchEncoding }[] }
  | { op: 'appendFromFile'; key: string; file: string; ranges: { offset: number; length: number; encoding: BatchEncoding }[] }
  | { op: 'all'; key: string; sql: string; params: unknown[] }
  | { op: 'run'; key: string; sql: string; params: unknown[] }
  | { op: 'close'; key: string; file: string }

/** Request/response over one worker thread; replies come back in order. Once it stopped, every request fails. */
export class SpillWorker {
  private readonly worker = new RequestWorker<{ id: number; value?: unknown; error?: string }>(
    workerSource,
    () => ({ sqlitePath: createRequire(import.meta.url).resolve('better-sqlite3') }),
    'The result spill worker stopped'
  )

  async request<T>(message: Request): Promise<T> {
    // its spill files were open in the worker that stopped: a new one would not know them
    if (this.worker.failure) throw this.worker.failure
    return (await this.worker.request((worker, id) => worker.postMessage({ ...message, id }))).value as T
  }

  all(key: string, sql: string, params: unknown[] = []): Promise<Cell[][]> {
    return this.request<Cell[][]>({ op: 'all', key, sql, params })
  }

  terminate(): Promise<void> {
    return this.worker.terminate()
  }
}
