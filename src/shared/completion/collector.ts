import { quoteIdentifier } from '../sql-identifiers'
import type { CompletionIndex } from './schema-index'
import type { CursorContext } from './sql-context'

export type CompletionKind = 'keyword' | 'function' | 'schema' | 'table' | 'view' | 'column' | 'alias' | 'join'

export interface CompletionItem {
  label: string
  kind: CompletionKind
  insertText: string
  /** Shown beside the label: a column's table and type, a table's schema. */
  detail?: string
  documentation?: string
  /** Lower sorts first (see ranks.ts). */
  sortText: string
  /** What the editor matches the typed text against (includes an opened quote). */
  filterText?: string
}

/** Collects items, keeping only those that can match the typed prefix (the editor filters fuzzily after us). */
export class Collector {
  readonly items: CompletionItem[] = []
  private readonly prefix: string
  private readonly keywords = new Set<string>()
  constructor(
    readonly ctx: CursorContext,
    readonly index: CompletionIndex
  ) {
    this.prefix = ctx.prefix.toLowerCase()
  }

  matches(label: string): boolean {
    return !this.prefix || fuzzyStart(label.toLowerCase(), this.prefix)
  }

  add(item: CompletionItem): void {
    if (!this.matches(item.filterText ?? item.label)) return
    if (item.kind === 'keyword') {
      // A keyword offered in a better band is not repeated further down.
      if (this.keywords.has(item.label)) return
      this.keywords.add(item.label)
    }
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
