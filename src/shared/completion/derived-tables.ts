import type { ColumnModel, TableModel } from '../schema-model'
import { isKeyword, type SqlToken, splitTopLevel } from '../sql-tokens'
import type { CompletionIndex } from './schema-index'
import { type CommonTableExpression, type TableRef, tableRefs } from './sql-context'

const isName = (t: SqlToken | undefined): boolean => !!t && (t.kind === 'word' || t.kind === 'ident')
const MAX_DEPTH = 4

export interface ResolvedRef {
  ref: TableRef
  table: TableModel
  /** How the statement refers to it: its alias, else its name. */
  handle: string
}

/** Table references resolved to tables: catalog tables, CTEs and derived tables (subqueries in FROM). */
export function resolveTableRefs(refs: TableRef[], index: CompletionIndex, ctes: CommonTableExpression[] = [], depth = 0): ResolvedRef[] {
  const out: ResolvedRef[] = []
  for (const ref of refs) {
    const handle = ref.alias ?? ref.name
    const cte = !ref.schema && !ref.subquery ? ctes.find((c) => c.name.toLowerCase() === ref.name.toLowerCase()) : undefined
    const table = ref.subquery
      ? deriveTable(ref.name, ref.subquery, null, index, ctes, depth + 1)
      : cte
        ? deriveTable(cte.name, cte.body, cte.columns, index, ctes, depth + 1)
        : index.resolve(ref.schema, ref.name)
    if (table) out.push({ ref, table, handle })
  }
  return out
}

/**
 * A table for a CTE or derived table: its columns are the subquery's select list (`a.x`, `expr AS y`, `t.*`, `*`),
 * typed like the underlying column where an item is a plain column reference.
 */
export function deriveTable(name: string, body: SqlToken[], explicitColumns: string[] | null, index: CompletionIndex, ctes: CommonTableExpression[], depth: number): TableModel {
  const table: TableModel = { schema: '', name, kind: 'view', columns: [], foreignKeys: [], indexes: [], constraints: [], triggers: [] }
  const select = body.findIndex((t) => isKeyword(t, 'SELECT'))
  if (select >= 0 && depth <= MAX_DEPTH) {
    const from = selectListEnd(body, select)
    const inner = resolveTableRefs(tableRefs(body.slice(from)), index, ctes, depth)
    for (const item of splitTopLevel(body, select + 1, from)) table.columns.push(...itemColumns(item.filter((t) => !isKeyword(t, 'DISTINCT', 'ALL')), inner))
  }
  if (explicitColumns) table.columns = explicitColumns.map((n, i) => ({ ...(table.columns[i] ?? { type: '', nullable: true }), name: n }))
  return table
}

/** Index of the FROM that ends the select list (the first at the select's own nesting level). */
function selectListEnd(body: SqlToken[], select: number): number {
  let depth = 0
  for (let i = select + 1; i < body.length; i++) {
    const t = body[i]!
    if (t.text === '(') depth++
    else if (t.text === ')') depth--
    else if (depth === 0 && isKeyword(t, 'FROM')) return i
  }
  return body.length
}

function itemColumns(tokens: SqlToken[], inner: ResolvedRef[]): ColumnModel[] {
  const n = tokens.length
  const last = tokens[n - 1]
  const prev = tokens[n - 2]
  if (!last) return []
  const qualifier = prev?.text === '.' && tokens[n - 3] ? tokens[n - 3]!.value.toLowerCase() : null
  if (last.text === '*') return inner.filter((r) => !qualifier || r.handle.toLowerCase() === qualifier).flatMap((r) => r.table.columns)
  if (!isName(last)) return []
  const explicitAlias = n >= 2 && isKeyword(prev, 'AS')
  const implicitAlias = n >= 2 && prev!.text !== '.' && !isKeyword(last, 'END') && (prev!.text === ')' || isName(prev) || prev!.kind === 'number' || prev!.kind === 'string')
  if (explicitAlias || implicitAlias) {
    // `o.total AS amount` keeps the type of o.total.
    const source = n === 5 && tokens[1]!.text === '.' ? columnOf(inner, tokens[0]!.value, tokens[2]!.value) : n === 3 ? columnOf(inner, null, tokens[0]!.value) : undefined
    return [{ name: last.value, type: source?.type ?? '', nullable: source?.nullable ?? true }]
  }
  const col = columnOf(inner, qualifier, last.value)
  return [col ? { ...col } : { name: last.value, type: '', nullable: true }]
}

function columnOf(inner: ResolvedRef[], qualifier: string | null, column: string): ColumnModel | undefined {
  const c = column.toLowerCase()
  for (const r of inner) {
    if (qualifier && r.handle.toLowerCase() !== qualifier.toLowerCase()) continue
    const found = r.table.columns.find((x) => x.name.toLowerCase() === c)
    if (found) return found
  }
  return undefined
}
