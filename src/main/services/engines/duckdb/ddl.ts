import type { TableModel } from '../../../../shared/schema-model'
import { quoteIfNeeded, stringLiteral } from '../../../../shared/sql-identifiers'
import { type DialectDdl, indexKey } from '../../schema/ddl/common'

export const duckdbDdl: DialectDdl = {
  dialect: 'duckdb',

  columnDefinition(col, _table, ctx) {
    let def = `${ctx.q(col.name)} ${col.type}`
    if (col.collation) def += ` COLLATE ${col.collation}`
    // DuckDB computes generated columns on read: VIRTUAL is the only kind it has
    if (col.generated) def += ` GENERATED ALWAYS AS (${col.generated}) VIRTUAL`
    else if (col.default) def += ` DEFAULT ${col.default}`
    if (!col.nullable && !col.generated) def += ' NOT NULL'
    return def
  },

  createIndex(index, table, ctx) {
    const keys = index.columns.map((c) => indexKey(c, table, ctx)).join(', ')
    return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${ctx.q(index.name)} ON ${ctx.tableName(table.schema, table.name)} (${keys})`
  },

  comments(table: TableModel, ctx) {
    const name = ctx.tableName(table.schema, table.name)
    const out: string[] = []
    if (table.comment) out.push(`COMMENT ON ${table.kind === 'table' ? 'TABLE' : 'VIEW'} ${name} IS ${stringLiteral('duckdb', table.comment)}`)
    for (const c of table.columns) if (c.comment) out.push(`COMMENT ON COLUMN ${name}.${ctx.q(c.name)} IS ${stringLiteral('duckdb', c.comment)}`)
    return out
  },

  view(table, ctx) {
    return [`CREATE VIEW ${ctx.tableName(table.schema, table.name)} AS\n${(table.definition ?? '').trim().replace(/;$/, '')}`]
  },

  object(ref, model, ctx) {
    const same = (o: { schema: string; name: string }): boolean => o.schema === ref.schema && o.name === ref.name
    const name = ctx.tableName(ref.schema, ref.name)
    switch (ref.kind) {
      case 'routine': {
        const routines = model.routines.filter(same)
        const routine = routines.find((r) => !ref.signature || r.signature === ref.signature) ?? routines[0]
        if (!routine?.definition) return null
        // The model's definition names the macro bare; the DDL names it as the context asks.
        const bare = `CREATE MACRO ${quoteIfNeeded('duckdb', routine.name)}`
        const body = routine.definition.startsWith(bare) ? routine.definition.slice(bare.length) : null
        return body === null ? `${routine.definition};` : `CREATE MACRO ${name}${body};`
      }
      case 'sequence': {
        const s = model.sequences.find(same)
        if (!s) return null
        const parts = [
          s.increment && `INCREMENT BY ${s.increment}`,
          s.min && `MINVALUE ${s.min}`,
          s.max && `MAXVALUE ${s.max}`,
          s.start && `START WITH ${s.start}`,
          s.cycle === undefined ? '' : s.cycle ? 'CYCLE' : 'NO CYCLE'
        ].filter(Boolean)
        return `CREATE SEQUENCE ${name}${parts.length ? ` ${parts.join(' ')}` : ''};`
      }
      case 'enum': {
        const e = model.enums.find(same)
        return e ? `CREATE TYPE ${name} AS ENUM (${e.values.map((v) => stringLiteral('duckdb', v)).join(', ')});` : null
      }
      case 'domain': {
        // DuckDB's type aliases (CREATE TYPE name AS <type>) are read as domains without checks
        const d = model.domains.find(same)
        return d ? `CREATE TYPE ${name} AS ${d.baseType};` : null
      }
      default:
        return null
    }
  }
}
