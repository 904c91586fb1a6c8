import { join } from 'node:path'
import type { Cell, ColumnMeta } from '../../../../shared/cells'
import type { FilterSpec, SortSpec } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import type { z } from 'zod'
import type { SpillWorker } from './spill-worker'
import { orderBySql, viewKey, whereSql } from './view-sql'

type Sort = z.infer<typeof SortSpec>
type Filter = z.infer<typeof FilterSpec>

/** Appends in flight to the worker before the driver's cursor is paused (backpressure). */
const MAX_INFLIGHT_BATCHES = 4

interface View {
  table: string
  builtAtCount: number
  total: number
}

export interface Window {
  rows: Cell[][]
  total: number
  done: boolean
}

/**
 * One result set. The first `memoryCapRows` rows stay in memory for instant unsorted windows; every row also
 * goes to a temporary SQLite file in the spill worker, which serves rows past the cap and sorts/filters over
 * the whole result. Memory therefore stays bounded by the cap whatever the result size.
 */
export class StoredResult {
  rowCount = 0
  done = false
  private readonly head: Cell[][] = []
  private inflight = 0
  private drainWaiters: (() => void)[] = []
  private spillError: Error | null = null
  private readonly views = new Map<string, Promise<View>>()
  private viewSeq = 0
  private readonly booleanColumns: number[]
  private released = false
  private readonly file: string

  constructor(
    readonly id: string,
    readonly columns: ColumnMeta[],
    private readonly memoryCapRows: number,
    private readonly worker: SpillWorker,
    dir: string
  ) {
    this.file = join(dir, `${id}.db`)
    this.booleanColumns = columns.flatMap((c, i) => (c.kind === 'boolean' ? [i] : []))
    void this.worker
      .request({ op: 'open', key: id, file: this.file, columns: columns.length, booleanColumns: this.booleanColumns })
      .catch((e: Error) => (this.spillError ??= e))
  }

  get spilled(): boolean {
    return this.rowCount > this.head.length
  }

  /** Takes ownership of `batch`. Returns a promise when the spill worker is behind, pausing the cursor. */
  append(batch: Cell[][]): void | Promise<void> {
    if (this.released || batch.length === 0) return
    const room = this.memoryCapRows - this.head.length
    if (room > 0) {
      if (batch.length <= room) this.head.push(...batch)
      else for (let i = 0; i < room; i++) this.head.push(batch[i])
    }
    this.rowCount += batch.length
    this.inflight++
    this.worker
      .request({ op: 'append', key: this.id, rows: batch })
      .catch((e: Error) => (this.spillError ??= e))
      .finally(() => {
        this.inflight--
        if (this.inflight < MAX_INFLIGHT_BATCHES) for (const w of this.drainWaiters.splice(0)) w()
      })
    if (this.inflight >= MAX_INFLIGHT_BATCHES) return new Promise((resolve) => this.drainWaiters.push(resolve))
  }

  finish(): void {
    this.done = true
  }

  async window(offset: number, limit: number, sort?: Sort[], filter?: Filter[]): Promise<Window> {
    this.assertLive()
    if (!sort?.length && !filter?.length) return this.plainWindow(offset, limit)
    const view = await this.view(sort, filter)
    const rows = await this.spillRows(
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
    this.head.length = 0
    for (const w of this.drainWaiters.splice(0)) w()
    await this.worker.request({ op: 'close', key: this.id, file: this.file }).catch(() => undefined)
  }

  private async plainWindow(offset: number, limit: number): Promise<Window> {
    const end = Math.min(offset + limit, this.rowCount)
    const rows = this.head.slice(offset, Math.min(end, this.head.length))
    if (end > this.head.length) {
      const from = Math.max(offset, this.head.length)
      rows.push(...(await this.spillRows('select * from r where rowid > ? order by rowid limit ?', [from, end - from])))
    }
    return { rows, total: this.rowCount, done: this.done }
  }

  private view(sort?: Sort[], filter?: Filter[]): Promise<View> {
    const key = viewKey(sort, filter)
    const cached = this.views.get(key)
    const build = async (previous?: Promise<View>): Promise<View> => {
      const old = previous ? await previous.catch(() => null) : null
      if (old && old.builtAtCount === this.rowCount) return old
      const count = this.rowCount
      const table = `v${++this.viewSeq}`
      const where = whereSql(filter, this.columns)
      if (old) await this.worker.request({ op: 'run', key: this.id, sql: `drop table if exists ${old.table}`, params: [] })
      await this.worker.request({
        op: 'run',
        key: this.id,
        sql: `create table ${table} as select rowid as src from r ${where.sql} ${orderBySql(sort, this.columns)}`,
        params: where.params
      })
      const [[total]] = (await this.worker.all(this.id, `select count(*) from ${table}`)) as [[number]]
      return { table, builtAtCount: count, total }
    }
    let next: Promise<View>
    if (!cached) next = build()
    else next = cached.then((v) => (v.builtAtCount === this.rowCount ? v : build(cached)), () => build())
    this.views.set(key, next)
    this.trimViews(key)
    return next.catch((e: Error) => {
      this.views.delete(key)
      throw toStoreError(e)
    })
  }

  /** Keeps the few most recent sort/filter views; older ones are dropped from the spill file. */
  private trimViews(keep: string): void {
    while (this.views.size > 3) {
      const oldest = [...this.views.keys()].find((k) => k !== keep)
      if (!oldest) return
      const view = this.views.get(oldest)
      this.views.delete(oldest)
      void view
        ?.then((v) => this.worker.request({ op: 'run', key: this.id, sql: `drop table if exists ${v.table}`, params: [] }))
        .catch(() => undefined)
    }
  }

  private async spillRows(sql: string, params: unknown[]): Promise<Cell[][]> {
    if (this.spillError) throw toStoreError(this.spillError)
    const rows = await this.worker.all(this.id, sql, params).catch((e: Error) => {
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
