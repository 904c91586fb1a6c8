import { deserialize, serialize } from 'node:v8'
import type { Cell } from '../../../shared/cells'
import type { StatementSink } from './types'
import { columnBatchSource, decodeColumnBatch } from './column-batch'

/**
 * How a batch of rows is stored: JSON text (fastest to make from rows here), V8 serialisation (rows holding NaN or
 * ±Infinity), or a column batch (column-batch.ts: what the SQLite worker and the DuckDB driver make).
 */
export type BatchEncoding = 'json' | 'v8' | 'columns'

/**
 * Rows already encoded, as a result stores them: JSON text, or V8 bytes. A driver that can produce the text where
 * the rows are read (the SQLite worker process) hands it over as it is, so the main process never touches a value.
 */
export interface EncodedRows {
  count: number
  data: string | Uint8Array
  encoding: BatchEncoding
}

/**
 * JSON is about twice as fast as v8.serialize on the strings drivers produce, but turns NaN and ±Infinity into
 * null; a batch holding one of those is stored with v8.serialize instead, so no value changes. JSON stays a string:
 * a one-byte string is as compact as its bytes and costs the garbage collector nothing to keep.
 */
export function encodeBatch(batch: Cell[][]): EncodedRows {
  for (const row of batch) for (const v of row) if (typeof v === 'number' && !Number.isFinite(v)) return { count: batch.length, data: serialize(batch), encoding: 'v8' }
  return { count: batch.length, data: JSON.stringify(batch), encoding: 'json' }
}

export function decodeBatch(data: string | Uint8Array, encoding: BatchEncoding): Cell[][] {
  if (encoding === 'v8') return deserialize(data as Uint8Array) as Cell[][]
  if (encoding === 'columns') return decodeColumnBatch(data as Uint8Array)
  return JSON.parse(typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')) as Cell[][]
}

/** The bytes to write to a file. */
export function batchBytes(data: string | Uint8Array): Buffer {
  return typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
}

/** The same decoder as source for the spill worker, which cannot import modules. */
export const decodeBatchSource = `${columnBatchSource}
function decodeBatch(data, encoding) {
  if (encoding === 'v8') return require('node:v8').deserialize(data)
  if (encoding === 'columns') return decodeColumnBatch(data)
  return JSON.parse(typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'))
}`

/** Hands encoded rows to a sink: as they are when it takes them so (the result store), decoded otherwise. */
export function deliverEncoded(sink: StatementSink, batch: EncodedRows): void | Promise<void> {
  return sink.encodedRows ? sink.encodedRows(batch) : sink.rows(decodeBatch(batch.data, batch.encoding))
}
