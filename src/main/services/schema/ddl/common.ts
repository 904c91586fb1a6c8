import type { Dialect } from '../../../../shared/cells'
import { factsOf } from '../../../../shared/engines'
import type { ColumnModel, ForeignKeyModel, IndexModel, SchemaModel, SchemaObjectRef, TableModel } from '../../../../shared/schema-model'
import { qualifiedIdentifier, quoteIfNeeded } from '../../../../shared/sql-identifiers'

export interface DdlOptions {
  /** Prefix object names with their schema (default true). Off: the DDL runs into whatever schema is current. */
  qualify?: boolean
  /** Append the table's triggers (default true). */
  includeTriggers?: boolean
}

/** The parts of a table's DDL that differ per dialect; `buildTableDdl` assembles them. */
export interface DialectDdl {
  dialect: Dialect
  columnDefinition(col: ColumnModel, table: TableModel, ctx: DdlContext): string
  primaryKey?(table: TableModel, ctx: DdlContext): string | null
  tableSuffix?(table: TableModel, ctx: DdlContext): string
  createIndex(index: IndexModel, table: TableModel, ctx: DdlContext): string
  /** When set, a table's indexes go inside CREATE TABLE (MySQL: then foreign keys reuse them instead of adding their own). */
  inlineIndex?(index: IndexModel, table: TableModel, ctx: DdlContext): string
  comments?(table: TableModel, ctx: DdlContext): string[]
  view(table: TableModel, ctx: DdlContext): string[]
  trigger?(definition: string, ctx: DdlContext): string
  /**
   * The statement(s) that create one schema-level object (routine with its body, trigger, sequence, enum, domain,
   * composite type) from the model, runnable as they are (MariaDB trigger and routine bodies wrapped in DELIMITER).
   * Null when the engine has no such object or the model does not hold its source.
   */
  object?(ref: SchemaObjectRef, model: SchemaModel, ctx: DdlContext): string | null
  /** Checks emitted inline with their column instead of at table level (SQLite keeps column-level names that way). */
  inlineCheck?(check: TableModel['constraints'][number], table: TableModel): boolean
  terminator?: string
}

export interface DdlContext {
  q(name: string): string
  /** The table's (or a referenced table's) name, schema-qualified when options.qualify. */
  tableName(schema: string, name: string): string
  options: Required<DdlOptions>
}

export function makeContext(dialect: Dialect, options: DdlOptions = {}): DdlContext {
  // Engines with one schema per file (SQLite) allow no schema prefix on foreign-key targets or index tables.
  const full: Required<DdlOptions> = { qualify: factsOf(dialect).qualifyDdl && (options.qualify ?? true), includeTriggers: options.includeTriggers ?? true }
  return {
    q: (name) => quoteIfNeeded(dialect, name),
    tableName: (schema, name) => qualifiedIdentifier(dialect, name, full.qualify ? schema : null),
    options: full
  }
}

export const columnList = (cols: string[], ctx: DdlContext): string => cols.map((c) => ctx.q(c)).join(', ')

/** Index key entries: a column (maybe with a MySQL prefix length and DESC) gets quoted; an expression stays as printed. */
export function indexKey(entry: string, table: TableModel, ctx: DdlContext): string {
  const m = /^(.*?)(\(\d+\))?( DESC)?$/.exec(entry)!
  const name = m[1]!
  if (table.columns.some((c) => c.name === name)) return ctx.q(name) + (m[2] ?? '') + (m[3] ?? '')
  return entry
}

export function foreignKeyClause(fk: ForeignKeyModel, ctx: DdlContext, table: TableModel, dialect: Dialect): string {
  // Unqualified DDL still names another schema explicitly: only same-schema references follow the current schema.
  const refTable = !ctx.options.qualify && fk.refSchema !== table.schema ? qualifiedIdentifier(dialect, fk.refTable, fk.refSchema) : ctx.tableName(fk.refSchema, fk.refTable)
  let clause = `CONSTRAINT ${ctx.q(fk.name)} FOREIGN KEY (${columnList(fk.columns, ctx)}) REFERENCES ${refTable} (${columnList(fk.refColumns, ctx)})`
  if (fk.onDelete && fk.onDelete !== 'NO ACTION') clause += ` ON DELETE ${fk.onDelete}`
  if (fk.onUpdate && fk.onUpdate !== 'NO ACTION') clause += ` ON UPDATE ${fk.onUpdate}`
  return clause
}

export function buildTableDdl(d: DialectDdl, table: TableModel, options: DdlOptions = {}): string {
  const ctx = makeContext(d.dialect, options)
  const end = d.terminator ?? ';'
  if (table.kind !== 'table') {
    const stmts = [...d.view(table, ctx), ...table.indexes.map((i) => d.createIndex(i, table, ctx)), ...(d.comments?.(table, ctx) ?? [])]
    return stmts.map((s) => s + end).join('\n\n') + '\n'
  }
  const inline = (c: TableModel['constraints'][number]): boolean => c.kind === 'check' && !!d.inlineCheck?.(c, table)
  const lines = table.columns.map((c) => d.columnDefinition(c, table, ctx))
  const pk = d.primaryKey ? d.primaryKey(table, ctx) : table.primaryKey?.columns.length ? defaultPrimaryKey(table, ctx) : null
  if (pk) lines.push(pk)
  for (const c of table.constraints) {
    if (c.kind === 'unique') lines.push(`CONSTRAINT ${ctx.q(c.name)} UNIQUE (${columnList(c.columns ?? [], ctx)})`)
  }
  for (const c of table.constraints) {
    if (c.kind === 'check' && !inline(c)) lines.push(`CONSTRAINT ${ctx.q(c.name)} CHECK (${c.expression})`)
  }
  if (d.inlineIndex) for (const i of table.indexes) lines.push(d.inlineIndex(i, table, ctx))
  // A key listed with `inheritedFrom` is defined on another table (a partition's copy of its parent's, or a parent's
  // listing of a partition's): that table's DDL creates it.
  for (const fk of table.foreignKeys) if (!fk.inheritedFrom) lines.push(foreignKeyClause(fk, ctx, table, d.dialect))
  const create = `CREATE TABLE ${ctx.tableName(table.schema, table.name)} (\n  ${lines.join(',\n  ')}\n)${d.tableSuffix?.(table, ctx) ?? ''}`
  const stmts = [create, ...(d.inlineIndex ? [] : table.indexes.map((i) => d.createIndex(i, table, ctx))), ...(d.comments?.(table, ctx) ?? [])]
  if (ctx.options.includeTriggers && d.trigger) for (const t of table.triggers) if (t.definition) stmts.push(d.trigger(t.definition, ctx))
  return stmts.map((s) => (s.trimEnd().endsWith(end) ? s.trimEnd() : s + end)).join('\n\n') + '\n'
}

function defaultPrimaryKey(table: TableModel, ctx: DdlContext): string {
  const pk = table.primaryKey!
  return `${pk.name ? `CONSTRAINT ${ctx.q(pk.name)} ` : ''}PRIMARY KEY (${columnList(pk.columns, ctx)})`
}
