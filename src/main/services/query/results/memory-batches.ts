import type { Cell } from '../../../../shared/cells'
import { DecodedCache, readRange, type BatchRange } from './batch-index'
import { decodeBatch, encodeBatch, type BatchEncoding } from './batch-codec'

export interface MemoryBatch extends BatchRange {
  buf: Buffer
  encoding: BatchEncoding
}

/**
 * The in-memory part of a result: batches kept encoded (batch-codec). A buffer is a fraction of the size of the row
 * objects and lives outside the JS heap, so holding the capped rows costs the garbage collector nothing.
 */
export class MemoryBatches {
  readonly batches: MemoryBatch[] = []
  rows = 0
  private readonly decoded = new DecodedCache(8)

  append(batch: Cell[][], firstRow: number): void {
    this.batches.push({ firstRow, count: batch.length, ...encodeBatch(batch) })
    this.rows += batch.length
  }

  read(from: number, to: number): Promise<Cell[][]> {
    return readRange(this.batches, from, Math.min(to, this.end()), (i) => this.decoded.get(i, () => decodeBatch(this.batches[i]!.buf, this.batches[i]!.encoding)))
  }

  private end(): number {
    const last = this.batches.at(-1)
    return last ? last.firstRow + last.count : 0
  }

  clear(): void {
    this.batches.length = 0
    this.rows = 0
    this.decoded.clear()
  }
}
