import type { ActivitySession } from '../../../../shared/contract'

export type SessionSortKey = 'pid' | 'statementMs' | 'transactionMs'
export interface SessionSort {
  key: SessionSortKey
  descending: boolean
}

/** Sessions sorted by one column; sessions without a value (no statement running, no transaction) always go last. */
export function sortSessions(sessions: readonly ActivitySession[], sort: SessionSort): ActivitySession[] {
  const sign = sort.descending ? -1 : 1
  return [...sessions].sort((a, b) => {
    const x = a[sort.key]
    const y = b[sort.key]
    if (x === null || y === null) return x === y ? a.pid - b.pid : x === null ? 1 : -1
    return (x - y) * sign || a.pid - b.pid
  })
}
