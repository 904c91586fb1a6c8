import { quoteIfNeeded } from '../sql-identifiers'
import type { Collector } from './collector'
import type { ResolvedRef } from './derived-tables'
import { tableText } from './items'
import { sortKey } from './ranks'
import type { CompletionIndex } from './schema-index'

/** Joins and join conditions along foreign keys. */

/** A short alias from a table name's words (order_items → oi), not clashing with one already in the statement. */
export function aliasFor(name: string, taken: Set<string>): string {
  const words = name.split(/[_\s]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean)
  const base = (words.map((w) => w[0]!).join('') || 't').toLowerCase()
  let alias = base
  for (let n = 2; taken.has(alias); n++) alias = `${base}${n}`
  return alias
}

function condition(leftAlias: string, leftCols: string[], rightAlias: string, rightCols: string[], index: CompletionIndex): string {
  const q = (s: string): string => quoteIfNeeded(index.dialect, s)
  return leftCols.map((c, i) => `${q(leftAlias)}.${q(c)} = ${q(rightAlias)}.${q(rightCols[i]!)}`).join(' AND ')
}

/** `JOIN ` → `customers c ON c.id = o.customer_id` for every foreign key between a table in scope and another table. */
export function joinSuggestions(resolved: ResolvedRef[], index: CompletionIndex, out: Collector): void {
  const taken = new Set(resolved.map((r) => r.handle.toLowerCase()))
  const seen = new Set<string>()
  // Most recently joined tables first: that is usually what the next join hangs off.
  const ordered = [...resolved].sort((a, b) => b.ref.start - a.ref.start)
  ordered.forEach((r, rank) => {
    const { outgoing, incoming } = index.edgesOf(r.table)
    const candidates = [
      ...outgoing.map((e) => ({ other: e.to, otherCols: e.fk.refColumns, ownCols: e.fk.columns, fk: e.fk.name })),
      ...incoming.map((e) => ({ other: e.from, otherCols: e.fk.columns, ownCols: e.fk.refColumns, fk: e.fk.name }))
    ]
    for (const c of candidates) {
      const alias = aliasFor(c.other.name, taken)
      const text = `${tableText(c.other, index, true)} ${alias} ON ${condition(alias, c.otherCols, r.handle, c.ownCols, index)}`
      if (seen.has(text)) continue
      seen.add(text)
      out.add({ label: text, kind: 'join', insertText: text, detail: `via ${c.fk}`, sortText: sortKey('join', rank), filterText: c.other.name })
    }
  })
}

/**
 * After `ON`: the foreign-key conditions between the table joined last and the ones before it.
 * With `keyword` (right after the joined table, before ON is typed) each starts with `ON `.
 */
export function onConditions(resolved: ResolvedRef[], index: CompletionIndex, out: Collector, keyword = ''): void {
  // Tables named before the cursor: a join written further down is not the one being completed.
  const ordered = resolved.filter((r) => r.ref.start < out.ctx.replaceFrom).sort((a, b) => a.ref.start - b.ref.start)
  if (ordered.length < 2) return
  const last = ordered[ordered.length - 1]!
  const { outgoing, incoming } = index.edgesOf(last.table)
  for (const other of ordered.slice(0, -1)) {
    const add = (cond: string, fk: string): void => {
      const text = keyword + cond
      out.add({ label: text, kind: 'join', insertText: text, detail: `via ${fk}`, sortText: sortKey('join', 0), filterText: keyword ? text : last.handle })
    }
    for (const e of outgoing) if (e.to === other.table) add(condition(last.handle, e.fk.columns, other.handle, e.fk.refColumns, index), e.fk.name)
    for (const e of incoming) if (e.from === other.table) add(condition(last.handle, e.fk.refColumns, other.handle, e.fk.columns, index), e.fk.name)
  }
}
