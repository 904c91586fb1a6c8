import type { ColumnMeta, Dialect } from '../../../shared/cells'
import type { ImportColumnType } from '../../../shared/contract/import'
import { factsOf } from '../../../shared/engines'
import { qualifiedIdentifier, quoteIfNeeded } from '../../../shared/sql-identifiers'
import { engineFor } from '../engines'

export interface NewColumn {
  name: string
  type: ImportColumnType
  /** Decimal columns: digits seen in the sample (the engine's DECIMAL(p, s) where it needs one). */
  precision?: number
  scale?: number
}

/** The engine's type for an import column; DECIMAL(p, s) where the engine needs a precision, with room to spare. */
export function columnType(dialect: Dialect, c: NewColumn): string {
  const types = engineFor(dialect).importTypes
  if (!types) return factsOf(dialect).sampleTextType
  const base = types.names[c.type]
  if (c.type !== 'decimal' || !types.decimalPrecision) return base
  const scale = Math.min(c.scale ?? 6, 30)
  const precision = Math.min(38, Math.max((c.precision ?? 18) + 4, scale + 10))
  return `${base}(${precision}, ${scale})`
}

export function tableName(dialect: Dialect, table: { schema?: string; name: string }): string {
  return qualifiedIdentifier(dialect, table.name, table.schema || null)
}

/** CREATE TABLE for the import's columns, in the engine's dialect. */
export function createTableSql(dialect: Dialect, table: { schema?: string; name: string }, columns: NewColumn[]): string {
  const lines = columns.map((c) => `  ${quoteIfNeeded(dialect, c.name)} ${columnType(dialect, c)}`)
  return `CREATE TABLE ${tableName(dialect, table)} (\n${lines.join(',\n')}\n)`
}

/** A table name from a file name: letters, digits and underscores, lower case, not starting with a digit. */
export function tableNameFromFile(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '')
  return !stem ? 'imported' : /^\d/.test(stem) ? `t_${stem}` : stem.slice(0, 60)
}

/** What the import converts to for an existing column, from the type the engine reports. */
export function importTypeOf(c: Pick<ColumnMeta, 'kind' | 'dbType'>): ImportColumnType {
  const t = c.dbType.toLowerCase()
  switch (c.kind) {
    case 'bigint':
      return 'bigint'
    case 'decimal':
      return 'decimal'
    case 'boolean':
      return 'boolean'
    case 'date':
      return 'date'
    case 'datetime':
      return 'timestamp'
    case 'json':
      return 'json'
    case 'number':
      if (/int|serial/.test(t)) return /big|int8/.test(t) ? 'bigint' : 'integer'
      return /dec|numeric|money/.test(t) ? 'decimal' : 'float'
  }
  if (/^(tiny|small|medium)?int|^integer|^int[248]?$|serial/.test(t)) return /big|int8/.test(t) ? 'bigint' : 'integer'
  if (/bigint|int8|hugeint/.test(t)) return 'bigint'
  if (/^(numeric|decimal)/.test(t)) return 'decimal'
  if (/^(real|double|float)/.test(t)) return 'float'
  if (t.startsWith('bool')) return 'boolean'
  if (t === 'date') return 'date'
  if (/^(timestamp|datetime)/.test(t)) return 'timestamp'
  if (/^jsonb?$/.test(t)) return 'json'
  return 'text'
}

/** Each source column matched to an existing column by name, case-insensitive and ignoring spaces/underscores. */
export function mapByName(source: string[], existing: string[]): (string | null)[] {
  const key = (s: string): string => s.toLowerCase().replace(/[\s_-]+/g, '')
  const exact = new Map(existing.map((e) => [e.toLowerCase(), e]))
  const loose = new Map(existing.map((e) => [key(e), e]))
  const used = new Set<string>()
  return source.map((s) => {
    const hit = exact.get(s.toLowerCase()) ?? loose.get(key(s)) ?? null
    if (!hit || used.has(hit)) return null
    used.add(hit)
    return hit
  })
}
