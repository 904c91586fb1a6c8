import { factsOf } from '../engines'
import type { ColumnModel, TableModel } from '../schema-model'
import { quoteIdentifier, quoteIfNeeded } from '../sql-identifiers'
import { dialectWords } from './dialect-words'
import type { CompletionIndex } from './schema-index'
import { type ResolvedRef, resolveTableRefs } from './derived-tables'
import { type CursorContext, cursorContext } from './sql-context'

export type CompletionKind = 'keyword' | 'function' | 'schema' | 'table' | 'view' | 'column' | 'alias' | 'join'

export interface CompletionItem {
  label: string
  kind: CompletionKind
  insertText: string
  /** Shown beside the label: a column's table and type, a table's schema. */
  detail?: string
  documentation?: string
  /** Lower sorts first. */
  sortText: string
  /** What the editor matches the typed text against (includes an opened quote). */
  filterText?: string
}

export interface CompletionResult {
  items: CompletionItem[]
  /** Offset in the text where the inserted text starts (the typed prefix is replaced). */
  replaceFrom: number
  context: CursorContext
}


/** Completion items for the cursor at `offset` in `text`, from the schema in `index`. */
export function complete(text: string, offset: number, index: CompletionIndex): CompletionResult {
  const ctx = cursorContext(text, offset, index.dialect)
  const resolved = resolveTableRefs(ctx.refs, index, ctx.ctes)
  const out = new Collector(ctx, index)

  if (ctx.qualifier) {
    completeQualified(ctx.qualifier, resolved, index, out)
    return { items: out.items, replaceFrom: ctx.replaceFrom, context: ctx }
  }
  switch (ctx.clause) {
    case 'join':
      joinSuggestions(resolved, index, out)
      tables(index, out, '2')
      break
    case 'table':
      tables(index, out, '1')
      schemas(index, out)
      break
    case 'on':
      onConditions(resolved, index, out)
      columnsInScope(resolved, out)
      keywords(index, out)
      break
    case 'after-table':
      keywords(index, out)
      break
    case 'start':
      keywords(index, out)
      break
    default:
      columnsInScope(resolved, out)
      for (const r of resolved) out.add({ label: r.handle, kind: 'alias', insertText: quoteIfNeeded(index.dialect, r.handle), detail: r.table.name, sortText: '2' })
      functions(index, out)
      keywords(index, out)
      if (resolved.length === 0 && ctx.prefix) tables(index, out, '5')
  }
  return { items: out.items, replaceFrom: ctx.replaceFrom, context: ctx }
}


/** Collects items, keeping only those that can match the typed prefix (the editor filters fuzzily after us). */
class Collector {
  readonly items: CompletionItem[] = []
  private readonly prefix: string
  constructor(
    private readonly ctx: CursorContext,
    readonly index: CompletionIndex
  ) {
    this.prefix = ctx.prefix.toLowerCase()
  }

  matches(label: string): boolean {
    return !this.prefix || fuzzyStart(label.toLowerCase(), this.prefix)
  }

  add(item: CompletionItem): void {
    if (!this.matches(item.filterText ?? item.label)) return
    if (this.ctx.quote && item.kind !== 'keyword' && item.kind !== 'function' && item.kind !== 'join') {
      // The user opened a quote: finish the quoted identifier in the dialect's own style.
      item = { ...item, insertText: quoteIdentifier(this.index.dialect, item.label), filterText: this.ctx.quote + item.label }
    }
    this.items.push(item)
  }
}

/** The first letters match, the rest are a subsequence: `ordit` finds `order_items`. */
function fuzzyStart(label: string, prefix: string): boolean {
  if (label[0] !== prefix[0]) return false
  let j = 1
  for (let i = 1; i < label.length && j < prefix.length; i++) if (label[i] === prefix[j]) j++
  return j === prefix.length
}

function tableItem(t: TableModel, index: CompletionIndex, sort: string, qualify: boolean): CompletionItem {
  const name = quoteIfNeeded(index.dialect, t.name)
  const insertText = qualify && t.schema && t.schema !== index.defaultSchema ? `${quoteIfNeeded(index.dialect, t.schema)}.${name}` : name
  return {
    label: t.name,
    kind: t.kind === 'table' ? 'table' : 'view',
    insertText,
    detail: t.schema && t.schema !== index.defaultSchema ? `${t.schema} · ${t.kind.replace('_', ' ')}` : t.kind.replace('_', ' '),
    documentation: t.comment ?? undefined,
    sortText: `${sort}${t.schema === index.defaultSchema ? '0' : '1'}`
  }
}

function tables(index: CompletionIndex, out: Collector, sort: string): void {
  for (const t of index.tables) if (out.matches(t.name)) out.add(tableItem(t, index, sort, true))
}

function schemas(index: CompletionIndex, out: Collector): void {
  for (const s of index.schemas) if (s !== index.defaultSchema) out.add({ label: s, kind: 'schema', insertText: quoteIfNeeded(index.dialect, s), sortText: '3' })
}

function columnItem(c: ColumnModel, table: TableModel, index: CompletionIndex, sort: string): CompletionItem {
  return {
    label: c.name,
    kind: 'column',
    insertText: quoteIfNeeded(index.dialect, c.name),
    detail: `${table.name}.${c.name} ${c.type}${c.nullable ? '' : ' NOT NULL'}`,
    documentation: c.comment ?? undefined,
    sortText: sort
  }
}

function columnsInScope(resolved: ResolvedRef[], out: Collector): void {
  for (const r of resolved) for (const c of r.table.columns) out.add(columnItem(c, r.table, out.index, '1'))
}

function functions(index: CompletionIndex, out: Collector): void {
  // The database's own functions first (qualified outside the default schema), then the dialect's built-ins.
  for (const r of index.model.routines) {
    if (r.kind !== 'function') continue
    const name = quoteIfNeeded(index.dialect, r.name)
    out.add({
      label: r.name,
      kind: 'function',
      insertText: r.schema && r.schema !== index.defaultSchema && !factsOf(index.dialect).schemaIsDatabase ? `${quoteIfNeeded(index.dialect, r.schema)}.${name}` : name,
      detail: `${r.signature}${r.returns ? ` → ${r.returns}` : ''}`,
      sortText: '6'
    })
  }
  for (const f of dialectWords(index.dialect).functions) out.add({ label: f, kind: 'function', insertText: f, detail: 'function', sortText: '7' })
}

function keywords(index: CompletionIndex, out: Collector): void {
  for (const k of dialectWords(index.dialect).keywords) out.add({ label: k, kind: 'keyword', insertText: k, sortText: '8' })
}

function completeQualified(qualifier: string[], resolved: ResolvedRef[], index: CompletionIndex, out: Collector): void {
  const last = qualifier[qualifier.length - 1]!.toLowerCase()
  if (qualifier.length === 1) {
    const ref = resolved.find((r) => r.handle.toLowerCase() === last) ?? resolved.find((r) => r.table.name.toLowerCase() === last)
    const table = ref?.table ?? index.resolve(null, qualifier[0]!)
    if (table) for (const c of table.columns) out.add(columnItem(c, table, index, '1'))
    if (index.isSchema(qualifier[0]!)) for (const t of index.tablesInSchema(qualifier[0]!)) if (out.matches(t.name)) out.add(tableItem(t, index, '2', false))
    return
  }
  const table = index.resolve(qualifier[qualifier.length - 2]!, qualifier[qualifier.length - 1]!)
  if (table) for (const c of table.columns) out.add(columnItem(c, table, index, '1'))
}

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
function joinSuggestions(resolved: ResolvedRef[], index: CompletionIndex, out: Collector): void {
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
      const target = tableItem(c.other, index, '0', true).insertText
      const text = `${target} ${alias} ON ${condition(alias, c.otherCols, r.handle, c.ownCols, index)}`
      if (seen.has(text)) continue
      seen.add(text)
      out.add({ label: text, kind: 'join', insertText: text, detail: `via ${c.fk}`, sortText: `0${String(rank).padStart(3, '0')}`, filterText: c.other.name })
    }
  })
}

/** After `ON`: the foreign-key conditions between the table joined last and the ones before it. */
function onConditions(resolved: ResolvedRef[], index: CompletionIndex, out: Collector): void {
  if (resolved.length < 2) return
  const ordered = [...resolved].sort((a, b) => a.ref.start - b.ref.start)
  const last = ordered[ordered.length - 1]!
  for (const other of ordered.slice(0, -1)) {
    const { outgoing, incoming } = index.edgesOf(last.table)
    const add = (text: string, fk: string): void => out.add({ label: text, kind: 'join', insertText: text, detail: `via ${fk}`, sortText: '0', filterText: last.handle })
    for (const e of outgoing) if (e.to === other.table) add(condition(last.handle, e.fk.columns, other.handle, e.fk.refColumns, index), e.fk.name)
    for (const e of incoming) if (e.from === other.table) add(condition(last.handle, e.fk.refColumns, other.handle, e.fk.columns, index), e.fk.name)
  }
}
