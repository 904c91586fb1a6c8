import {
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBGeometryValue,
  DuckDBIntervalValue,
  DuckDBTimeNSValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTimeTZValue,
  DuckDBTimeValue,
  DuckDBTypeId,
  type DuckDBType,
  type DuckDBValue
} from '@duckdb/node-api'
import type { Cell, CellKind, ColumnMeta } from '../../../../shared/cells'
import { binaryToHex, floatToCell } from '../../drivers/normalise'

/** What a DuckDB column type becomes in the grid (see `Cell` in src/shared/cells.ts). */
export function duckKind(type: DuckDBType): CellKind {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return 'boolean'
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return 'number'
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return 'bigint'
    case DuckDBTypeId.DECIMAL:
      return 'decimal'
    case DuckDBTypeId.VARCHAR:
      return type.alias?.toUpperCase() === 'JSON' ? 'json' : 'text'
    case DuckDBTypeId.ENUM:
    case DuckDBTypeId.BIT:
      return 'text'
    case DuckDBTypeId.DATE:
      return 'date'
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_NS:
    case DuckDBTypeId.TIME_TZ:
      return 'time'
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'datetime'
    case DuckDBTypeId.BLOB:
      return 'binary'
    case DuckDBTypeId.UUID:
      return 'uuid'
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return 'array'
    case DuckDBTypeId.STRUCT:
    case DuckDBTypeId.MAP:
    case DuckDBTypeId.UNION:
    case DuckDBTypeId.VARIANT:
      return 'json'
    default:
      return 'other'
  }
}

/** The type as DuckDB spells it; JSON is a VARCHAR alias. */
export function duckTypeName(type: DuckDBType): string {
  return type.alias ?? type.toString()
}

export function columnMeta(name: string, type: DuckDBType): ColumnMeta {
  return { name, dbType: duckTypeName(type), kind: duckKind(type) }
}

const pad = (n: number | bigint, width = 2): string => String(n).padStart(width, '0')

/** Civil date of a day count since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm). */
function civilDate(days: number): { year: number; month: number; day: number } {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day }
}

/** ISO dates for years 1–9999; other years as DuckDB prints them (e.g. `0045-03-15 (BC)`). */
function isoDate(days: number, fallback: () => string): string {
  const { year, month, day } = civilDate(days)
  return year >= 1 && year <= 9999 ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : fallback()
}

/** `HH:MM:SS` plus the fraction without trailing zeros; `fraction` is in units of 10^-digits seconds. */
function clock(seconds: number, fraction: bigint, digits: number): string {
  const hms = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`
  return fraction === 0n ? hms : `${hms}.${pad(fraction, digits).replace(/0+$/, '')}`
}

/** A point in time counted in `perSecond` units since the epoch, as an ISO-8601 local date-time. */
function isoTimestamp(ticks: bigint, perSecond: bigint, digits: number, fallback: () => string): string {
  const perDay = perSecond * 86400n
  let days = ticks / perDay
  let rest = ticks % perDay
  if (rest < 0n) {
    days -= 1n
    rest += perDay
  }
  const date = isoDate(Number(days), () => '')
  if (!date) return fallback()
  return `${date}T${clock(Number(rest / perSecond), rest % perSecond, digits)}`
}

/** ISO-8601 duration, each component with its own sign as DuckDB keeps them: `P1Y2M3DT4H5M6.7S`. */
function isoInterval(v: DuckDBIntervalValue): string {
  const years = Math.trunc(v.months / 12)
  const months = v.months % 12
  const negative = v.micros < 0n
  const micros = negative ? -v.micros : v.micros
  const sign = negative ? '-' : ''
  const hours = micros / 3_600_000_000n
  const minutes = (micros / 60_000_000n) % 60n
  const seconds = micros % 60_000_000n
  const secondsText = seconds % 1_000_000n === 0n ? String(seconds / 1_000_000n) : `${seconds / 1_000_000n}.${pad(seconds % 1_000_000n, 6).replace(/0+$/, '')}`
  const date = `${years ? `${years}Y` : ''}${months ? `${months}M` : ''}${v.days ? `${v.days}D` : ''}`
  const time = `${hours ? `${sign}${hours}H` : ''}${minutes ? `${sign}${minutes}M` : ''}${seconds ? `${sign}${secondsText}S` : ''}`
  return date || time ? `P${date}${time ? `T${time}` : ''}` : 'PT0S'
}

function offsetText(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+'
  const abs = Math.abs(offsetSeconds)
  return `${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`
}

function infinite(ticks: bigint, positive: bigint): string | null {
  if (ticks === positive) return 'infinity'
  if (ticks === -positive) return '-infinity'
  return null
}

/** FLOAT arrives widened to a double: print the shortest decimal that reads back as the same float. */
function floatCell(value: number): Cell {
  if (!Number.isFinite(value)) return floatToCell(value)
  for (let p = 1; p <= 9; p++) {
    const shortest = Number(value.toPrecision(p))
    if (Math.fround(shortest) === value) return shortest
  }
  return value
}

/** Scalars as cells: exact integers and decimals as text, times as ISO-8601, binary as `\x` hex. */
function scalarCell(value: Exclude<DuckDBValue, null>, type: DuckDBType): Cell {
  if (typeof value === 'boolean' || typeof value === 'string') return value
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') return type.typeId === DuckDBTypeId.FLOAT ? floatCell(value) : floatToCell(value)
  if (value instanceof DuckDBDecimalValue) return value.toString()
  if (value instanceof DuckDBDateValue) {
    if (value.days === DuckDBDateValue.PosInf.days) return 'infinity'
    if (value.days === DuckDBDateValue.NegInf.days) return '-infinity'
    return isoDate(value.days, () => value.toString())
  }
  if (value instanceof DuckDBTimestampTZValue) {
    const text = infinite(value.micros, DuckDBTimestampTZValue.PosInf.micros) ?? isoTimestamp(value.micros, 1_000_000n, 6, () => '')
    if (text === 'infinity' || text === '-infinity') return text
    return text ? `${text}Z` : value.toString()
  }
  if (value instanceof DuckDBTimestampValue) {
    return infinite(value.micros, DuckDBTimestampValue.PosInf.micros) ?? isoTimestamp(value.micros, 1_000_000n, 6, () => value.toString())
  }
  if (value instanceof DuckDBTimestampSecondsValue) {
    return infinite(value.seconds, DuckDBTimestampSecondsValue.PosInf.seconds) ?? isoTimestamp(value.seconds, 1n, 0, () => value.toString())
  }
  if (value instanceof DuckDBTimestampMillisecondsValue) {
    return infinite(value.millis, DuckDBTimestampMillisecondsValue.PosInf.millis) ?? isoTimestamp(value.millis, 1000n, 3, () => value.toString())
  }
  if (value instanceof DuckDBTimestampNanosecondsValue) {
    return infinite(value.nanos, DuckDBTimestampNanosecondsValue.PosInf.nanos) ?? isoTimestamp(value.nanos, 1_000_000_000n, 9, () => value.toString())
  }
  if (value instanceof DuckDBTimeValue) return clock(Number(value.micros / 1_000_000n), value.micros % 1_000_000n, 6)
  if (value instanceof DuckDBTimeNSValue) return clock(Number(value.nanos / 1_000_000_000n), value.nanos % 1_000_000_000n, 9)
  if (value instanceof DuckDBTimeTZValue) return clock(Number(value.micros / 1_000_000n), value.micros % 1_000_000n, 6) + offsetText(value.offset)
  if (value instanceof DuckDBIntervalValue) return isoInterval(value)
  if (value instanceof DuckDBBlobValue || value instanceof DuckDBGeometryValue) return binaryToHex(value.bytes)
  // UUID, BIT, and anything newer print as DuckDB prints them
  return String(value)
}

/** Nested values (LIST, ARRAY, STRUCT, MAP, UNION) as JSON text; numbers stay exact because the text is written here. */
function jsonText(value: DuckDBValue, type: DuckDBType): string {
  if (value === null) return 'null'
  switch (type.typeId) {
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const items = (value as { items: readonly DuckDBValue[] }).items
      return `[${items.map((item) => jsonText(item, type.valueType)).join(', ')}]`
    }
    case DuckDBTypeId.STRUCT: {
      const entries = (value as { entries: Readonly<Record<string, DuckDBValue>> }).entries
      return `{${type.entryNames.map((name, i) => `${JSON.stringify(name)}: ${jsonText(entries[name] ?? null, type.entryTypes[i]!)}`).join(', ')}}`
    }
    case DuckDBTypeId.MAP: {
      const entries = (value as { entries: { key: DuckDBValue; value: DuckDBValue }[] }).entries
      return `{${entries.map((e) => `${JSON.stringify(String(e.key === null ? null : scalarOrJson(e.key, type.keyType)))}: ${jsonText(e.value, type.valueType)}`).join(', ')}}`
    }
    case DuckDBTypeId.UNION: {
      const union = value as { tag: string; value: DuckDBValue }
      return jsonText(union.value, type.memberTypeForTag(union.tag))
    }
    case DuckDBTypeId.VARIANT:
      return JSON.stringify(String(value))
    case DuckDBTypeId.VARCHAR:
      // a JSON value nested in a list or struct is already JSON text
      return type.alias?.toUpperCase() === 'JSON' ? String(value) : JSON.stringify(value)
  }
  const cell = scalarCell(value, type)
  const exactNumber = duckKind(type) === 'bigint' || duckKind(type) === 'decimal'
  if (typeof cell === 'boolean' || typeof cell === 'number' || exactNumber) return String(cell)
  return JSON.stringify(cell)
}

function scalarOrJson(value: Exclude<DuckDBValue, null>, type: DuckDBType): Cell {
  return duckKind(type) === 'array' || duckKind(type) === 'json' ? jsonText(value, type) : scalarCell(value, type)
}

/** One DuckDB value as a grid cell. */
export function toCell(value: DuckDBValue, type: DuckDBType): Cell {
  if (value === null) return null
  if (type.typeId === DuckDBTypeId.VARCHAR) return value as string
  return scalarOrJson(value, type)
}
