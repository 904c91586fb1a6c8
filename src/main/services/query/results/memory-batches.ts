import type { Cell } from '../../../../shared/cells'
import { DecodedCache, readRange, type BatchRange } from './batch-index'
import { decodeBatch, type BatchEncoding, type EncodedRows } from '../../drivers/encoded-rows'

export interface MemoryBatch extends BatchRange {
  data: string | Uint8Array
  encoding: BatchEncoding
}

/**
 * The in-memory part of a result: batches kept encoded (batch-codec). The text is a fraction of the size of the row
 * objects and one flat string (or buffer) each, so holding the capped rows costs the garbage collector nothing.
 */
export class MemoryBatches {
  readonly batches: MemoryBatch[] = []
  rows = 0
  private readonly decoded = new DecodedCache(8)

  append(batch: EncodedRows, firstRow: number): void {
    this.batches.push({ firstRow, count: batch.count, data: batch.data, encoding: batch.encoding })
    this.rows += batch.count
  }

  read(from: number, to: number): Promise<Cell[][]> {
    return readRange(this.batches, from, Math.min(to, this.end()), (i) => this.decoded.get(i, () => decodeBatch(this.batches[i]!.data, this.batches[i]!.encoding)))
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
