import { factsOf } from '../engines'
import { quoteIfNeeded } from '../sql-identifiers'
import { isKeyword, type SqlToken } from '../sql-tokens'
import { Collector, type CompletionItem } from './collector'
import { type ResolvedRef, resolveTableRefs } from './derived-tables'
import { dialectWords } from './dialect-words'
import { columnItem, tableItem } from './items'
import { joinSuggestions, onConditions } from './join-suggestions'
import { type Expectation, expectedKeywords } from './next-keywords'
import { type BandName, sortKey } from './ranks'
import type { CompletionIndex } from './schema-index'
import { type CursorContext, cursorContext } from './sql-context'

export type { CompletionItem, CompletionKind } from './collector'
export { aliasFor } from './join-suggestions'

export interface CompletionResult {
  items: CompletionItem[]
  /** Offset in the text where the inserted text starts (the typed prefix is replaced). */
  replaceFrom: number
  context: CursorContext
}

/** At most this many columns of unnamed tables (before FROM is written), so a huge schema stays quick. */
const MAX_ANY_COLUMNS = 1000

/** Completion items for the cursor at `offset` in `text`, from the schema in `index`, ranked by what fits there. */
export function complete(text: string, offset: number, index: CompletionIndex): CompletionResult {
  const ctx = cursorContext(text, offset, index.dialect)
  const resolved = resolveTableRefs(ctx.refs, index, ctx.ctes)
  const out = new Collector(ctx, index)
  const result = { items: out.items, replaceFrom: ctx.replaceFrom, context: ctx }

  if (ctx.qualifier) {
    completeQualified(ctx.qualifier, resolved, index, out)
    return result
  }
  switch (ctx.clause) {
    case 'join':
      joinSuggestions(resolved, index, out)
      tables(index, out)
      break
    case 'table':
      tables(index, out)
      schemas(index, out)
      break
    case 'after-table':
    case 'start': {
      const expected = expectedKeywords(ctx.head, index.dialect)
      // Right after a joined table: its ON condition along a foreign key.
      if (expected.words[0] === 'ON') onConditions(resolved, index, out, 'ON ')
      keywords(expected.words, 'keyword', out)
      keywords(dialectWords(index.dialect).keywords, 'otherKeyword', out)
      break
    }
    case 'on':
      onConditions(resolved, index, out)
      expression(expectedKeywords(ctx.head, index.dialect), resolved, out)
      break
    default:
      expression(expectedKeywords(ctx.head, index.dialect), resolved, out)
  }
  return result
}

/** Where an expression goes: fitting keywords, columns in scope (or of every table before FROM), functions, the rest. */
function expression(expected: Expectation, resolved: ResolvedRef[], out: Collector): void {
  const { index, ctx } = out
  if (expected.mode !== 'value') keywords(expected.words, 'keyword', out)
  if (expected.mode !== 'only') {
    resolved.forEach((r, t) => r.table.columns.forEach((c, i) => out.add(columnItem(c, r.table, index, 'column', t, i))))
    for (const r of resolved) out.add({ label: r.handle, kind: 'alias', insertText: quoteIfNeeded(index.dialect, r.handle), detail: r.table.name, sortText: sortKey('alias') })
    if (resolved.length === 0) unscoped(ctx, out)
    functions(out)
    if (expected.mode === 'value') keywords(expected.words, 'valueKeyword', out)
  }
  keywords(dialectWords(index.dialect).keywords, 'otherKeyword', out)
}

/**
 * No table in scope yet (`SELECT na|` before FROM is written): the tables, as `* FROM t` at the start of the select
 * list, then every table's columns in table order.
 */
function unscoped(ctx: CursorContext, out: Collector): void {
  const { index } = out
  if (!ctx.statement.some((t) => isKeyword(t, 'SELECT'))) {
    if (ctx.prefix) tables(index, out)
    return
  }
  const addFrom = !ctx.quote && startsSelectList(ctx.head) && !ctx.statement.some((t) => isKeyword(t, 'FROM'))
  for (const t of index.tables) {
    if (!out.matches(t.name)) continue
    const item = tableItem(t, index, 'table', true)
    const text = `* FROM ${item.insertText}`
    out.add(addFrom ? { ...item, label: text, insertText: text, filterText: t.name } : item)
  }
  let left = MAX_ANY_COLUMNS
  index.tables.forEach((t, ti) =>
    t.columns.forEach((c, ci) => {
      if (left > 0 && out.matches(c.name)) {
        out.add(columnItem(c, t, index, 'anyColumn', ti, ci))
        left--
      }
    })
  )
}

/** The cursor is at the first item of a select list: `SELECT |`, `SELECT DISTINCT |`. */
function startsSelectList(head: SqlToken[]): boolean {
  const n = head.length
  return isKeyword(head[n - 1], 'SELECT') || (isKeyword(head[n - 1], 'DISTINCT', 'ALL') && isKeyword(head[n - 2], 'SELECT'))
}

function tables(index: CompletionIndex, out: Collector): void {
  for (const t of index.tables) if (out.matches(t.name)) out.add(tableItem(t, index, 'table', true))
}

function schemas(index: CompletionIndex, out: Collector): void {
  for (const s of index.schemas) if (s !== index.defaultSchema) out.add({ label: s, kind: 'schema', insertText: quoteIfNeeded(index.dialect, s), sortText: sortKey('schema') })
}

function functions(out: Collector): void {
  const { index } = out
  // The database's own functions first (qualified outside the default schema), then the dialect's built-ins, common ones first.
  for (const r of index.model.routines) {
    if (r.kind !== 'function') continue
    const name = quoteIfNeeded(index.dialect, r.name)
    out.add({
      label: r.name,
      kind: 'function',
      insertText: r.schema && r.schema !== index.defaultSchema && !factsOf(index.dialect).schemaIsDatabase ? `${quoteIfNeeded(index.dialect, r.schema)}.${name}` : name,
      detail: `${r.signature}${r.returns ? ` → ${r.returns}` : ''}`,
      sortText: sortKey('userFunction')
    })
  }
  dialectWords(index.dialect).functions.forEach((f, i) => out.add({ label: f, kind: 'function', insertText: f, detail: 'function', sortText: sortKey('function', i) }))
}

/** Keywords in the given order (a keyword already offered in a better band is skipped by the collector). */
function keywords(words: string[], band: BandName, out: Collector): void {
  words.forEach((k, i) => out.add({ label: k, kind: 'keyword', insertText: k, sortText: sortKey(band, i) }))
}

function completeQualified(qualifier: string[], resolved: ResolvedRef[], index: CompletionIndex, out: Collector): void {
  const last = qualifier[qualifier.length - 1]!.toLowerCase()
  if (qualifier.length === 1) {
    const ref = resolved.find((r) => r.handle.toLowerCase() === last) ?? resolved.find((r) => r.table.name.toLowerCase() === last)
    const table = ref?.table ?? index.resolve(null, qualifier[0]!)
    if (table) table.columns.forEach((c, i) => out.add(columnItem(c, table, index, 'column', 0, i)))
    if (index.isSchema(qualifier[0]!)) for (const t of index.tablesInSchema(qualifier[0]!)) if (out.matches(t.name)) out.add(tableItem(t, index, 'table', false))
    return
  }
  const table = index.resolve(qualifier[qualifier.length - 2]!, qualifier[qualifier.length - 1]!)
  if (table) table.columns.forEach((c, i) => out.add(columnItem(c, table, index, 'column', 0, i)))
}
