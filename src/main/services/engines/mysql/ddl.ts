import { stringLiteral } from '../../../../shared/sql-identifiers'
import { columnList, type DialectDdl, indexKey } from '../../schema/ddl/common'

export const mysqlDdl: DialectDdl = {
  dialect: 'mysql',

  columnDefinition(col, _table, ctx) {
    let def = `${ctx.q(col.name)} ${col.type}`
    if (col.generated) def += ` GENERATED ALWAYS AS (${col.generated}) ${col.generatedKind === 'stored' ? 'STORED' : 'VIRTUAL'}`
    if (!col.generated) def += col.nullable ? ' NULL' : ' NOT NULL'
    if (col.default && !col.generated) def += ` DEFAULT ${col.default}`
    if (col.identity) def += ' AUTO_INCREMENT'
    if (col.comment) def += ` COMMENT ${stringLiteral('mysql', col.comment)}`
    return def
  },

  primaryKey(table, ctx) {
    return table.primaryKey?.columns.length ? `PRIMARY KEY (${columnList(table.primaryKey.columns, ctx)})` : null
  },

  tableSuffix(table) {
    return table.comment ? ` COMMENT=${stringLiteral('mysql', table.comment)}` : ''
  },

  createIndex(index, table, ctx) {
    const kind = index.method === 'FULLTEXT' || index.method === 'SPATIAL' ? `${index.method} ` : index.unique ? 'UNIQUE ' : ''
    const using = index.method === 'HASH' ? ' USING HASH' : ''
    return `CREATE ${kind}INDEX ${ctx.q(index.name)}${using} ON ${ctx.tableName(table.schema, table.name)} (${index.columns.map((c) => indexKey(c, table, ctx)).join(', ')})`
  },

  inlineIndex(index, table, ctx) {
    const kind = index.method === 'FULLTEXT' || index.method === 'SPATIAL' ? `${index.method} ` : index.unique ? 'UNIQUE ' : ''
    const using = index.method === 'HASH' ? ' USING HASH' : ''
    return `${kind}KEY ${ctx.q(index.name)} (${index.columns.map((c) => indexKey(c, table, ctx)).join(', ')})${using}`
  },

  view(table, ctx) {
    let body = (table.definition ?? '').trim()
    // MySQL stores view bodies with every table qualified by its database; unqualified DDL drops that prefix.
    if (!ctx.options.qualify) body = body.split(`\`${table.schema.replace(/`/g, '``')}\`.`).join('')
    return [`CREATE VIEW ${ctx.tableName(table.schema, table.name)} AS ${body}`]
  },

  trigger: (definition) => definition
}
