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
      return 'other'
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

/** FLOAT arrives widened to a double: print the shortest decimal that reads back as the same float. */
function floatCell(value: number): Cell {
  if (!Number.isFinite(value)) return floatToCell(value)
  for (let p = 1; p <= 9; p++) {
    const shortest = Number(value.toPrecision(p))
    if (Math.fround(shortest) === value) return shortest
  }
  return value
}

/** The sentinel days/ticks of ±infinity, which the value classes would print as far-off dates. */
function infinite(ticks: bigint | number, positive: bigint | number): string | null {
  if (ticks === positive) return 'infinity'
  if (ticks === -positive) return '-infinity'
  return null
}

/** A temporal value's text as DuckDB prints it (`2024-01-02 03:04:05.5`, `0044-03-15 (BC)`, `1 day 02:00:00`), or null. */
function temporalText(value: Exclude<DuckDBValue, null>): string | null {
  if (value instanceof DuckDBDateValue) return infinite(value.days, DuckDBDateValue.PosInf.days) ?? value.toString()
  if (value instanceof DuckDBTimestampTZValue) return infinite(value.micros, DuckDBTimestampTZValue.PosInf.micros) ?? value.toString()
  if (value instanceof DuckDBTimestampValue) return infinite(value.micros, DuckDBTimestampValue.PosInf.micros) ?? value.toString()
  if (value instanceof DuckDBTimestampSecondsValue) return infinite(value.seconds, DuckDBTimestampSecondsValue.PosInf.seconds) ?? value.toString()
  if (value instanceof DuckDBTimestampMillisecondsValue) return infinite(value.millis, DuckDBTimestampMillisecondsValue.PosInf.millis) ?? value.toString()
  if (value instanceof DuckDBTimestampNanosecondsValue) return infinite(value.nanos, DuckDBTimestampNanosecondsValue.PosInf.nanos) ?? value.toString()
  if (value instanceof DuckDBTimeValue || value instanceof DuckDBTimeNSValue || value instanceof DuckDBTimeTZValue || value instanceof DuckDBIntervalValue) {
    return value.toString()
  }
  return null
}

/**
 * Scalars as cells: numbers that fit a double stay numbers (sortable); everything else is the text the duckdb CLI
 * prints: exact integers and decimals, dates and times, intervals (`1 day 02:00:00`). Binary is `\x` hex.
 */
function scalarCell(value: Exclude<DuckDBValue, null>, type: DuckDBType): Cell {
  if (typeof value === 'boolean' || typeof value === 'string') return value
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') return type.typeId === DuckDBTypeId.FLOAT ? floatCell(value) : floatToCell(value)
  if (value instanceof DuckDBBlobValue || value instanceof DuckDBGeometryValue) return binaryToHex(value.bytes)
  // DECIMAL, UUID, BIT, and anything newer print as DuckDB prints them
  return temporalText(value) ?? String(value)
}

/** A double inside a nested value, as DuckDB writes it: `1.0`, `1e+20`, `1e-05`, `nan`, `inf`. */
function nestedDouble(value: number): string {
  if (Number.isNaN(value)) return 'nan'
  if (!Number.isFinite(value)) return value < 0 ? '-inf' : 'inf'
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0'
  const [mantissa, exp] = value.toExponential().split('e') as [string, string]
  const exponent = Number(exp)
  if (exponent < -4 || exponent >= 16) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`
  const fixed = String(value)
  return fixed.includes('.') ? fixed : `${fixed}.0`
}

/** The characters that make DuckDB quote a value written inside a LIST, STRUCT or MAP. */
const NEEDS_QUOTES = /["'(),:=[\]{}]/
const SPACE = /^[ \t\n\v\f\r]$/

/** Quoted (with `'` and `\` escaped by a backslash) exactly when DuckDB's nested-to-text cast would quote it. */
function quoteNested(text: string, always = false): string {
  const quote =
    always || text === '' || SPACE.test(text[0]!) || (text.length >= 2 && SPACE.test(text[text.length - 1]!)) || text.toLowerCase() === 'null' || NEEDS_QUOTES.test(text)
  return quote ? `'${text.replace(/['\\]/g, '\\$&')}'` : text
}

/** Nested values (LIST, ARRAY, STRUCT, MAP, UNION) as the duckdb CLI prints them: `[1, 2, NULL]`, `{'a': 1, 'b': x}`, `{k=v}`. */
function nestedText(value: DuckDBValue, type: DuckDBType): string {
  if (value === null) return 'NULL'
  switch (type.typeId) {
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const items = (value as { items: readonly DuckDBValue[] }).items
      return `[${items.map((item) => nestedText(item, type.valueType)).join(', ')}]`
    }
    case DuckDBTypeId.STRUCT: {
      const entries = (value as { entries: Readonly<Record<string, DuckDBValue>> }).entries
      // an unnamed struct (row(...)) prints as a tuple
      if (type.entryNames.every((name) => name === '')) return `(${type.entryNames.map((name, i) => nestedText(entries[name] ?? null, type.entryTypes[i]!)).join(', ')})`
      return `{${type.entryNames.map((name, i) => `${quoteNested(name, true)}: ${nestedText(entries[name] ?? null, type.entryTypes[i]!)}`).join(', ')}}`
    }
    case DuckDBTypeId.MAP: {
      const entries = (value as { entries: { key: DuckDBValue; value: DuckDBValue }[] }).entries
      return `{${entries.map((e) => `${nestedText(e.key, type.keyType)}=${nestedText(e.value, type.valueType)}`).join(', ')}}`
    }
    case DuckDBTypeId.UNION: {
      const union = value as { tag: string; value: DuckDBValue }
      return nestedText(union.value, type.memberTypeForTag(union.tag))
    }
    case DuckDBTypeId.VARCHAR:
      // JSON text goes in as it is
      return type.alias?.toUpperCase() === 'JSON' ? String(value) : quoteNested(value as string)
  }
  if (typeof value === 'number' && (type.typeId === DuckDBTypeId.DOUBLE || type.typeId === DuckDBTypeId.FLOAT)) return nestedDouble(value)
  // blobs as DuckDB writes them (`\x00ab`), not as the top-level hex cell
  if (value instanceof DuckDBBlobValue) return quoteNested(value.toString())
  return quoteNested(String(scalarCell(value, type)))
}

/** One DuckDB value as a grid cell. */
export function toCell(value: DuckDBValue, type: DuckDBType): Cell {
  if (value === null) return null
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
      return value as string
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
    case DuckDBTypeId.STRUCT:
    case DuckDBTypeId.MAP:
      return nestedText(value, type)
    case DuckDBTypeId.UNION: {
      const union = value as { tag: string; value: DuckDBValue }
      return toCell(union.value, type.memberTypeForTag(union.tag))
    }
  }
  return scalarCell(value, type)
}

/**
 * `toCell` for one column type, chosen once per result: the common types skip the per-value dispatch (the same
 * cells as toCell gives).
 */
export function cellConverter(type: DuckDBType): (value: DuckDBValue) => Cell {
  const kind = duckKind(type)
  if (type.typeId === DuckDBTypeId.VARCHAR || kind === 'boolean') return (value) => value as string | boolean | null
  if (kind === 'number' && type.typeId !== DuckDBTypeId.FLOAT) return (value) => (value === null ? null : floatToCell(value as number))
  if (kind === 'bigint' && type.typeId !== DuckDBTypeId.BIGNUM) return (value) => (value === null ? null : String(value))
  switch (type.typeId) {
    case DuckDBTypeId.DECIMAL:
      return (value) => (value === null ? null : decimalText((value as DuckDBDecimalValue).value, (value as DuckDBDecimalValue).scale))
    case DuckDBTypeId.DATE:
      return (value) => (value === null ? null : (dateText((value as DuckDBDateValue).days) ?? toCell(value, type)))
    case DuckDBTypeId.TIMESTAMP:
      return (value) => (value === null ? null : (timestampText((value as DuckDBTimestampValue).micros) ?? toCell(value, type)))
  }
  return (value) => toCell(value, type)
}

/** A DECIMAL as DuckDB prints it: every fractional digit of its scale (`1.50`, `-0.05`). */
export function decimalText(scaled: bigint, scale: number): string {
  if (scale === 0) return scaled.toString()
  const negative = scaled < 0n
  const digits = (negative ? -scaled : scaled).toString().padStart(scale + 1, '0')
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`
}

/** 0001-01-01 and 9999-12-31 as days since 1970-01-01: inside, JS dates print a date as DuckDB does. */
const FIRST_DAY = -719_162
const LAST_DAY = 2_932_896
const SAFE_MICROS = BigInt(Number.MAX_SAFE_INTEGER)

/** '00' to '99'. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'))

/**
 * `YYYY-MM-DD` of a day (since 1970-01-01) of years 1 to 9999, in the proleptic Gregorian calendar (as Date and DuckDB
 * count): H. Hinnant's civil_from_days, in integers, several times cheaper than a Date and toISOString per value.
 */
function civilDate(days: number): string {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return `${year >= 1000 ? year : String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`
}

/** A DATE as DuckDB prints it; null outside years 1 to 9999. */
export function dateText(days: number): string | null {
  if (days < FIRST_DAY || days > LAST_DAY) return null
  return civilDate(days)
}

const MICROS_PER_DAY = 86_400_000_000
/** The last timestamp's day and its text: a column of timestamps mostly stays on one day from value to value. */
let lastDay = NaN
let lastDayText = ''

/** A TIMESTAMP as DuckDB prints it (`2020-01-01 00:00:01.5`); null where microseconds do not fit a double exactly (before 1685, after 2255) or at ±infinity. */
export function timestampText(micros: bigint): string | null {
  if (micros > SAFE_MICROS || micros < -SAFE_MICROS) return null
  return safeTimestampText(Number(micros))
}

/** `timestampText` of microseconds already a safe integer (the CSV export reads them without a bigint). */
export function safeTimestampText(us: number): string {
  const days = Math.floor(us / MICROS_PER_DAY)
  if (days !== lastDay) {
    lastDayText = civilDate(days)
    lastDay = days
  }
  // exact: both are integers below 2^53
  const ofDay = us - days * MICROS_PER_DAY
  const seconds = Math.floor(ofDay / 1_000_000)
  const fraction = ofDay - seconds * 1_000_000
  const time = `${lastDayText} ${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`
  if (fraction === 0) return time
  return `${time}.${String(fraction).padStart(6, '0').replace(/0+$/, '')}`
}
