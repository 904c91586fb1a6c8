import type { ImportColumnType } from '../../../shared/contract/import'

/** What one value looks like: a column type, or null for an empty value. */
export type ValueType = ImportColumnType | null

const INT = /^[-+]?\d+$/
const DECIMAL = /^[-+]?(?:\d+\.\d*|\.\d+)$/
const FLOAT = /^[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+$/
const BOOL = /^(?:true|false)$/i
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/
const INT32 = 2_147_483_647n
const INT64 = 9_223_372_036_854_775_807n

export function isIntegerText(s: string): boolean {
  return INT.test(s)
}
const NUMERIC = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/
export function isNumericText(s: string): boolean {
  return NUMERIC.test(s)
}
export function isDateText(s: string): boolean {
  const m = DATE.exec(s)
  return !!m && validDate(+m[1]!, +m[2]!, +m[3]!)
}
export function isTimestampText(s: string): boolean {
  const m = TIMESTAMP.exec(s)
  return !!m && validDate(+m[1]!, +m[2]!, +m[3]!) && +m[4]! < 24 && +m[5]! < 60 && +(m[6] ?? 0) < 60
}
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  return d <= DAYS[m - 1]! + (leap ? 1 : 0)
}

/** Integer text's range: 'integer' (32-bit), 'bigint' (64-bit) or 'decimal' (wider). */
export function integerKind(s: string): 'integer' | 'bigint' | 'decimal' {
  // up to 9 digits is always 32-bit: no BigInt
  if (s.length <= 9 || (s.length === 10 && (s.charCodeAt(0) === 45 || s.charCodeAt(0) === 43))) return 'integer'
  const v = BigInt(s.replace(/^\+/, ''))
  const a = v < 0n ? -v : v
  if (a <= INT32) return 'integer'
  return a <= INT64 ? 'bigint' : 'decimal'
}

/** The type one value suggests. Text is trimmed; empty text is null. */
export function typeOfValue(v: unknown): ValueType {
  if (v === null || v === undefined) return null
  if (typeof v === 'boolean') return 'boolean'
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'float'
    if (Number.isInteger(v)) return Math.abs(v) <= 2_147_483_647 ? 'integer' : Number.isSafeInteger(v) ? 'bigint' : 'float'
    return 'float'
  }
  if (typeof v === 'bigint') return integerKind(String(v))
  if (v instanceof Date) return isMidnight(v) ? 'date' : 'timestamp'
  if (typeof v === 'object') return 'json'
  const s = String(v).trim()
  if (s === '') return null
  if (INT.test(s)) return integerKind(s)
  if (DECIMAL.test(s)) return 'decimal'
  if (FLOAT.test(s)) return 'float'
  if (BOOL.test(s)) return 'boolean'
  if (isDateText(s)) return 'date'
  if (isTimestampText(s)) return 'timestamp'
  if ((s[0] === '{' && s.endsWith('}')) || (s[0] === '[' && s.endsWith(']'))) {
    try {
      JSON.parse(s)
      return 'json'
    } catch {
      return 'text'
    }
  }
  return 'text'
}

export function isMidnight(d: Date): boolean {
  return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0
}

const NUMERIC_RANK: Partial<Record<ImportColumnType, number>> = { integer: 0, bigint: 1, decimal: 2, float: 3 }

/** The narrowest type that holds both: numbers widen (integer, bigint, decimal, float), a date widens to a timestamp, anything else mixed is text. */
export function widen(a: ValueType, b: ValueType): ValueType {
  if (a === null) return b
  if (b === null || a === b) return a
  const ra = NUMERIC_RANK[a]
  const rb = NUMERIC_RANK[b]
  if (ra !== undefined && rb !== undefined) return ra > rb ? a : b
  if ((a === 'date' && b === 'timestamp') || (a === 'timestamp' && b === 'date')) return 'timestamp'
  return 'text'
}

/** Per-column inference over sample rows: the widened type (text when a column has no value) and its empty count. */
export class ColumnInference {
  private types: ValueType[] = []
  private nulls: number[] = []
  /** Decimal columns: the most digits before and after the point seen. */
  private digits: { int: number; scale: number }[] = []

  add(row: readonly unknown[]): void {
    for (let i = 0; i < row.length; i++) {
      const t = typeOfValue(row[i])
      if (t === null) this.nulls[i] = (this.nulls[i] ?? 0) + 1
      this.types[i] = widen(this.types[i] ?? null, t)
      if (t === 'decimal' || t === 'integer' || t === 'bigint') {
        const s = String(row[i]).trim().replace(/^[-+]/, '')
        const [whole = '', frac = ''] = s.split('.')
        const d = (this.digits[i] ??= { int: 0, scale: 0 })
        d.int = Math.max(d.int, whole.replace(/^0+(?=\d)/, '').length)
        d.scale = Math.max(d.scale, frac.length)
      }
    }
  }

  result(width: number): { type: ImportColumnType; nulls: number; precision?: number; scale?: number }[] {
    return Array.from({ length: width }, (_, i) => {
      const d = this.digits[i]
      // the sample is the first rows only: integers already within a digit of 32 bits are proposed as 64-bit
      const type = this.types[i] === 'integer' && (d?.int ?? 0) >= 9 ? 'bigint' : (this.types[i] ?? 'text')
      return { type, nulls: this.nulls[i] ?? 0, ...(type === 'decimal' && d ? { precision: d.int + d.scale, scale: d.scale } : {}) }
    })
  }
}
