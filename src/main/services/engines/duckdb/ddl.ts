import type { TableModel } from '../../../../shared/schema-model'
import { stringLiteral } from '../../../../shared/sql-identifiers'
import { type DialectDdl, indexKey } from '../../schema/ddl/common'

export const duckdbDdl: DialectDdl = {
  dialect: 'duckdb',

  columnDefinition(col, _table, ctx) {
    let def = `${ctx.q(col.name)} ${col.type}`
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
  }
}
