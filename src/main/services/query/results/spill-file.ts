import { open, rm, type FileHandle } from 'node:fs/promises'
import type { Cell } from '../../../../shared/cells'
import { DecodedCache, readRange } from './batch-index'
import { batchBytes, decodeBatch, type BatchEncoding, type EncodedRows } from '../../drivers/encoded-rows'

export interface SpillBatch {
  offset: number
  length: number
  firstRow: number
  count: number
  encoding: BatchEncoding
  written: Promise<void>
}

/** Writes in flight before `append` asks the cursor to wait. */
const MAX_PENDING_WRITES = 16

/**
 * Rows past the memory cap, appended to a temporary file as encoded batches (batch-codec) with an in-memory
 * index. Appending costs one write per batch (far cheaper than inserting into a database), and a window reads back
 * only the one or two batches it touches.
 */
export class SpillFile {
  readonly batches: SpillBatch[] = []
  private size = 0
  private pending = 0
  private waiters: (() => void)[] = []
  private readonly handle: Promise<FileHandle>
  private failure: Error | null = null
  private readonly decoded = new DecodedCache(6)

  constructor(readonly path: string) {
    this.handle = open(path, 'w+')
    this.handle.catch((e: Error) => (this.failure = e))
  }

  append(batch: EncodedRows, firstRow: number): void | Promise<void> {
    const buf = batchBytes(batch.data)
    const entry: SpillBatch = { offset: this.size, length: buf.length, firstRow, count: batch.count, encoding: batch.encoding, written: Promise.resolve() }
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
    return readRange(this.batches, from, to, (i) => this.decode(i))
  }

  private async decode(index: number): Promise<Cell[][]> {
    const hit = this.decoded.peek(index)
    if (hit) return hit
    const b = this.batches[index]!
    await b.written
    if (this.failure) throw this.failure
    const buf = Buffer.allocUnsafe(b.length)
    await (await this.handle).read(buf, 0, b.length, b.offset)
    return this.decoded.get(index, () => decodeBatch(buf, b.encoding))
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
