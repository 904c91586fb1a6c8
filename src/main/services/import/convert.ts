import type { ImportColumnType } from '../../../shared/contract/import'
import type { EngineFacts } from '../../../shared/engines/types'
import { integerKind, isDateText, isNumericText, isTimestampText } from './infer'

/** Why a value does not fit its column. */
export class Rejection {
  constructor(readonly reason: string) {}
}

/** A value ready for the target column: its canonical text (null for NULL), or a Rejection (no object per value). */
export type Converted = string | null | Rejection

const TRUE = new Set(['true', 't', 'yes', 'y', '1', 'on'])
const FALSE = new Set(['false', 'f', 'no', 'n', '0', 'off'])
const SPECIAL_FLOAT = new Set(['nan', 'infinity', '-infinity', '+infinity', 'inf', '-inf'])
const OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/

export interface ConvertOptions {
  /** Keep a timestamp's UTC offset (PostgreSQL timestamptz); otherwise a timestamp with one becomes UTC without. */
  keepOffset?: boolean
}

const show = (s: string): string => (s.length > 60 ? `'${s.slice(0, 57)}…'` : `'${s}'`)

/** One source value for a column of `type`: empty text and null are NULL (text keeps whitespace-only values). */
export function convert(v: unknown, type: ImportColumnType, options: ConvertOptions = {}): Converted {
  if (v === null || v === undefined) return null
  if (type === 'text') {
    if (typeof v === 'string') return v === '' ? null : v
    if (v instanceof Date) return isoTimestamp(v)
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v)
    return s === '' ? null : s
  }
  if (type === 'json') {
    if (typeof v === 'object' && !(v instanceof Date)) return JSON.stringify(v)
    const s = String(v).trim()
    if (s === '') return null
    try {
      JSON.parse(s)
      return s
    } catch {
      return new Rejection(`not JSON: ${show(s)}`)
    }
  }
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return new Rejection('an invalid date')
    if (type === 'date') return v.toISOString().slice(0, 10)
    if (type === 'timestamp') return isoTimestamp(v)
    return new Rejection(`a date where the column is ${type}`)
  }
  const s = typeof v === 'boolean' ? String(v) : String(v).trim()
  if (s === '') return null
  switch (type) {
    case 'integer':
    case 'bigint': {
      const t = typeof v === 'number' && Number.isInteger(v) ? BigInt(v).toString() : s
      if (!/^[-+]?\d+$/.test(t)) return new Rejection(`not an integer: ${show(s)}`)
      const kind = integerKind(t)
      if (kind === 'decimal' || (type === 'integer' && kind === 'bigint')) return new Rejection(`out of range for ${type}: ${show(s)}`)
      return t.replace(/^\+/, '')
    }
    case 'decimal':
    case 'float': {
      if (typeof v === 'number') return Number.isFinite(v) || type === 'float' ? String(v) : new Rejection(`not a number: ${show(s)}`)
      if (isNumericText(s)) return s.replace(/^\+/, '')
      if (type === 'float' && SPECIAL_FLOAT.has(s.toLowerCase())) return s
      return new Rejection(`not a number: ${show(s)}`)
    }
    case 'boolean': {
      const l = s.toLowerCase()
      if (TRUE.has(l)) return 'true'
      if (FALSE.has(l)) return 'false'
      return new Rejection(`not a boolean: ${show(s)}`)
    }
    case 'date':
      if (isDateText(s)) return s
      if (isTimestampText(s) && /[ T]00:00(?::00(?:\.0+)?)?$/.test(s)) return s.slice(0, 10)
      return new Rejection(`not a date (YYYY-MM-DD): ${show(s)}`)
    case 'timestamp': {
      if (s.length === 10) return isDateText(s) ? `${s} 00:00:00` : new Rejection(`not a timestamp (YYYY-MM-DD hh:mm:ss): ${show(s)}`)
      if (!isTimestampText(s)) return new Rejection(`not a timestamp (YYYY-MM-DD hh:mm:ss): ${show(s)}`)
      const t = s.charCodeAt(10) === 84 ? s.replace('T', ' ') : s
      // no offset: 19 characters, or a fraction after them
      if (t.length === 19 || !OFFSET.test(t) || options.keepOffset) return t
      const d = new Date(t.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
      return Number.isNaN(d.getTime()) ? new Rejection(`not a timestamp: ${show(s)}`) : isoTimestamp(d)
    }
  }
}

/** A Date as `YYYY-MM-DD hh:mm:ss[.fff]` in UTC. */
function isoTimestamp(d: Date): string {
  const iso = d.toISOString().replace('T', ' ').replace('Z', '')
  return iso.endsWith('.000') ? iso.slice(0, -4) : iso
}

/** The converted value as an SQL literal of the engine. */
export function literal(text: string | null, type: ImportColumnType, facts: EngineFacts): string {
  if (text === null) return 'NULL'
  switch (type) {
    case 'integer':
    case 'bigint':
    case 'decimal':
      return text
    case 'float':
      return /^-?[\d.]/.test(text) ? text : facts.stringValue(text)
    case 'boolean':
      return facts.booleanLiteral(text === 'true')
    default:
      return facts.stringValue(text)
  }
}

/** The converted value as a CSV field for COPY … (FORMAT csv): NULL unquoted and empty, everything else quoted. */
export function csvField(text: string | null): string {
  if (text === null) return ''
  return `"${text.replaceAll('"', '""')}"`
}
