import type { ImportFormat } from '../../../shared/contract/import'
import type { z } from 'zod'
import type { ImportReadOptions } from '../../../shared/contract/import'
import { delimitedRows, delimitedSettings } from './csv-reader'
import { formatOf, type TextEncoding } from './detect'
import { typeOfValue } from './infer'
import { jsonItems, jsonLines, keysOf } from './json-reader'
import { batched, peek } from './peek'
import { xlsxRows } from './xlsx-reader'

export type ReadOptions = z.infer<typeof ImportReadOptions>

/** A row of the source, or why a record cannot be one (rejected with that reason). */
export type SourceRow = unknown[] | Error

/** An opened source file: how it is read, its column names, and its data rows (the header row left out). */
export interface Source {
  format: ImportFormat
  delimiter: string | null
  encoding: TextEncoding | null
  header: boolean
  sheets: string[]
  columns: string[]
  /** The first rows, read ahead for detection and inference (data rows only). */
  sample: unknown[][]
  /** In batches. */
  rows: AsyncIterable<SourceRow[]>
  close(): Promise<void>
}

/** Rows read ahead to detect the header and infer types. */
export const SAMPLE_ROWS = 1000

/** A first row of distinct, non-empty texts that are not numbers, booleans, dates or JSON: a header. */
export function looksLikeHeader(first: readonly unknown[] | undefined): boolean {
  if (!first?.length) return false
  const names = first.map((v) => (typeof v === 'string' ? v.trim() : null))
  if (names.some((n) => !n || typeOfValue(n) !== 'text')) return false
  return new Set(names.map((n) => n!.toLowerCase())).size === names.length
}

/** Opens the file at `path` (named `name`, for its extension) with the options given, detecting the rest. */
export async function openSource(path: string, name: string, options: ReadOptions): Promise<Source> {
  const format = options.format ?? formatOf(name)
  if (format === 'json' || format === 'jsonl') {
    const items: AsyncIterable<unknown[]> = format === 'json' ? chunks(jsonItems(path)) : batched(jsonLines(path))
    const p = await peek(items, SAMPLE_ROWS)
    const arrays = p.head.length > 0 && p.head.every((v) => Array.isArray(v) || v instanceof Error)
    if (arrays) return tabular(format, null, null, [], p as { head: SourceRow[]; rest: AsyncIterable<SourceRow[]>; close(): Promise<void> }, options.header)
    const columns = keysOf(p.head)
    const toRow = (item: unknown): SourceRow =>
      item instanceof Error ? item : item && typeof item === 'object' && !Array.isArray(item) ? columns.map((k) => (item as Record<string, unknown>)[k] ?? null) : new Error('not a JSON object')
    const sample = p.head.map(toRow).filter((r): r is unknown[] => Array.isArray(r))
    return {
      format,
      delimiter: null,
      encoding: null,
      header: true,
      sheets: [],
      columns,
      sample,
      rows: mapAsync(p.rest, toRow),
      close: p.close
    }
  }
  if (format === 'xlsx') {
    const sheets: string[] = []
    const p = await peek(batched(xlsxRows(path, options.sheet, sheets)), SAMPLE_ROWS + 1)
    return tabular(format, null, null, sheets, p, options.header)
  }
  const { encoding, delimiter } = delimitedSettings(path, { delimiter: options.delimiter, encoding: options.encoding, tsv: format === 'tsv' })
  const records = delimitedRows(path, encoding, delimiter)
  const p = await peek<unknown[]>(records.rows, SAMPLE_ROWS + 1)
  const source = tabular(format, delimiter, encoding, [], p, options.header)
  return { ...source, close: async () => records.destroy() }
}

/** Rows of values (CSV, XLSX, JSON arrays): header detected from the first row, width from the sample. */
function tabular(
  format: ImportFormat,
  delimiter: string | null,
  encoding: TextEncoding | null,
  sheets: string[],
  p: { head: SourceRow[]; rest: AsyncIterable<SourceRow[]>; close(): Promise<void> },
  header: boolean | undefined
): Source {
  const first = Array.isArray(p.head[0]) ? p.head[0] : undefined
  const hasHeader = header ?? looksLikeHeader(first)
  const body = (hasHeader ? p.head.slice(1) : p.head).filter((r): r is unknown[] => Array.isArray(r))
  const width = hasHeader ? (first?.length ?? 0) : Math.max(0, ...body.map((r) => r.length))
  const columns = uniqueNames(Array.from({ length: width }, (_, i) => (hasHeader && first?.[i] != null && String(first[i]).trim() ? String(first[i]).trim() : `column${i + 1}`)))
  let skip = hasHeader
  const rows = mapAsync(p.rest, (r: SourceRow): SourceRow | undefined => {
    if (skip) {
      skip = false
      return undefined
    }
    if (!Array.isArray(r)) return r
    if (r.length > width) {
      if (r.slice(width).some((v) => v !== null && v !== undefined && v !== '')) return new Error(`${r.length} fields where the file has ${width} columns`)
      return r.slice(0, width)
    }
    return r.length < width ? [...r, ...Array<null>(width - r.length).fill(null)] : r
  })
  return { format, delimiter, encoding, header: hasHeader, sheets, columns, sample: body.map((r) => (r.length < width ? [...r, ...Array<null>(width - r.length).fill(null)] : r.slice(0, width))), rows, close: p.close }
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>()
  return names.map((n) => {
    const key = n.toLowerCase()
    const count = seen.get(key) ?? 0
    seen.set(key, count + 1)
    return count ? `${n}_${count + 1}` : n
  })
}

async function* chunks<T>(items: T[], size = 10_000): AsyncGenerator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size)
}

/** Each batch mapped row by row (undefined: the row is left out). */
async function* mapAsync<T, U>(source: AsyncIterable<T[]>, f: (v: T) => U | undefined): AsyncGenerator<U[]> {
  for await (const batch of source) {
    const out: U[] = []
    for (const v of batch) {
      const u = f(v)
      if (u !== undefined) out.push(u)
    }
    if (out.length) yield out
  }
}
