import { stringLiteral } from '../../../../shared/sql-identifiers'
import type { DialectDdl } from '../../schema/ddl/common'
import { indexKey } from '../../schema/ddl/common'

const describe = (value: string, schema: string, table: string, column?: string): string =>
  `EXEC sp_addextendedproperty @name = N'MS_Description', @value = ${stringLiteral('mssql', value)}, ` +
  `@level0type = N'SCHEMA', @level0name = ${stringLiteral('mssql', schema)}, @level1type = N'TABLE', @level1name = ${stringLiteral('mssql', table)}` +
  (column ? `, @level2type = N'COLUMN', @level2name = ${stringLiteral('mssql', column)}` : '')

export const mssqlDdl: DialectDdl = {
  dialect: 'mssql',

  columnDefinition(col, _table, ctx) {
    if (col.generated) return `${ctx.q(col.name)} AS (${col.generated})${col.generatedKind === 'stored' ? ' PERSISTED' : ''}`
    let def = `${ctx.q(col.name)} ${col.type}`
    if (col.identity) def += ' IDENTITY(1,1)'
    def += col.nullable ? ' NULL' : ' NOT NULL'
    if (col.default) def += ` DEFAULT (${col.default})`
    return def
  },

  createIndex(index, table, ctx) {
    const clustered = index.method === 'CLUSTERED' ? 'CLUSTERED ' : index.method === 'NONCLUSTERED' ? 'NONCLUSTERED ' : ''
    return `CREATE ${index.unique ? 'UNIQUE ' : ''}${clustered}INDEX ${ctx.q(index.name)} ON ${ctx.tableName(table.schema, table.name)} (${index.columns.map((c) => indexKey(c, table, ctx)).join(', ')})${index.predicate ? ` WHERE ${index.predicate}` : ''}`
  },

  comments(table) {
    const out: string[] = []
    if (table.comment) out.push(describe(table.comment, table.schema, table.name))
    for (const c of table.columns) if (c.comment) out.push(describe(c.comment, table.schema, table.name, c.name))
    return out
  },

  view(table) {
    // SQL Server keeps the whole CREATE VIEW statement as the definition.
    return [(table.definition ?? '').trim()]
  },

  trigger: (definition) => `${definition.trim()}\nGO`,
  terminator: '\nGO'
}
