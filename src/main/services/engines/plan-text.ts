import type { Cell } from '../../../shared/cells'

/** Plan rows as text: the first column of each row, or every column joined with ` | `. */
export function planText(rows: Cell[][], allColumns = false): string {
  return rows.map((r) => (allColumns ? r.map((c) => (c === null ? '' : String(c))).join(' | ') : String(r[0] ?? ''))).join('\n')
}
