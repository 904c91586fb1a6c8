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
export function displayCell(value: unknown): string {
  if (value === undefined) return '' // the row's block is still loading
  if (value === null) return 'NULL'
  const text = String(value)
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}
