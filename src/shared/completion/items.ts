import type { ColumnModel, TableModel } from '../schema-model'
import { quoteIfNeeded } from '../sql-identifiers'
import type { CompletionItem } from './collector'
import { type BandName, sortKey } from './ranks'
import type { CompletionIndex } from './schema-index'

/** Items for tables and columns. */

/** The name to write for a table: qualified by its schema outside the default one (when `qualify`). */
export function tableText(t: TableModel, index: CompletionIndex, qualify: boolean): string {
  const name = quoteIfNeeded(index.dialect, t.name)
  return qualify && t.schema && t.schema !== index.defaultSchema ? `${quoteIfNeeded(index.dialect, t.schema)}.${name}` : name
}

export function tableItem(t: TableModel, index: CompletionIndex, band: BandName, qualify: boolean): CompletionItem {
  return {
    label: t.name,
    kind: t.kind === 'table' ? 'table' : 'view',
    insertText: tableText(t, index, qualify),
    detail: t.schema && t.schema !== index.defaultSchema ? `${t.schema} · ${t.kind.replace('_', ' ')}` : t.kind.replace('_', ' '),
    documentation: t.comment ?? undefined,
    sortText: sortKey(band, t.schema === index.defaultSchema ? 0 : 1)
  }
}

/** A column, ranked by `positions` (the table's place, then the column's ordinal) so columns keep table order. */
export function columnItem(c: ColumnModel, table: TableModel, index: CompletionIndex, band: BandName, ...positions: number[]): CompletionItem {
  return {
    label: c.name,
    kind: 'column',
    insertText: quoteIfNeeded(index.dialect, c.name),
    detail: `${table.name}.${c.name} ${c.type}${c.nullable ? '' : ' NOT NULL'}`,
    documentation: c.comment ?? undefined,
    sortText: sortKey(band, ...positions)
  }
}
