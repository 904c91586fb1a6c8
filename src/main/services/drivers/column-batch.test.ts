import { describe, expect, it } from 'vitest'
import type { Cell } from '../../../shared/cells'
import { decodeColumnBatch, encodeColumnBatch, encodeColumnsBatch } from './column-batch'
import { decodeBatch, decodeBatchSource } from './encoded-rows'

const texts = ['', 'a', 'name 1', 'ünïcödé', '日本語', '😀 pair', 'quote " and \\ and \n', '\u0000', 'x'.repeat(5000)]
const numbers = [0, 1, -1, 1.5, 0.1 + 0.2, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 5e-324, 1.7976931348623157e308, NaN, Infinity, -Infinity]

function randomCell(i: number): Cell {
  switch (i % 5) {
    case 0:
      return null
    case 1:
      return numbers[i % numbers.length]!
    case 2:
      return texts[i % texts.length]!
    case 3:
      return i % 2 === 0
    default:
      return `${i}`
  }
}

const byColumns = (rows: Cell[][], width: number): Cell[][] => Array.from({ length: width }, (_, c) => rows.map((row) => row[c]!))

describe('column batches', () => {
  it('give back every cell as it was (NaN and infinities included)', () => {
    const rows: Cell[][] = Array.from({ length: 701 }, (_, r) => Array.from({ length: 7 }, (_, c) => randomCell(r * 7 + c * 3 + r)))
    const encoded = encodeColumnBatch(rows, 7, null)
    expect(decodeColumnBatch(encoded)).toEqual(rows)
    expect(decodeBatch(encoded, 'columns')).toEqual(rows)
    // the same bytes from a chunk's columns, and any range of them
    expect(Buffer.compare(encodeColumnsBatch(byColumns(rows, 7), 0, rows.length), encoded)).toBe(0)
    expect(decodeColumnBatch(encodeColumnsBatch(byColumns(rows, 7), 100, 250))).toEqual(rows.slice(100, 250))
  })

  it('turns -0 into 0 and undefined into null, as JSON does', () => {
    const decoded = decodeColumnBatch(encodeColumnBatch([[-0, undefined as unknown as Cell, 'a']], 3, null))
    expect(Object.is(decoded[0]![0], 0)).toBe(true)
    expect(decoded).toEqual([[0, null, 'a']])
  })

  it('makes cells of raw values through the converter, leaving text and null alone', () => {
    const seen: unknown[] = []
    const convert = (v: unknown): Cell => {
      seen.push(v)
      return typeof v === 'bigint' ? v.toString() : null
    }
    expect(decodeColumnBatch(encodeColumnBatch([[1n, 'a', null, 2n ** 64n]], 4, convert))).toEqual([['1', 'a', null, '18446744073709551616']])
    expect(seen).toEqual([1n, 2n ** 64n])
  })

  it('encodes empty batches and zero-width rows', () => {
    expect(decodeColumnBatch(encodeColumnBatch([], 3, null))).toEqual([])
    expect(decodeColumnBatch(encodeColumnBatch([[], []], 0, null))).toEqual([[], []])
  })

  it('reads back from a view at any offset (a message buffer, a file read) and in the spill worker', () => {
    const rows: Cell[][] = [[1.25, 'é', true, null]]
    const encoded = encodeColumnBatch(rows, 4, null)
    const shifted = new Uint8Array(encoded.length + 3)
    shifted.set(encoded, 3)
    expect(decodeColumnBatch(shifted.subarray(3))).toEqual(rows)
    // the spill worker's own source
    const workerDecode = new Function(`${decodeBatchSource}\nreturn decodeBatch`)() as (data: Uint8Array, encoding: string) => Cell[][]
    expect(workerDecode(new Uint8Array(encoded), 'columns')).toEqual(rows)
  })

  it('refuses bytes that are not a column batch', () => {
    expect(() => decodeColumnBatch(Buffer.from('[[1]]'))).toThrow(/column batch/)
  })
})
