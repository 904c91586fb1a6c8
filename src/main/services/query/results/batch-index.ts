import type { Cell } from '../../../../shared/cells'

export interface BatchRange {
  firstRow: number
  count: number
}

/** Index of the batch holding `row` (batches are contiguous and in order), or -1. */
export function batchIndexOf(batches: readonly BatchRange[], row: number): number {
  let lo = 0
  let hi = batches.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const b = batches[mid]!
    if (row < b.firstRow) hi = mid - 1
    else if (row >= b.firstRow + b.count) lo = mid + 1
    else return mid
  }
  return -1
}

/** Rows [from, to) gathered from the batches that hold them. */
export async function readRange(batches: readonly BatchRange[], from: number, to: number, decode: (index: number) => Cell[][] | Promise<Cell[][]>): Promise<Cell[][]> {
  const out: Cell[][] = []
  for (let i = batchIndexOf(batches, from); i >= 0 && i < batches.length && batches[i]!.firstRow < to; i++) {
    const b = batches[i]!
    const rows = await decode(i)
    for (let k = Math.max(0, from - b.firstRow); k < Math.min(b.count, to - b.firstRow); k++) out.push(rows[k]!)
  }
  return out
}

/** A small most-recently-used cache of decoded batches. */
export class DecodedCache {
  private readonly map = new Map<number, Cell[][]>()
  constructor(private readonly size: number) {}

  peek(index: number): Cell[][] | undefined {
    return this.map.get(index)
  }

  get(index: number, decode: () => Cell[][]): Cell[][] {
    const hit = this.map.get(index)
    if (hit) {
      this.map.delete(index)
      this.map.set(index, hit)
      return hit
    }
    const rows = decode()
    this.map.set(index, rows)
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!)
    return rows
  }

  clear(): void {
    this.map.clear()
  }
}
