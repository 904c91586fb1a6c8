import type { TableModel } from '../../../../shared/schema-model'
import { columnList, type DialectDdl } from '../../schema/ddl/common'

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
    if (col.collation) def += ` COLLATE ${ctx.q(col.collation)}`
    for (const c of table.constraints) {
      if (singleColumnCheck(c) && c.columns![0] === col.name) def += ` CONSTRAINT ${ctx.q(c.name)} CHECK (${c.expression})`
    }
    return def
  },

  inlineCheck: singleColumnCheck,

  primaryKey(table, ctx) {
    const pk = table.primaryKey
    if (!pk?.columns.length) return null
    // AUTOINCREMENT is allowed on the rowid alias only, and SQLite takes it inside the table-level key too
    const auto = table.options?.autoincrement
    const cols = columnList(pk.columns, ctx) + (auto && pk.columns.length === 1 && pk.columns[0] === auto ? ' AUTOINCREMENT' : '')
    return `${pk.name ? `CONSTRAINT ${ctx.q(pk.name)} ` : ''}PRIMARY KEY (${cols})`
  },

  tableSuffix(table) {
    const options = [table.options?.without_rowid === 'true' ? 'WITHOUT ROWID' : null, table.options?.strict === 'true' ? 'STRICT' : null].filter(Boolean)
    return options.length ? ` ${options.join(', ')}` : ''
  },

  createIndex(index, table, ctx) {
    const keys = index.columns.map((c) => {
      const m = /^(.*?)( COLLATE \S+)?( DESC)?$/.exec(c)!
      return table.columns.some((col) => col.name === m[1]) ? ctx.q(m[1]!) + (m[2] ?? '') + (m[3] ?? '') : c
    })
    return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${ctx.q(index.name)} ON ${ctx.tableName(table.schema, table.name)} (${keys.join(', ')})${index.predicate ? ` WHERE ${index.predicate}` : ''}`
  },

  view(table, ctx) {
    const view = `CREATE VIEW ${ctx.tableName(table.schema, table.name)} AS\n${(table.definition ?? '').trim().replace(/;$/, '')}`
    // INSTEAD OF triggers belong to the view; the shared builder appends triggers for tables only
    const triggers = ctx.options.includeTriggers ? table.triggers.flatMap((t) => (t.definition ? [t.definition.trim().replace(/;$/, '')] : [])) : []
    return [view, ...triggers]
  },

  trigger: (definition) => definition,

  object(ref, model) {
    if (ref.kind !== 'trigger') return null
    const owners = model.tables.filter((t) => t.schema === ref.schema && (!ref.table || t.name === ref.table))
    const trigger = owners.flatMap((t) => t.triggers).find((t) => t.name === ref.name)
    return trigger?.definition ? `${trigger.definition.trim().replace(/;$/, '')};` : null
  }
}
