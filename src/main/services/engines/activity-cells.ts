import type { Cell } from '../../../shared/cells'
import type { ActivityLock, ActivitySession } from '../../../shared/contract/activity'

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

/** A flag as the engine returns it: a boolean (PostgreSQL) or 0/1 (SQL Server, MySQL). */
const flag = (cell: Cell): boolean => cell === true || Number(cell) === 1

/**
 * A sessions row in the column order every engine's sessions query uses: pid, user, database, client address,
 * application, state, statement, truncated, statement ms, transaction ms, wait, blocking pids.
 */
export function sessionFromRow(r: Cell[], ownPid: number | null): ActivitySession {
  return {
    pid: Number(r[0]),
    user: textOrNull(r[1]),
    database: textOrNull(r[2]),
    clientAddress: textOrNull(r[3]),
    application: textOrNull(r[4]),
    state: textOrNull(r[5]),
    statement: textOrNull(r[6]),
    statementTruncated: flag(r[7]),
    statementMs: numberOrNull(r[8]),
    transactionMs: numberOrNull(r[9]),
    wait: textOrNull(r[10]),
    blockedBy: pidList(r[11]),
    own: Number(r[0]) === ownPid
  }
}

/** A locks row: pid, lock type, relation, mode, granted. */
export const lockFromRow = (r: Cell[]): ActivityLock => ({ pid: Number(r[0]), lockType: String(r[1]), relation: textOrNull(r[2]), mode: String(r[3]), granted: flag(r[4]) })
