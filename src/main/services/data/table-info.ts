import type { ColumnMeta } from '../../../shared/cells'
import type { DataColumn, DataOpenOutput, DataTableRef } from '../../../shared/contract/data'
import type { EngineFacts } from '../../../shared/engines/types'
import { AppError } from '../../../shared/errors'
import type { SchemaModel, TableModel } from '../../../shared/schema-model'

/** One table or view as the data view knows it: what `data.open` returns plus what the SQL builders need. */
export interface TableInfo extends Omit<DataOpenOutput, 'readOnly' | 'production' | 'editable' | 'notEditableReason'> {
  /** Why rows cannot be changed whatever the connection (no key, a view); absent when they can. */
  structuralReason?: string
  /** The table is in the connection's default schema: statements name it without its schema. */
  inDefaultSchema: boolean
}

/** The model's table for a reference: exact name in the given schema (or the model's default schema), else a case-insensitive match. */
export function findTable(model: SchemaModel, ref: DataTableRef): TableModel | undefined {
  const schema = ref.schema ?? model.defaultSchema
  const inSchema = (t: TableModel) => (ref.schema === undefined ? t.schema === schema || model.schemas.length <= 1 : t.schema === schema)
  return (
    model.tables.find((t) => t.name === ref.name && inSchema(t)) ??
    model.tables.find((t) => t.name.toLowerCase() === ref.name.toLowerCase() && (ref.schema === undefined ? inSchema(t) : t.schema.toLowerCase() === ref.schema.toLowerCase()))
  )
}

/** `enum('a','b')` / `ENUM('a', 'b')` as MariaDB/MySQL and DuckDB print the type; undefined for other types. */
export function inlineEnumValues(type: string): string[] | undefined {
  const m = /^\s*enum\s*\(([\s\S]*)\)\s*$/i.exec(type)
  if (!m) return undefined
  const values: string[] = []
  const re = /'((?:[^'\\]|''|\\.)*)'/g
  for (let hit = re.exec(m[1]!); hit; hit = re.exec(m[1]!)) values.push(hit[1]!.replace(/''/g, "'").replace(/\\(.)/g, '$1'))
  return values
}

function enumValuesOf(model: SchemaModel, table: TableModel, type: string): string[] | undefined {
  const inline = inlineEnumValues(type)
  if (inline) return inline
  const bare = type.replace(/"/g, '')
  const found = model.enums.find((e) => `${e.schema}.${e.name}` === bare) ?? model.enums.find((e) => e.name === bare && e.schema === table.schema) ?? model.enums.find((e) => e.name === bare)
  return found?.values
}

/** A plain column name of an index entry (not an expression, a prefix `(n)` or a collation). */
function plainColumn(entry: string, names: Set<string>): string | undefined {
  const bare = entry.replace(/\s+(ASC|DESC)$/i, '')
  return names.has(bare) ? bare : undefined
}

/** The row key: primary key, else the first unique constraint or full unique index over NOT NULL plain columns. */
function rowKey(table: TableModel): { key: TableInfo['key']; reason?: string } {
  if (table.primaryKey?.columns.length) return { key: { kind: 'primary', ...(table.primaryKey.name && { name: table.primaryKey.name }), columns: table.primaryKey.columns } }
  const names = new Set(table.columns.map((c) => c.name))
  const notNull = new Set(table.columns.filter((c) => !c.nullable).map((c) => c.name))
  const candidates: { name: string; columns: string[] }[] = [
    ...table.constraints.filter((c) => c.kind === 'unique' && c.columns?.length).map((c) => ({ name: c.name, columns: c.columns! })),
    ...table.indexes.filter((i) => i.unique && !i.predicate).map((i) => ({ name: i.name, columns: i.columns }))
  ]
  let nullableUnique: string | undefined
  for (const c of candidates) {
    const cols = c.columns.map((e) => plainColumn(e, names))
    if (cols.some((x) => x === undefined)) continue
    if (cols.every((x) => notNull.has(x!))) return { key: { kind: 'unique', name: c.name, columns: cols as string[] } }
    nullableUnique ??= c.name
  }
  const reason = nullableUnique
    ? `${table.name} has no primary key, and its unique key ${nullableUnique} allows NULL, so a row cannot be identified for sure. Add a primary key to edit its rows.`
    : `${table.name} has no primary key or unique key, so a row cannot be identified for sure. Add a primary key to edit its rows.`
  return { key: null, reason }
}

/**
 * Columns from the model (types, nullability, defaults, enum values) and kinds from the driver's columns of a
 * zero-row SELECT (`meta`, same order when present).
 */
export function tableInfo(model: SchemaModel, table: TableModel, meta: ColumnMeta[]): TableInfo {
  const isView = table.kind !== 'table'
  const { key, reason } = isView ? { key: null, reason: undefined } : rowKey(table)
  const inKey = new Set(key?.columns ?? [])
  const kinds = new Map(meta.map((m) => [m.name, m.kind]))
  const columns: DataColumn[] = table.columns.map((c) => {
    const enumValues = enumValuesOf(model, table, c.type)
    return {
      name: c.name,
      type: c.type,
      kind: kinds.get(c.name) ?? 'other',
      nullable: c.nullable,
      ...(c.default != null && { default: c.default }),
      ...(c.identity && { identity: true }),
      ...(c.generated && { generated: true }),
      ...(enumValues && { enumValues }),
      inKey: inKey.has(c.name)
    }
  })
  const what = table.kind === 'view' ? 'a view' : 'a materialized view'
  return {
    table: { schema: table.schema, name: table.name, kind: table.kind },
    columns,
    key,
    rowEstimate: table.rowEstimate ?? null,
    inDefaultSchema: table.schema === model.defaultSchema,
    ...(isView ? { structuralReason: `${table.name} is ${what}: its rows are not edited here (whether a view can be updated, and how, is up to its definition). Open its base table to edit.` } : reason ? { structuralReason: reason } : {})
  }
}

/**
 * The table's name as the engine reads it: bare in the connection's default schema (the session resolves it there,
 * and the MariaDB/MySQL analyser reads `db.t (cols)` in an INSERT as a function call), else schema-qualified.
 */
export function qualifiedTable(facts: EngineFacts, info: { table: { schema: string; name: string }; inDefaultSchema: boolean }): string {
  const { schema, name } = info.table
  return schema && !info.inDefaultSchema ? `${facts.quoteIdentifier(schema)}.${facts.quoteIdentifier(name)}` : facts.quoteIdentifier(name)
}

export function columnOf(info: Pick<TableInfo, 'columns' | 'table'>, name: string): DataColumn {
  const column = info.columns.find((c) => c.name === name)
  if (!column) throw new AppError('INVALID_INPUT', `${info.table.name} has no column ${name}`)
  return column
}
