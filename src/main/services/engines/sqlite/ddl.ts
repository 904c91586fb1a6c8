import type { TableModel } from '../../../../shared/schema-model'
import type { DialectDdl } from '../../schema/ddl/common'

/** SQLite only takes literals bare in DEFAULT; anything else needs parentheses. */
function defaultClause(expr: string): string {
  const literal = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|'([^']|'')*'|NULL|TRUE|FALSE|CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|X'[0-9A-Fa-f]*')$/i
  return literal.test(expr.trim()) || /^\(.*\)$/s.test(expr.trim()) ? expr : `(${expr})`
}

const singleColumnCheck = (c: TableModel['constraints'][number]): boolean => c.kind === 'check' && c.columns?.length === 1

export const sqliteDdl: DialectDdl = {
  dialect: 'sqlite',

  columnDefinition(col, table, ctx) {
    let def = `${ctx.q(col.name)}${col.type ? ` ${col.type}` : ''}`
    if (col.generated) def += ` GENERATED ALWAYS AS (${col.generated}) ${col.generatedKind === 'stored' ? 'STORED' : 'VIRTUAL'}`
    if (!col.nullable && !col.identity) def += ' NOT NULL'
    if (col.default && !col.generated) def += ` DEFAULT ${defaultClause(col.default)}`
    for (const c of table.constraints) {
      if (singleColumnCheck(c) && c.columns![0] === col.name) def += ` CONSTRAINT ${ctx.q(c.name)} CHECK (${c.expression})`
    }
    return def
  },

  inlineCheck: singleColumnCheck,

  createIndex(index, table, ctx) {
    const keys = index.columns.map((c) => {
      const m = /^(.*?)( DESC)?$/.exec(c)!
      return table.columns.some((col) => col.name === m[1]) ? ctx.q(m[1]!) + (m[2] ?? '') : c
    })
    return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${ctx.q(index.name)} ON ${ctx.tableName(table.schema, table.name)} (${keys.join(', ')})${index.predicate ? ` WHERE ${index.predicate}` : ''}`
  },

  view(table, ctx) {
    return [`CREATE VIEW ${ctx.tableName(table.schema, table.name)} AS\n${(table.definition ?? '').trim().replace(/;$/, '')}`]
  },

  trigger: (definition) => definition
}
