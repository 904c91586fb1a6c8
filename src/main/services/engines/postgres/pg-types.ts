import type { Cell, CellKind } from '../../../../shared/cells'
import { BINARY_CELL_CAP_BYTES, floatToCell } from '../../drivers/normalise'

/** Builtin type OIDs (pg_type.h) and how their text form becomes a cell. */
const kindByOid: Record<number, CellKind> = {
  16: 'boolean',
  17: 'binary',
  20: 'bigint',
  21: 'number',
  23: 'number',
  26: 'number',
  700: 'number',
  701: 'number',
  1700: 'decimal',
  18: 'text',
  19: 'text',
  25: 'text',
  1042: 'text',
  1043: 'text',
  1082: 'date',
  1083: 'time',
  1266: 'time',
  1114: 'datetime',
  1184: 'datetime',
  114: 'json',
  3802: 'json',
  2950: 'uuid'
}

export const builtinTypeNames: Record<number, string> = {
  16: 'boolean',
  17: 'bytea',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  25: 'text',
  26: 'oid',
  114: 'json',
  700: 'real',
  701: 'double precision',
  1042: 'character',
  1043: 'character varying',
  1082: 'date',
  1083: 'time without time zone',
  1114: 'timestamp without time zone',
  1184: 'timestamp with time zone',
  1266: 'time with time zone',
  1700: 'numeric',
  2950: 'uuid',
  3802: 'jsonb'
}

export function pgKind(oid: number, typeName: string): CellKind {
  if (typeName.endsWith('[]')) return 'array'
  return kindByOid[oid] ?? 'other'
}

function parseBool(text: string): boolean {
  return text === 't'
}

function parseFloatCell(text: string): Cell {
  return floatToCell(Number(text))
}

function capHex(text: string): string {
  const cap = 2 + BINARY_CELL_CAP_BYTES * 2
  return text.length > cap ? `${text.slice(0, cap)}…` : text
}

/**
 * All values arrive in text format, which is what psql prints: only exact-safe conversions happen here (booleans,
 * 16/32-bit integers and floats become typed cells so they sort as numbers). numeric, int8, money, dates, timestamps,
 * intervals, arrays, ranges, geometric types, bit strings and JSON keep the server's text.
 */
export function pgTextParser(oid: number): (text: string) => Cell {
  switch (oid) {
    case 16:
      return parseBool
    case 21:
    case 23:
    case 26:
      return Number
    case 700:
    case 701:
      return parseFloatCell
    case 17:
      return capHex
    default:
      return (text) => text
  }
}
