import type { ActivitySession, BlockingTreeRow } from '../../../../shared/contract'
import { formatDuration } from './format-duration'

/** Blockers at the left, each waiter indented under the session it waits for. */
export function BlockingTree({ tree, sessions }: { tree: BlockingTreeRow[]; sessions: ActivitySession[] }): React.JSX.Element {
  const byPid = new Map(sessions.map((s) => [s.pid, s]))
  if (!tree.length) return <p className="muted activity-empty">No session is waiting for another.</p>
  return (
    <ul className="activity-tree" data-testid="activity-tree">
      {tree.map((row, i) => {
        const s = byPid.get(row.pid)
        return (
          <li key={`${i}-${row.pid}`} style={{ paddingLeft: `${row.depth * 20}px` }} data-testid="activity-tree-row" data-pid={row.pid} data-depth={row.depth}>
            <span className={row.depth ? 'activity-waiter' : 'activity-blocker'}>{row.depth ? '└ waits: ' : 'blocks: '}</span>
            <strong>{row.pid}</strong>
            {s ? (
              <>
                <span className="muted">
                  {' '}
                  {[s.user, s.state, s.wait, s.transactionMs !== null && `transaction ${formatDuration(s.transactionMs)}`].filter(Boolean).join(' · ')}
                </span>{' '}
                <code>{s.statement}</code>
              </>
            ) : (
              <span className="muted"> (not listed)</span>
            )}
          </li>
        )
      })}
    </ul>
  )
}
