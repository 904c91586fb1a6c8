import type { ActivitySession, BlockingTreeRow } from '../../../../shared/contract'

const line = (s: ActivitySession | undefined, pid: number): string => {
  if (!s) return `session ${pid} (not visible)`
  const who = [s.user && `user ${s.user}`, s.database && `database ${s.database}`, s.application && `application ${s.application}`].filter(Boolean).join(', ')
  const state = [s.state, s.wait && `waiting on ${s.wait}`, s.transactionMs !== null && `transaction open ${Math.round(s.transactionMs / 1000)} s`].filter(Boolean).join(', ')
  const statement = s.statement ? `: ${s.statement.replace(/\s+/g, ' ').trim()}` : ''
  return `session ${pid}${who ? ` (${who})` : ''} [${state}]${statement}`
}

/** The blocking tree as indented text (blocker first, each waiter under what it waits for): what the AI is asked about. */
export function chainText(tree: readonly BlockingTreeRow[], sessions: readonly ActivitySession[]): string {
  const byPid = new Map(sessions.map((s) => [s.pid, s]))
  return tree.map((row) => `${'  '.repeat(row.depth)}${row.depth ? '└ waits for the session above: ' : 'blocker: '}${line(byPid.get(row.pid), row.pid)}`).join('\n')
}

/** The statements of the sessions in the chain, once each (the explain task needs SQL to explain). */
export function chainStatements(tree: readonly BlockingTreeRow[], sessions: readonly ActivitySession[]): string {
  const byPid = new Map(sessions.map((s) => [s.pid, s]))
  const seen = new Set<number>()
  const out: string[] = []
  for (const row of tree) {
    if (seen.has(row.pid)) continue
    seen.add(row.pid)
    const statement = byPid.get(row.pid)?.statement?.trim()
    if (statement) out.push(`-- session ${row.pid}\n${statement.replace(/;\s*$/, '')};`)
  }
  return out.join('\n')
}
