import type { SortModelItem } from 'ag-grid-community'
import type { CellKind } from '../../../../shared/cells'
import type { Filter, Sort } from './grid-view-store'

export const numericKinds: ReadonlySet<CellKind> = new Set(['number', 'bigint', 'decimal'])

/** AG Grid's sort model → the contract's sort specs (column ids are column indexes). */
export function toSort(model: SortModelItem[]): Sort[] | undefined {
  const sort = model.filter((m) => /^\d+$/.test(m.colId) && m.sort).map((m) => ({ column: Number(m.colId), direction: m.sort as 'asc' | 'desc' }))
  return sort.length ? sort : undefined
}

const ops: Record<string, Filter['op'] | undefined> = {
  contains: 'contains',
  equals: 'equals',
  notEqual: 'notEquals',
  startsWith: 'startsWith',
  greaterThan: 'gt',
  lessThan: 'lt',
  blank: 'isNull',
  notBlank: 'notNull'
}

/** AG Grid's filter model (text/number filters, one condition each) → filter specs. */
export function toFilter(model: Record<string, { type?: string; filter?: unknown }> | null | undefined): Filter[] | undefined {
  const out: Filter[] = []
  for (const [colId, f] of Object.entries(model ?? {})) {
    const op = f.type ? ops[f.type] : undefined
    if (!op || !/^\d+$/.test(colId)) continue
    out.push({ column: Number(colId), op, ...(f.filter !== undefined && f.filter !== null ? { value: String(f.filter) } : {}) })
  }
  return out.length ? out : undefined
}

export const textFilterOptions = ['contains', 'equals', 'notEqual', 'startsWith', 'blank', 'notBlank']
export const numberFilterOptions = ['equals', 'notEqual', 'greaterThan', 'lessThan', 'blank', 'notBlank']

/** How a cell reads in the grid: NULL marked, long text cut (the cell viewer shows all of it). */
const isoDateTime = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/

/** What a cell shows: NULL spelled out, long text cut, timestamps the way a database prints them (a space, not 'T'). */
export function displayCell(value: unknown, kind?: CellKind): string {
  if (value === undefined) return '' // the row's block is still loading
  if (value === null) return 'NULL'
  const text = String(value)
  if (kind === 'datetime' && isoDateTime.test(text)) return text.replace('T', ' ')
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}

/** A first column width from the header and the first rows' text, clamped so one long value cannot take the screen. */
export function initialColumnWidth(header: string, samples: readonly string[]): number {
  const longest = Math.max(header.length + 3, ...samples.map((s) => Math.min(s.length, 60)))
  return Math.max(70, Math.min(420, Math.round(longest * 7.5 + 24)))
}

/** Whether text keeps its spacing in a grid cell (EXPLAIN text indents with spaces); multi-line values stay on one line. */
export const keepsSpacing = (value: unknown): boolean => typeof value === 'string' && !value.includes('\n') && /^\s|\s\s/.test(value)

/** A result of one text column that is a plan, one line a row (PostgreSQL's "QUERY PLAN", MySQL's EXPLAIN FORMAT=TREE). */
export function isPlanText(columns: readonly { name: string; kind: CellKind }[], fromExplain: boolean): boolean {
  return columns.length === 1 && columns[0]!.kind === 'text' && (fromExplain || /plan/i.test(columns[0]!.name))
}

/** Plan text is read whole: its column as wide as its longest line (monospace), up to a wide screen. */
export function planTextColumnWidth(header: string, samples: readonly string[]): number {
  const longest = Math.max(header.length + 3, ...samples.map((s) => s.length))
  return Math.max(420, Math.min(2400, Math.round(longest * 7.9 + 24)))
}
