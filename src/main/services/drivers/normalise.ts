import type { Cell } from '../../../shared/cells'

/** Binary cells longer than this are cut (the hex ends with `…`): a grid cell never needs megabytes. */
export const BINARY_CELL_CAP_BYTES = 64 * 1024

export function binaryToHex(value: Uint8Array): string {
  const buf = Buffer.from(value.buffer, value.byteOffset, value.byteLength)
  if (buf.length <= BINARY_CELL_CAP_BYTES) return `\\x${buf.toString('hex')}`
  return `\\x${buf.subarray(0, BINARY_CELL_CAP_BYTES).toString('hex')}…`
}

/** 64-bit integers stay exact: a number while it is safe, a decimal string beyond. */
export function bigintToCell(value: bigint): number | string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString()
}

/** Cells must survive JSON: NaN and ±Infinity become their text. */
export function floatToCell(value: number): number | string {
  return Number.isFinite(value) ? value : String(value)
}

/** Fallback for values a driver does not special-case. */
export function genericCell(value: unknown): Cell {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case 'boolean':
      return value
    case 'number':
      return floatToCell(value)
    case 'bigint':
      return value.toString()
    case 'string':
      return value
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString()
  if (value instanceof Uint8Array) return binaryToHex(value)
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
}
