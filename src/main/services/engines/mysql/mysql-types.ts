import { createRequire } from 'node:module'
import type { Cell, CellKind, ColumnMeta, ResultSource } from '../../../../shared/cells'
import { singleSource, type ColumnOrigin } from '../../drivers/source'
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
  /** The database, the table (or its alias) and the column as named in the table, when the column is one. */
  schema?: string
  table?: string
  orgTable?: string
  orgName?: string
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

// read from mysql2 when the first column is described: by then a connection has loaded it (not at the app's start)
let typeNames: Map<number, string> | undefined
const typeNameById = (id: number): string | undefined => {
  typeNames ??= new Map(Object.entries((createRequire(import.meta.url)('mysql2') as { Types: Record<string, number> }).Types).map(([name, n]) => [n, name]))
  return typeNames.get(id)
}

function isBinary(f: MysqlField): boolean {
  return f.characterSet === BINARY_CHARSET
}

export function mysqlColumn(f: MysqlField): ColumnMeta {
  const raw = (f.typeName ?? typeNameById(f.columnType ?? -1) ?? 'UNKNOWN').toUpperCase()
  let dbType = displayNames[raw] ?? raw
  if (isBinary(f) && dbType === 'VARCHAR') dbType = 'VARBINARY'
  if (isBinary(f) && dbType === 'CHAR') dbType = 'BINARY'
  if (f.extendedTypeName) dbType = f.extendedTypeName.toUpperCase()
  else if (f.extendedFormat === 'json') dbType = 'JSON'
  if (dbType === 'TINYINT' && f.columnLength === 1) dbType = 'TINYINT(1)'
  const flags = typeof f.flags === 'number' ? f.flags : 0
  return { name: f.name, dbType, kind: mysqlKind(f, dbType), nullable: (flags & NOT_NULL_FLAG) === 0, ...(f.orgTable && f.orgName && { sourceColumn: f.orgName }) }
}

/** The table a column reads, as the server names it: a base table, a view or a derived table's alias (see `MysqlSources`). */
export function mysqlOrigin(f: MysqlField): ColumnOrigin | null {
  return f.orgTable && f.orgName ? { schema: f.schema || undefined, table: f.orgTable, alias: f.table } : null
}

/**
 * Which of the tables results read are base tables (not views or derived tables, which the server names the same
 * way), asked once per table and session.
 */
export class MysqlSources {
  private readonly baseTables = new Map<string, boolean>()

  /** The result's source if known now; `undefined` with `pending` when the catalog must be asked first. */
  known(fields: MysqlField[]): { source?: ResultSource; pending?: ColumnOrigin } {
    const source = singleSource(fields.map(mysqlOrigin))
    if (!source?.schema) return {}
    const base = this.baseTables.get(`${source.schema}.${source.table}`)
    if (base === undefined) return { pending: source }
    return base ? { source } : {}
  }

  /** `ask` runs a catalog query on the (now idle) connection; a failure counts as "not a base table" this time. */
  async resolve(origin: ColumnOrigin, ask: (sql: string, params: unknown[]) => Promise<unknown[][]>): Promise<ResultSource | undefined> {
    const key = `${origin.schema}.${origin.table}`
    try {
      const rows = await ask('select table_type from information_schema.tables where table_schema = ? and table_name = ?', [origin.schema, origin.table])
      this.baseTables.set(key, rows.length === 1 && /^(BASE TABLE|SYSTEM VERSIONED)$/i.test(String(rows[0]![0])))
    } catch {
      return undefined
    }
    return this.baseTables.get(key) ? { schema: origin.schema, table: origin.table } : undefined
  }
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

/**
 * mysql2 returns dates, times and timestamps (zero dates, TIME past 24 h, fractional seconds), big numbers, decimals,
 * SET/ENUM and JSON as the server's text, which is what the mysql client prints; the rest is shaped here.
 */
export function mysqlCell(value: unknown, column: ColumnMeta): Cell {
  if (value === null || value === undefined) return null
  if (column.kind === 'boolean') {
    if (Buffer.isBuffer(value)) return value.some((b) => b !== 0)
    return Number(value) !== 0
  }
  if (Buffer.isBuffer(value)) return column.kind === 'binary' || column.kind === 'other' ? binaryToHex(value) : value.toString('utf8')
  if (typeof value === 'number') return floatToCell(value)
  return genericCell(value)
}
