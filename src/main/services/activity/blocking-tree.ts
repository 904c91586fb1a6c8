import type { BlockingTreeRow } from '../../../shared/contract/activity'

/**
 * The blocking tree from each session's blockers, flattened in display order: every session that blocks others and
 * waits for no one at depth 0, its waiters under it, their waiters under them. A waiter blocked by two sessions appears
 * under both. Sessions that wait on each other in a cycle (a deadlock the server has not broken yet) have no such root:
 * the cycle is shown from its lowest pid, and stops where it comes back round.
 */
export function blockingTree(sessions: readonly { pid: number; blockedBy: readonly number[] }[]): BlockingTreeRow[] {
  const waitersOf = new Map<number, number[]>()
  const waiting = new Set<number>()
  for (const s of sessions) {
    for (const blocker of s.blockedBy) {
      if (blocker === s.pid) continue
      waiting.add(s.pid)
      const list = waitersOf.get(blocker) ?? []
      if (!list.includes(s.pid)) list.push(s.pid)
      waitersOf.set(blocker, list)
    }
  }
  const rows: BlockingTreeRow[] = []
  const shown = new Set<number>()
  const visit = (pid: number, depth: number, waitsFor: number | null, path: Set<number>): void => {
    rows.push({ pid, depth, waitsFor })
    shown.add(pid)
    if (path.has(pid)) return
    path.add(pid)
    for (const waiter of [...(waitersOf.get(pid) ?? [])].sort((a, b) => a - b)) visit(waiter, depth + 1, pid, path)
    path.delete(pid)
  }
  const blockers = [...waitersOf.keys()].sort((a, b) => a - b)
  for (const pid of blockers) if (!waiting.has(pid)) visit(pid, 0, null, new Set())
  for (const pid of blockers) if (!shown.has(pid)) visit(pid, 0, null, new Set())
  return rows
}
