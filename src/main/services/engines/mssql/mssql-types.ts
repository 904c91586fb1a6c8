import type { Cell, CellKind, ColumnMeta } from '../../../../shared/cells'
import { binaryToHex, floatToCell, genericCell } from '../../drivers/normalise'

export interface MssqlColumn {
  name: string
  length?: number
  precision?: number
  scale?: number
  nullable?: boolean
  type?: { declaration?: string; name?: string }
  udt?: { name?: string }
}

const kinds: Record<string, CellKind> = {
  bit: 'boolean',
  tinyint: 'number',
  smallint: 'number',
  int: 'number',
  real: 'number',
  float: 'number',
  bigint: 'bigint',
  decimal: 'decimal',
  numeric: 'decimal',
  money: 'decimal',
  smallmoney: 'decimal',
  date: 'date',
  time: 'time',
  datetime: 'datetime',
  datetime2: 'datetime',
  smalldatetime: 'datetime',
  datetimeoffset: 'datetime',
  uniqueidentifier: 'uuid',
  binary: 'binary',
  varbinary: 'binary',
  image: 'binary',
  udt: 'other',
  geography: 'other',
  geometry: 'other',
  xml: 'text'
}

export function mssqlColumn(c: MssqlColumn): ColumnMeta {
  const base = (c.udt?.name ?? c.type?.declaration ?? 'unknown').toLowerCase()
  let dbType = base
  if (/char|binary/.test(base)) dbType = `${base}(${c.length === undefined || c.length > 8000 || c.length < 0 ? 'max' : base.startsWith('n') ? c.length / 2 : c.length})`
  else if (base === 'decimal' || base === 'numeric') dbType = `${base}(${c.precision},${c.scale})`
  return { name: c.name, dbType, kind: kinds[base] ?? 'text', ...(c.nullable !== undefined && { nullable: c.nullable }) }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

/**
 * tedious hands out Dates in UTC (useUTC) and decimals as JS numbers. Dates become ISO strings (no zone for
 * types without one); decimals keep the digits the driver gives (beyond ~15 significant digits SQL Server decimals
 * are not exact through tedious; see docs/read-only.md's sibling notes in the README).
 */
export function mssqlCell(value: unknown, column: ColumnMeta): Cell {
  if (value === null || value === undefined) return null
  if (value instanceof Date) {
    const iso = value.toISOString()
    if (column.kind === 'date') return iso.slice(0, 10)
    if (column.kind === 'time') return `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}.${pad(value.getUTCMilliseconds(), 3)}`
    if (column.dbType === 'datetimeoffset') return iso
    return iso.replace(/\.000Z$|Z$/, '')
  }
  if (Buffer.isBuffer(value)) return binaryToHex(value)
  if (column.kind === 'uuid' && typeof value === 'string') return value.toLowerCase()
  if (column.kind === 'decimal' && typeof value === 'number') return String(value)
  if (column.kind === 'bigint' && typeof value === 'number') return String(value)
  if (typeof value === 'number') return floatToCell(value)
  return genericCell(value)
}
