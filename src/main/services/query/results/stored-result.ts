import { join } from 'node:path'
import type { Cell, ColumnMeta, Dialect } from '../../../../shared/cells'
import type { FilterSpec, SortSpec } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import type { z } from 'zod'
import { decodeBatch, encodeBatch, type EncodedRows } from '../../drivers/encoded-rows'
import { MemoryBatches } from './memory-batches'
import { SpillFile } from './spill-file'
import type { SpillWorker } from './spill-worker'
import { orderBySql, viewKey, whereSql } from './view-sql'

type Sort = z.infer<typeof SortSpec>
type Filter = z.infer<typeof FilterSpec>

/** Serialised memory batches sent to the worker per message while building the mirror. */
const MIRROR_CHUNK = 16

interface View {
  table: string
  builtAtCount: number
  builtAt: number
  total: number
}

/** While rows still stream in, a sorted view this fresh is reused instead of re-sorting for every block. */
const STREAMING_VIEW_TTL_MS = 2000

export interface Window {
  rows: Cell[][]
  total: number
  done: boolean
}

/**
 * One result set. The first `memoryCapRows` rows stay in memory (encoded batches, off the JS heap); later
 * rows are appended to a spill file, so
 * memory stays bounded by the cap whatever the result size. The first sort or filter builds a SQLite mirror
 * of the whole result in the spill worker (off the main thread) and keeps it in step as rows arrive; sorted
 * and filtered windows are read from there.
 */
export class StoredResult {
  rowCount = 0
  done = false
  private readonly memory = new MemoryBatches()
  private spill: SpillFile | null = null
  private mirrorOpen = false
  private mirrorCount = 0
  private mirroredMemory = 0
  private mirroredBatches = 0
  private mirrorSync: Promise<void> = Promise.resolve()
  private mirrorError: Error | null = null
  private readonly views = new Map<string, Promise<View>>()
  private viewSeq = 0
  private readonly booleanColumns: number[]
  private released = false

  constructor(
    readonly id: string,
    readonly columns: ColumnMeta[],
    private readonly memoryCapRows: number,
    private readonly worker: () => SpillWorker,
    private readonly dir: () => string,
    readonly dialect?: Dialect
  ) {
    this.booleanColumns = columns.flatMap((c, i) => (c.kind === 'boolean' ? [i] : []))
  }

  get spilled(): boolean {
    return this.spill !== null
  }

  /** Takes ownership of `batch` (rows, or rows a driver encoded already). Returns a promise when the spill file is behind, pausing the cursor. */
  append(batch: Cell[][] | EncodedRows): void | Promise<void> {
    const count = Array.isArray(batch) ? batch.length : batch.count
    if (this.released || count === 0) return
    const room = this.spill ? 0 : this.memoryCapRows - this.memory.rows
    if (room >= count) {
      this.memory.append(Array.isArray(batch) ? encodeBatch(batch) : batch, this.rowCount)
      this.rowCount += count
      return
    }
    // the one batch that crosses the cap is split (decoded once if it came encoded)
    const rows = room > 0 && !Array.isArray(batch) ? decodeBatch(batch.data, batch.encoding) : batch
    if (room > 0) this.memory.append(encodeBatch((rows as Cell[][]).slice(0, room)), this.rowCount)
    const rest = room > 0 ? (rows as Cell[][]).slice(room) : rows
    this.spill ??= new SpillFile(join(this.dir(), `${this.id}.spill`))
    const pause = this.spill.append(Array.isArray(rest) ? encodeBatch(rest) : rest, this.rowCount + Math.max(0, room))
    this.rowCount += count
    return pause
  }

  finish(): void {
    this.done = true
  }

  async window(offset: number, limit: number, sort?: Sort[], filter?: Filter[]): Promise<Window> {
    this.assertLive()
    if (!sort?.length && !filter?.length) return this.plainWindow(offset, limit)
    const view = await this.view(sort, filter)
    const rows = await this.mirrorRows(
      `select r.* from ${view.table} v join r on r.rowid = v.src where v.rowid > ? order by v.rowid limit ?`,
      [offset, limit]
    )
    return { rows, total: view.total, done: this.done && view.builtAtCount === this.rowCount }
  }

  /** Every row in order, in pages, for exporters and copy. */
  async *pages(pageSize: number, sort?: Sort[], filter?: Filter[], from = 0, to = Infinity): AsyncGenerator<Cell[][]> {
    for (let offset = from; offset < to; offset += pageSize) {
      const { rows } = await this.window(offset, Math.min(pageSize, to - offset), sort, filter)
      if (rows.length === 0) return
      yield rows
    }
  }

  async release(): Promise<void> {
    if (this.released) return
    this.released = true
    this.memory.clear()
    await this.spill?.remove().catch(() => undefined)
    if (this.mirrorOpen) await this.worker().request({ op: 'close', key: this.id, file: this.mirrorFile() }).catch(() => undefined)
  }

  private mirrorFile(): string {
    return join(this.dir(), `${this.id}.db`)
  }

  private async plainWindow(offset: number, limit: number): Promise<Window> {
    const end = Math.min(offset + limit, this.rowCount)
    const inMemory = this.memory.rows
    const rows = offset < inMemory ? await this.memory.read(offset, Math.min(end, inMemory)) : []
    if (end > inMemory && this.spill) {
      const more = await this.spill.read(Math.max(offset, inMemory), end).catch((e: Error) => {
        throw toStoreError(e)
      })
      for (const row of more) rows.push(row)
    }
    return { rows, total: this.rowCount, done: this.done }
  }

  /** Brings the SQLite mirror up to every row received so far (rows go in order: memory first, then spill). */
  private syncMirror(): Promise<void> {
    this.mirrorSync = this.mirrorSync.then(async () => {
      if (this.mirrorError) throw this.mirrorError
      const worker = this.worker()
      try {
        if (!this.mirrorOpen) {
          await worker.request({ op: 'open', key: this.id, file: this.mirrorFile(), columns: this.columns.length, booleanColumns: this.booleanColumns })
          this.mirrorOpen = true
        }
        const memory = this.memory.batches
        while (this.mirroredMemory < memory.length) {
          const chunk = memory.slice(this.mirroredMemory, this.mirroredMemory + MIRROR_CHUNK)
          await worker.request({ op: 'appendSerialized', key: this.id, batches: chunk.map(({ data, encoding }) => ({ data, encoding })) })
          this.mirroredMemory += chunk.length
          this.mirrorCount += chunk.reduce((n, b) => n + b.count, 0)
        }
        const spill = this.spill
        if (spill && this.mirroredBatches < spill.batches.length) {
          const batches = spill.batches.slice(this.mirroredBatches)
          await Promise.all(batches.map((b) => b.written))
          if (spill.error) throw spill.error
          await worker.request({ op: 'appendFromFile', key: this.id, file: spill.path, ranges: batches.map(({ offset, length, encoding }) => ({ offset, length, encoding })) })
          this.mirroredBatches += batches.length
          this.mirrorCount += batches.reduce((n, b) => n + b.count, 0)
        }
      } catch (e) {
        this.mirrorError = e as Error
        throw e
      }
    })
    return this.mirrorSync
  }

  private view(sort?: Sort[], filter?: Filter[]): Promise<View> {
    const key = viewKey(sort, filter)
    const previous = this.views.get(key)
    const next = (async (): Promise<View> => {
      const old = previous ? await previous.catch(() => null) : null
      if (old && old.builtAtCount === this.rowCount) return old
      if (old && !this.done && Date.now() - old.builtAt < STREAMING_VIEW_TTL_MS) return old
      await this.syncMirror()
      const count = this.mirrorCount
      if (old && old.builtAtCount === count) return old
      const table = `v${++this.viewSeq}`
      const where = whereSql(filter, this.columns)
      const worker = this.worker()
      if (old) await worker.request({ op: 'run', key: this.id, sql: `drop table if exists ${old.table}`, params: [] })
      await worker.request({
        op: 'run',
        key: this.id,
        sql: `create table ${table} as select rowid as src from r ${where.sql} ${orderBySql(sort, this.columns)}`,
        params: where.params
      })
      const [[total]] = (await worker.all(this.id, `select count(*) from ${table}`)) as [[number]]
      return { table, builtAtCount: count, builtAt: Date.now(), total }
    })()
    this.views.set(key, next)
    this.trimViews(key)
    return next.catch((e: Error) => {
      if (this.views.get(key) === next) this.views.delete(key)
      throw toStoreError(e)
    })
  }

  /** Keeps the few most recent sort/filter views; older ones are dropped from the mirror. */
  private trimViews(keep: string): void {
    while (this.views.size > 3) {
      const oldest = [...this.views.keys()].find((k) => k !== keep)
      if (!oldest) return
      const view = this.views.get(oldest)
      this.views.delete(oldest)
      void view
        ?.then((v) => this.worker().request({ op: 'run', key: this.id, sql: `drop table if exists ${v.table}`, params: [] }))
        .catch(() => undefined)
    }
  }

  private async mirrorRows(sql: string, params: unknown[]): Promise<Cell[][]> {
    const rows = await this.worker()
      .all(this.id, sql, params)
      .catch((e: Error) => {
        throw toStoreError(e)
      })
    if (this.booleanColumns.length) {
      for (const row of rows) for (const i of this.booleanColumns) if (row[i] !== null) row[i] = row[i] === 1
    }
    return rows
  }

  private assertLive(): void {
    if (this.released) throw new AppError('NOT_FOUND', 'This result was closed; run the query again.')
  }
}

function toStoreError(e: Error): AppError {
  return e instanceof AppError ? e : new AppError('INTERNAL', `The temporary result storage failed: ${e.message}`)
}
