import type { TableModel } from '../schema-model'
import { resolveTableRefs } from './derived-tables'
import type { CompletionIndex } from './schema-index'
import { commonTableExpressions, statementAt, tableRefs, tokensFor } from './sql-context'

export interface HoverInfo {
  /** Markdown. */
  contents: string
  start: number
  end: number
}

/** What the identifier under `offset` is: a column (type, nullability, comment) or a table (kind, rows, comment). */
export function hoverAt(text: string, offset: number, index: CompletionIndex): HoverInfo | null {
  const statement = statementAt(tokensFor(text, index.dialect), offset)
  const i = statement.findIndex((t) => t.start <= offset && offset <= t.end && (t.kind === 'word' || t.kind === 'ident'))
  if (i < 0) return null
  const token = statement[i]!
  const qualifier: string[] = []
  for (let k = i; statement[k - 1]?.text === '.' && statement[k - 2] && (statement[k - 2]!.kind === 'word' || statement[k - 2]!.kind === 'ident'); k -= 2) qualifier.unshift(statement[k - 2]!.value)
  const resolved = resolveTableRefs(tableRefs(statement), index, commonTableExpressions(statement))
  const name = token.value.toLowerCase()
  const at = { start: token.start, end: token.end }

  let tables: TableModel[]
  if (qualifier.length) {
    const q = qualifier[qualifier.length - 1]!.toLowerCase()
    const ref = resolved.find((r) => r.handle.toLowerCase() === q)
    const byName = qualifier.length > 1 ? index.resolve(qualifier[qualifier.length - 2]!, qualifier[qualifier.length - 1]!) : index.resolve(null, q)
    tables = ref ? [ref.table] : byName ? [byName] : []
    if (!tables.length && index.isSchema(q)) {
      const t = index.resolve(qualifier[qualifier.length - 1]!, token.value)
      return t ? { contents: describeTable(t), ...at } : null
    }
  } else {
    tables = resolved.map((r) => r.table)
  }
  for (const t of tables) {
    const c = t.columns.find((col) => col.name.toLowerCase() === name)
    if (c) {
      const flags = [c.nullable ? 'NULL' : 'NOT NULL', t.primaryKey?.columns.includes(c.name) ? 'PRIMARY KEY' : '', c.identity ? 'IDENTITY' : '', c.default ? `DEFAULT ${c.default}` : '', c.generated ? `GENERATED (${c.generated})` : '']
      const fk = t.foreignKeys.find((f) => f.columns.includes(c.name))
      const lines = [`**${t.name}.${c.name}** \`${c.type}\``, flags.filter(Boolean).join(' · ')]
      if (fk) lines.push(`→ ${fk.refTable}.${fk.refColumns[fk.columns.indexOf(c.name)]}`)
      if (c.comment) lines.push('', c.comment)
      return { contents: lines.join('\n\n'), ...at }
    }
  }
  const ref = resolved.find((r) => r.handle.toLowerCase() === name || r.table.name.toLowerCase() === name)
  const table = ref?.table ?? (qualifier.length ? index.resolve(qualifier[qualifier.length - 1]!, token.value) : index.resolve(null, token.value))
  return table ? { contents: describeTable(table), ...at } : null
}

function describeTable(t: TableModel): string {
  const kind = t.kind.replace('_', ' ')
  const rows = t.rowEstimate != null ? ` · ~${Math.round(t.rowEstimate).toLocaleString('en-US')} rows` : ''
  const lines = [`**${t.schema ? `${t.schema}.` : ''}${t.name}** (${kind}, ${t.columns.length} columns${rows})`]
  if (t.comment) lines.push('', t.comment)
  return lines.join('\n')
}
