import type { ColumnModel, TableModel } from '../../../../shared/schema-model'
import { stringLiteral } from '../../../../shared/sql-identifiers'
import { type DdlContext, type DialectDdl, indexKey } from '../../schema/ddl/common'

const SERIALS: Record<string, string> = { integer: 'serial', bigint: 'bigserial', smallint: 'smallserial' }

/** `nextval('orders_id_seq'::regclass)` on an integer column named after the table is what `serial` creates. */
function serialType(col: ColumnModel, table: TableModel): string | null {
  const m = /^nextval\('(?:[^']*\.)?"?([^'"]+)"?'::regclass\)$/.exec(col.default ?? '')
  return m && m[1] === `${table.name}_${col.name}_seq` ? SERIALS[col.type] ?? null : null
}

export const postgresDdl: DialectDdl = {
  dialect: 'postgres',

  columnDefinition(col, table, ctx) {
    const serial = serialType(col, table)
    let def = `${ctx.q(col.name)} ${serial ?? col.type}`
    if (col.identity) def += ` GENERATED ${col.identityGeneration === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`
    else if (col.generated) def += ` GENERATED ALWAYS AS (${col.generated}) STORED`
    else if (col.default && !serial) def += ` DEFAULT ${col.default}`
    if (!col.nullable) def += ' NOT NULL'
    return def
  },

  createIndex(index, table, ctx) {
    const method = index.method && index.method !== 'btree' ? ` USING ${index.method}` : ''
    const keys = index.columns.map((c) => indexKey(c, table, ctx)).join(', ')
    return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${ctx.q(index.name)} ON ${ctx.tableName(table.schema, table.name)}${method} (${keys})${index.predicate ? ` WHERE ${index.predicate}` : ''}`
  },

  comments(table, ctx) {
    const name = ctx.tableName(table.schema, table.name)
    const kind = table.kind === 'materialized_view' ? 'MATERIALIZED VIEW' : table.kind === 'view' ? 'VIEW' : 'TABLE'
    const out: string[] = []
    if (table.comment) out.push(`COMMENT ON ${kind} ${name} IS ${stringLiteral('postgres', table.comment)}`)
    for (const c of table.columns) if (c.comment) out.push(`COMMENT ON COLUMN ${name}.${ctx.q(c.name)} IS ${stringLiteral('postgres', c.comment)}`)
    return out
  },

  view(table, ctx: DdlContext) {
    const body = (table.definition ?? '').trim().replace(/;$/, '')
    return [`CREATE ${table.kind === 'materialized_view' ? 'MATERIALIZED ' : ''}VIEW ${ctx.tableName(table.schema, table.name)} AS\n${body}`]
  },

  trigger: (definition) => definition
}
