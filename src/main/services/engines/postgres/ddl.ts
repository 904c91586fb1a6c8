import type { ColumnModel, ConstraintModel, SchemaModel, SchemaObjectRef, TableModel } from '../../../../shared/schema-model'
import { stringLiteral } from '../../../../shared/sql-identifiers'
import { columnList, type DdlContext, type DialectDdl } from '../../schema/ddl/common'
import { pgIdent } from './introspector'

const SERIALS: Record<string, string> = { integer: 'serial', bigint: 'bigserial', smallint: 'smallserial' }

/** `nextval('orders_id_seq'::regclass)` on an integer column named after the table is what `serial` creates. */
function serialType(col: ColumnModel, table: TableModel): string | null {
  const m = /^nextval\('(?:[^']*\.)?"?([^'"]+)"?'::regclass\)$/.exec(col.default ?? '')
  return m && m[1] === `${table.name}_${col.name}_seq` ? SERIALS[col.type] ?? null : null
}

/** A collation as the model names it (`C`, `de-x-icu`, `myschema.german`), quoted part by part. */
const collation = (name: string): string => `COLLATE ${name.split('.').map(pgIdent).join('.')}`

const deferral = (c: { deferrable?: boolean; initiallyDeferred?: boolean }): string =>
  c.deferrable ? ` DEFERRABLE${c.initiallyDeferred ? ' INITIALLY DEFERRED' : ''}` : ''

/** An index key as the model holds it (`title COLLATE "C" DESC`): the leading column name gets quoted, the rest stays. */
function indexKey(entry: string, table: TableModel, ctx: DdlContext): string {
  const col = table.columns
    .map((c) => c.name)
    .filter((n) => entry === n || entry.startsWith(`${n} `))
    .sort((a, b) => b.length - a.length)[0]
  return col === undefined ? entry : ctx.q(col) + entry.slice(col.length)
}

/**
 * The statements that follow CREATE TABLE, the way pg_dump writes them: what the shared CREATE TABLE cannot say
 * (deferrable keys) is set by ALTER TABLE, and a partition is created as a table and then attached to its parent:
 * ATTACH adds the parent's keys, indexes and row triggers (the model leaves them off the partition, or marks them
 * inheritedFrom), and requires the parent's checks, which the partition's DDL carries.
 */
function afterCreate(table: TableModel, ctx: DdlContext): string[] {
  const name = ctx.tableName(table.schema, table.name)
  const out: string[] = []
  for (const c of table.constraints)
    if (c.kind === 'unique' && c.deferrable)
      out.push(`ALTER TABLE ${name} DROP CONSTRAINT ${ctx.q(c.name)}, ADD CONSTRAINT ${ctx.q(c.name)} UNIQUE (${columnList(c.columns ?? [], ctx)})${deferral(c)}`)
  for (const fk of table.foreignKeys) if (fk.deferrable && !fk.inheritedFrom) out.push(`ALTER TABLE ${name} ALTER CONSTRAINT ${ctx.q(fk.name)}${deferral(fk)}`)
  if (table.partitionOf) {
    const p = table.partitionOf
    const parent = !ctx.options.qualify && p.schema !== table.schema ? `${ctx.q(p.schema)}.${ctx.q(p.table)}` : ctx.tableName(p.schema, p.table)
    out.push(`ALTER TABLE ONLY ${parent} ATTACH PARTITION ${name} ${p.bound}`)
  }
  return out
}

/** Exclusion constraints as the engine prints them (`EXCLUDE USING gist (during WITH &&)`, deferral included). */
const exclusion = (c: ConstraintModel, ctx: DdlContext): string => `CONSTRAINT ${ctx.q(c.name)} ${c.expression ?? ''}`

export const postgresDdl: DialectDdl = {
  dialect: 'postgres',

  columnDefinition(col, table, ctx) {
    const serial = serialType(col, table)
    let def = `${ctx.q(col.name)} ${serial ?? col.type}`
    if (col.collation) def += ` ${collation(col.collation)}`
    if (col.identity) def += ` GENERATED ${col.identityGeneration === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`
    else if (col.generated) def += ` GENERATED ALWAYS AS (${col.generated}) STORED`
    else if (col.default && !serial) def += ` DEFAULT ${col.default}`
    if (!col.nullable) def += ' NOT NULL'
    return def
  },

  // The primary key, then the exclusion constraints (the shared table builder knows unique and check only).
  primaryKey(table, ctx) {
    const pk = table.primaryKey
    const lines = pk?.columns.length ? [`${pk.name ? `CONSTRAINT ${ctx.q(pk.name)} ` : ''}PRIMARY KEY (${columnList(pk.columns, ctx)})`] : []
    for (const c of table.constraints) if (c.kind === 'exclusion') lines.push(exclusion(c, ctx))
    return lines.length ? lines.join(',\n  ') : null
  },

  tableSuffix(table) {
    return table.partitioning ? ` PARTITION BY ${table.partitioning.strategy.toUpperCase()} (${table.partitioning.key})` : ''
  },

  createIndex(index, table, ctx) {
    const method = index.method && index.method !== 'btree' ? ` USING ${index.method}` : ''
    const keys = index.columns.map((c) => indexKey(c, table, ctx)).join(', ')
    return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${ctx.q(index.name)} ON ${ctx.tableName(table.schema, table.name)}${method} (${keys})${index.predicate ? ` WHERE ${index.predicate}` : ''}`
  },

  comments(table, ctx) {
    const name = ctx.tableName(table.schema, table.name)
    const kind = table.kind === 'materialized_view' ? 'MATERIALIZED VIEW' : table.kind === 'view' ? 'VIEW' : 'TABLE'
    const out: string[] = table.kind === 'table' ? afterCreate(table, ctx) : []
    if (table.comment) out.push(`COMMENT ON ${kind} ${name} IS ${stringLiteral('postgres', table.comment)}`)
    for (const c of table.columns) if (c.comment) out.push(`COMMENT ON COLUMN ${name}.${ctx.q(c.name)} IS ${stringLiteral('postgres', c.comment)}`)
    return out
  },

  view(table, ctx: DdlContext) {
    const body = (table.definition ?? '').trim().replace(/;$/, '')
    return [`CREATE ${table.kind === 'materialized_view' ? 'MATERIALIZED ' : ''}VIEW ${ctx.tableName(table.schema, table.name)} AS\n${body}`]
  },

  trigger: (definition) => definition,

  object(ref, model, ctx) {
    const stmts = objectStatements(ref, model, ctx)
    return stmts === null ? null : stmts.map((s) => `${s.trimEnd().replace(/;$/, '')};`).join('\n\n')
  }
}

const ROUTINE_KEYWORD = { function: 'FUNCTION', procedure: 'PROCEDURE', aggregate: 'AGGREGATE', macro: 'FUNCTION' } as const

function objectStatements(ref: SchemaObjectRef, model: SchemaModel, ctx: DdlContext): string[] | null {
  const same = (o: { schema: string; name: string }): boolean => o.schema === ref.schema && o.name === ref.name
  const name = ctx.tableName(ref.schema, ref.name)
  switch (ref.kind) {
    case 'routine': {
      const r = model.routines.find((x) => same(x) && (!ref.signature || x.signature === ref.signature))
      if (!r?.definition) return null
      // pg_get_functiondef always names the schema; unqualified DDL drops it from the CREATE line only.
      const definition = ctx.options.qualify
        ? r.definition
        : r.definition.replace(new RegExp(`^(CREATE(?: OR REPLACE)? (?:FUNCTION|PROCEDURE|AGGREGATE) )${escapeRegExp(pgIdent(r.schema))}\\.`), '$1')
      const out = [definition]
      const args = r.signature.slice(r.name.length)
      if (r.comment) out.push(`COMMENT ON ${ROUTINE_KEYWORD[r.kind]} ${name}${args} IS ${stringLiteral('postgres', r.comment)}`)
      return out
    }
    case 'trigger': {
      const table = model.tables.find((t) => t.schema === ref.schema && t.name === ref.table)
      const trigger = table?.triggers.find((t) => t.name === ref.name)
      if (!table || !trigger?.definition) return null
      const out = [trigger.definition]
      if (trigger.enabled === false) out.push(`ALTER TABLE ${ctx.tableName(table.schema, table.name)} DISABLE TRIGGER ${ctx.q(trigger.name)}`)
      return out
    }
    case 'sequence': {
      const s = model.sequences.find(same)
      if (!s) return null
      const opts = [
        s.dataType && `AS ${s.dataType}`,
        s.start && `START WITH ${s.start}`,
        s.increment && `INCREMENT BY ${s.increment}`,
        s.min && `MINVALUE ${s.min}`,
        s.max && `MAXVALUE ${s.max}`,
        s.cache && `CACHE ${s.cache}`,
        s.cycle === undefined ? '' : s.cycle ? 'CYCLE' : 'NO CYCLE'
      ].filter(Boolean)
      const out = [`CREATE SEQUENCE ${name}${opts.length ? `\n  ${opts.join('\n  ')}` : ''}`]
      if (s.ownedBy) {
        const dot = s.ownedBy.lastIndexOf('.')
        const owner = s.ownedBy.slice(0, dot)
        const table = owner.includes('.') ? owner.split('.').map((p) => ctx.q(p)).join('.') : ctx.tableName(s.schema, owner)
        out.push(`ALTER SEQUENCE ${name} OWNED BY ${table}.${ctx.q(s.ownedBy.slice(dot + 1))}`)
      }
      return out
    }
    case 'enum': {
      const e = model.enums.find(same)
      return e ? [`CREATE TYPE ${name} AS ENUM (${e.values.map((v) => stringLiteral('postgres', v)).join(', ')})`] : null
    }
    case 'domain': {
      const d = model.domains.find(same)
      if (!d) return null
      const parts = [`CREATE DOMAIN ${name} AS ${d.baseType}`]
      if (d.collation) parts.push(collation(d.collation))
      if (d.default) parts.push(`DEFAULT ${d.default}`)
      if (d.nullable === false) parts.push('NOT NULL')
      const checks = d.checks ?? (d.check ? [{ name: '', expression: d.check }] : [])
      for (const c of checks) parts.push(`${c.name ? `CONSTRAINT ${ctx.q(c.name)} ` : ''}CHECK (${c.expression})`)
      return [parts.join('\n  ')]
    }
    case 'type': {
      const t = model.types?.find(same)
      if (!t) return null
      const attrs = t.attributes.map((a) => `${ctx.q(a.name)} ${a.type}${a.collation ? ` ${collation(a.collation)}` : ''}`)
      return [`CREATE TYPE ${name} AS (\n  ${attrs.join(',\n  ')}\n)`]
    }
  }
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
