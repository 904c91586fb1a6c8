import type { Cell } from '../../../shared/cells'

/** Reading activity rows: catalog cells arrive as numbers, or as text where a value may not fit a double. */
export const textOrNull = (cell: Cell): string | null => (cell === null || cell === '' ? null : String(cell))

export function numberOrNull(cell: Cell): number | null {
  if (cell === null || cell === '') return null
  const n = Number(cell)
  return Number.isFinite(n) ? n : null
}

/** A comma-separated list of session ids (PostgreSQL's pg_blocking_pids, MySQL's GROUP_CONCAT) as numbers. */
export function pidList(cell: Cell): number[] {
  if (cell === null) return []
  return [...new Set(String(cell).split(',').map((p) => Number(p.trim())).filter((p) => Number.isSafeInteger(p) && p > 0))]
}
