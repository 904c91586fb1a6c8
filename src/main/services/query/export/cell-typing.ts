import type { Cell, ColumnMeta } from '../../../../shared/cells'
import { duckdbList, postgresArray, readListText } from './list-text'

/**
 * How export files type the cells (see ../../../../shared/cells.ts for what arrives): a cell that is already a number
 * or a boolean stays one; text is typed by its column kind only when that is exact, otherwise it stays text.
 *
 * JSON / JSON Lines (`jsonCell`):
 * - numbers and booleans as JSON numbers and booleans; NaN/±Infinity (text cells) stay strings;
 * - `bigint`: a safe integer (|n| ≤ 2^53 − 1) as a number, beyond that the exact digits as a string;
 * - `decimal`: always a string with the exact digits (a column keeps one JSON type; JSON readers parse numbers into doubles);
 * - `json`: the parsed value when the text is valid JSON, else the text;
 * - `array`: PostgreSQL `{1,NULL,3}` and DuckDB `[1, 2, NULL]` as JSON arrays, elements typed by the element type by
 *   the same rules (numeric elements as strings; unknown element types as their text); text that does not parse stays text;
 * - everything else (dates, timestamps, intervals, uuids, binary hex, structs, maps) as the text the grid shows.
 */
export function jsonCell(value: Cell, column: ColumnMeta | undefined): unknown {
  if (typeof value !== 'string' || !column) return value
  switch (column.kind) {
    case 'json':
      return parseJson(value)
    case 'bigint':
      return safeInteger(value) ?? value
    case 'array': {
      const parsed = parseArray(value, column.dbType)
      return parsed === undefined ? value : parsed
    }
    default:
      return value
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

const INTEGER = /^-?\d+$/
function safeInteger(text: string): number | undefined {
  if (!INTEGER.test(text)) return undefined
  const n = Number(text)
  return Number.isSafeInteger(n) ? n : undefined
}

/** An array cell as a JSON array, or undefined when the text is not an array this can read exactly. */
export function parseArray(text: string, dbType: string): unknown[] | undefined {
  const element = dbType.replace(/(\s*\[\d*\])+$/, '').trim().toLowerCase()
  const typed = elementTyper(element)
  // array kinds print as `{…}` (PostgreSQL) or `[…]` (DuckDB lists and arrays); DuckDB structs and maps are not arrays
  if (text.startsWith('{')) {
    // box[] is the one builtin type whose array delimiter is ';'
    if (element === 'box') return undefined
    return readListText(text, postgresArray, typed)
  }
  if (text.startsWith('[')) return readListText(text, duckdbList, typed)
  return undefined
}

/** Element text (null for NULL) to a JSON value, by the element type's name (PostgreSQL or DuckDB spelling). */
function elementTyper(element: string): (text: string) => unknown {
  if (/^(smallint|integer|int|int2|int4|oid|tinyint|utinyint|usmallint|uinteger|real|float4?|float8|double( precision)?)$/.test(element)) {
    return (t) => {
      const n = Number(t)
      return t.trim() !== '' && Number.isFinite(n) ? n : t
    }
  }
  if (/^(bigint|int8|ubigint|hugeint|uhugeint)$/.test(element)) return (t) => safeInteger(t) ?? t
  if (element === 'boolean' || element === 'bool') return (t) => (t === 't' || t === 'true' ? true : t === 'f' || t === 'false' ? false : t)
  if (element === 'json' || element === 'jsonb') return parseJson
  return (t) => t
}

/** One XLSX cell: its value, a number format for dates, and why a value of a typed column stayed text. */
export interface XlsxCell {
  value: string | number | boolean | Date | null
  numFmt?: string
  /** Set when the column's kind is a number or a date but this value had to stay text to stay exact. */
  keptAsText?: string
}

/**
 * XLSX cells (`xlsxCell`):
 * - numbers and booleans as Excel numbers and booleans;
 * - `bigint` text: a number when a safe integer, else text (Excel holds 15 significant digits);
 * - `decimal` text: a number when it has at most 15 significant digits (then the double prints back the same digits),
 *   else text;
 * - `date` / `datetime`: an Excel date (number format `yyyy-mm-dd`, `yyyy-mm-dd hh:mm:ss`, `.000` when there are
 *   milliseconds) holding the wall-clock time exactly as the database printed it: no time-zone conversion; an offset
 *   the value was printed with (`+02`, `Z`) is kept as literal text in the number format. Text stays text when Excel
 *   cannot hold it exactly: BC dates, infinity, zero dates, years past 9999, days before 1900-03-01 (Excel's 1900 leap
 *   year bug), sub-millisecond digits;
 * - everything else (times, intervals, JSON, arrays, uuids) as text.
 */
export function xlsxCell(value: Cell, column: ColumnMeta | undefined): XlsxCell {
  if (typeof value !== 'string' || !column) return { value }
  switch (column.kind) {
    case 'bigint': {
      const n = safeInteger(value)
      return n !== undefined ? { value: n } : { value, keptAsText: INTEGER.test(value) ? 'integers beyond 2^53 are kept as text to stay exact' : undefined }
    }
    case 'decimal': {
      const n = exactDecimal(value)
      return n !== undefined ? { value: n } : { value, keptAsText: DECIMAL.test(value) ? 'decimals with more than 15 significant digits are kept as text to stay exact' : undefined }
    }
    case 'date':
    case 'datetime': {
      const d = excelDate(value, column.kind)
      return typeof d === 'string' ? { value, keptAsText: d } : d
    }
    default:
      return { value }
  }
}

const DECIMAL = /^-?(\d+)(?:\.(\d+))?$/
function exactDecimal(text: string): number | undefined {
  const m = DECIMAL.exec(text)
  if (!m) return undefined
  const digits = `${m[1]}${m[2] ?? ''}`.replace(/^0+/, '').replace(/0+$/, '')
  if (digits.length > 15) return undefined
  const n = Number(text)
  return Number.isFinite(n) ? (Object.is(n, -0) ? 0 : n) : undefined
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2}){0,2})?$/

/** An Excel date for the text, or why it stays text. */
function excelDate(text: string, kind: 'date' | 'datetime'): { value: Date; numFmt: string } | string {
  const m = DATE_TIME.exec(text)
  if (!m) return 'dates Excel cannot hold (BC, infinity, zero dates, other forms) are kept as text'
  const [, y, mo, d, h, mi, s, frac = '', offset] = m
  if (/[1-9]/.test(frac.slice(3))) return 'timestamps with microseconds are kept as text (Excel holds milliseconds)'
  const year = Number(y)
  const month = Number(mo)
  if (year > 9999 || year < 1900 || (year === 1900 && month < 3)) return 'dates before 1900-03-01 or after 9999 are kept as text (outside Excel dates)'
  const ms = Number(frac.slice(0, 3).padEnd(3, '0'))
  const date = new Date(Date.UTC(year, month - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== Number(d) || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) {
    return 'dates Excel cannot hold (BC, infinity, zero dates, other forms) are kept as text'
  }
  const hasTime = h !== undefined
  if (kind === 'date' && !hasTime && !offset) return { value: date, numFmt: 'yyyy-mm-dd' }
  const numFmt = `yyyy-mm-dd hh:mm:ss${ms ? '.000' : ''}${offset ? `"${offset}"` : ''}`
  return { value: date, numFmt }
}
