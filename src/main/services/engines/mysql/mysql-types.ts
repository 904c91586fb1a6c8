import mysql from 'mysql2'
import type { Cell, CellKind, ColumnMeta } from '../../../../shared/cells'
import { binaryToHex, floatToCell, genericCell } from '../../drivers/normalise'

const BINARY_CHARSET = 63
const NOT_NULL_FLAG = 1

export interface MysqlField {
  name: string
  columnType?: number
  typeName?: string
  flags: number | string[]
  characterSet?: number
  columnLength?: number
  decimals?: number
  extendedTypeName?: string
  extendedFormat?: string
}

const displayNames: Record<string, string> = {
  TINY: 'TINYINT',
  SHORT: 'SMALLINT',
  LONG: 'INT',
  INT24: 'MEDIUMINT',
  LONGLONG: 'BIGINT',
  NEWDECIMAL: 'DECIMAL',
  NEWDATE: 'DATE',
  VAR_STRING: 'VARCHAR',
  STRING: 'CHAR',
  TIMESTAMP2: 'TIMESTAMP',
  DATETIME2: 'DATETIME',
  TIME2: 'TIME'
}

const typeNameById = new Map(Object.entries(mysql.Types as unknown as Record<string, number>).map(([name, id]) => [id, name]))

function isBinary(f: MysqlField): boolean {
  return f.characterSet === BINARY_CHARSET
}

export function mysqlColumn(f: MysqlField): ColumnMeta {
  const raw = (f.typeName ?? typeNameById.get(f.columnType ?? -1) ?? 'UNKNOWN').toUpperCase()
  let dbType = displayNames[raw] ?? raw
  if (isBinary(f) && dbType === 'VARCHAR') dbType = 'VARBINARY'
  if (isBinary(f) && dbType === 'CHAR') dbType = 'BINARY'
  if (f.extendedTypeName) dbType = f.extendedTypeName.toUpperCase()
  else if (f.extendedFormat === 'json') dbType = 'JSON'
  if (dbType === 'TINYINT' && f.columnLength === 1) dbType = 'TINYINT(1)'
  const flags = typeof f.flags === 'number' ? f.flags : 0
  return { name: f.name, dbType, kind: mysqlKind(f, dbType), nullable: (flags & NOT_NULL_FLAG) === 0 }
}

function mysqlKind(f: MysqlField, dbType: string): CellKind {
  switch (dbType) {
    case 'TINYINT(1)':
      return 'boolean'
    case 'BIT':
      return f.columnLength === 1 ? 'boolean' : 'binary'
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'MEDIUMINT':
    case 'YEAR':
    case 'FLOAT':
    case 'DOUBLE':
      return 'number'
    case 'BIGINT':
      return 'bigint'
    case 'DECIMAL':
      return 'decimal'
    case 'DATE':
      return 'date'
    case 'TIME':
      return 'time'
    case 'DATETIME':
    case 'TIMESTAMP':
      return 'datetime'
    case 'JSON':
      return 'json'
    case 'UUID':
      return 'uuid'
    case 'GEOMETRY':
      return 'other'
  }
  if (isBinary(f) && /BLOB|BINARY/.test(dbType)) return 'binary'
  return 'text'
}

/** mysql2 returns dateStrings, big numbers and decimals as strings, JSON as text; the rest is shaped here. */
export function mysqlCell(value: unknown, column: ColumnMeta): Cell {
  if (value === null || value === undefined) return null
  if (column.kind === 'boolean') {
    if (Buffer.isBuffer(value)) return value.some((b) => b !== 0)
    return Number(value) !== 0
  }
  if (column.kind === 'datetime' && typeof value === 'string') {
    const iso = value.replace(' ', 'T')
    return column.dbType === 'TIMESTAMP' && !iso.startsWith('0000') ? `${iso}Z` : iso
  }
  if (Buffer.isBuffer(value)) return column.kind === 'binary' || column.kind === 'other' ? binaryToHex(value) : value.toString('utf8')
  if (typeof value === 'number') return floatToCell(value)
  return genericCell(value)
}
