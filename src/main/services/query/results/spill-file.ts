import { open, rm, type FileHandle } from 'node:fs/promises'
import { deserialize, serialize } from 'node:v8'
import type { Cell } from '../../../../shared/cells'

export interface SpillBatch {
  offset: number
  length: number
  firstRow: number
  count: number
  written: Promise<void>
}

/** Writes in flight before `append` asks the cursor to wait. */
const MAX_PENDING_WRITES = 8
const DECODED_CACHE = 6

/**
 * Rows past the memory cap, appended to a temporary file as V8-serialised batches with an in-memory index.
 * Appending costs one serialize per batch on the main thread (far cheaper than inserting into a database),
 * and a window reads back only the one or two batches it touches.
 */
export class SpillFile {
  readonly batches: SpillBatch[] = []
  private size = 0
  private pending = 0
  private waiters: (() => void)[] = []
  private readonly handle: Promise<FileHandle>
  private failure: Error | null = null
  private readonly decoded = new Map<number, Cell[][]>()

  constructor(readonly path: string) {
    this.handle = open(path, 'w+')
    this.handle.catch((e: Error) => (this.failure = e))
  }

  append(batch: Cell[][], firstRow: number): void | Promise<void> {
    const buf = serialize(batch)
    const entry: SpillBatch = { offset: this.size, length: buf.length, firstRow, count: batch.length, written: Promise.resolve() }
    this.size += buf.length
    this.pending++
    entry.written = this.handle
      .then((fh) => fh.write(buf, 0, buf.length, entry.offset))
      .then(
        () => undefined,
        (e: Error) => {
          this.failure ??= e
        }
      )
      .finally(() => {
        this.pending--
        if (this.pending < MAX_PENDING_WRITES) for (const w of this.waiters.splice(0)) w()
      })
    this.batches.push(entry)
    if (this.pending >= MAX_PENDING_WRITES) return new Promise((resolve) => this.waiters.push(resolve))
  }

  /** Rows [from, to) (absolute row numbers), read from the batches that hold them. */
  async read(from: number, to: number): Promise<Cell[][]> {
    const out: Cell[][] = []
    for (let i = this.batchIndexOf(from); i >= 0 && i < this.batches.length && this.batches[i].firstRow < to; i++) {
      const b = this.batches[i]
      const rows = await this.decode(i)
      out.push(...rows.slice(Math.max(0, from - b.firstRow), Math.min(b.count, to - b.firstRow)))
    }
    return out
  }

  /** Index of the batch holding `row`, or -1. */
  private batchIndexOf(row: number): number {
    let lo = 0
    let hi = this.batches.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const b = this.batches[mid]
      if (row < b.firstRow) hi = mid - 1
      else if (row >= b.firstRow + b.count) lo = mid + 1
      else return mid
    }
    return -1
  }

  private async decode(index: number): Promise<Cell[][]> {
    const cached = this.decoded.get(index)
    if (cached) return cached
    const b = this.batches[index]
    await b.written
    if (this.failure) throw this.failure
    const buf = Buffer.allocUnsafe(b.length)
    await (await this.handle).read(buf, 0, b.length, b.offset)
    const rows = deserialize(buf) as Cell[][]
    this.decoded.set(index, rows)
    if (this.decoded.size > DECODED_CACHE) this.decoded.delete(this.decoded.keys().next().value!)
    return rows
  }

  /** Waits until every batch appended so far is on disk. */
  async flushed(): Promise<void> {
    await Promise.all(this.batches.map((b) => b.written))
    if (this.failure) throw this.failure
  }

  get error(): Error | null {
    return this.failure
  }

  async remove(): Promise<void> {
    this.decoded.clear()
    for (const w of this.waiters.splice(0)) w()
    await Promise.all(this.batches.map((b) => b.written))
    await (await this.handle.catch(() => null))?.close().catch(() => undefined)
    await rm(this.path, { force: true })
  }
}
