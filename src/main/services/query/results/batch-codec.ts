import { deserialize, serialize } from 'node:v8'
import type { Cell } from '../../../../shared/cells'

/** How a batch of rows is stored as bytes: JSON (fastest for driver rows) or V8 serialisation. */
export type BatchEncoding = 'json' | 'v8'

/**
 * JSON is about twice as fast as v8.serialize on the strings drivers produce, but turns NaN and ±Infinity into
 * null; a batch holding one of those is stored with v8.serialize instead, so no value changes.
 */
export function encodeBatch(batch: Cell[][]): { buf: Buffer; encoding: BatchEncoding } {
  for (const row of batch) for (const v of row) if (typeof v === 'number' && !Number.isFinite(v)) return { buf: serialize(batch), encoding: 'v8' }
  return { buf: Buffer.from(JSON.stringify(batch)), encoding: 'json' }
}

export function decodeBatch(buf: Uint8Array, encoding: BatchEncoding): Cell[][] {
  if (encoding === 'json') return JSON.parse(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8')) as Cell[][]
  return deserialize(buf) as Cell[][]
}

/** The same decoder as source for the spill worker, which cannot import modules. */
export const decodeBatchSource = `function decodeBatch(buf, encoding) {
  if (encoding === 'json') return JSON.parse(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8'))
  return require('node:v8').deserialize(buf)
}`
