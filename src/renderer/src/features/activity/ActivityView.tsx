import './activity.css'
import { useEffect } from 'react'
import { useAppStore } from '../../app/app-store'
import { BlockingTree } from './BlockingTree'
import { ExplainChain } from './ExplainChain'
import { LocksTable } from './LocksTable'
import { REFRESH_CHOICES, useActivityStore, type RefreshSeconds } from './activity-store'
import { SessionActionDialog } from './SessionActionDialog'
import { SessionsTable } from './SessionsTable'
import { TopStatementsTable } from './TopStatementsTable'

/** Live sessions of a server: who runs what for how long, who blocks whom, the locks, and the costliest statements. */
export function ActivityView(): React.JSX.Element {
  const connections = useAppStore((s) => s.connections)
  const browsing = useAppStore((s) => s.browsingConnectionId)
  const a = useActivityStore()
  const { choose, refresh } = a
  const connectionId = a.connectionId ?? browsing

  useEffect(() => {
    if (connectionId && connectionId !== useActivityStore.getState().connectionId) void choose(connectionId)
  }, [connectionId, choose])

  useEffect(() => {
    if (!a.refreshSeconds || !a.support?.supported) return
    const timer = setInterval(() => void refresh(), a.refreshSeconds * 1000)
    return () => clearInterval(timer)
  }, [a.refreshSeconds, a.support?.supported, connectionId, refresh])

  const snap = a.snapshot
  const readOnlyReason = a.support?.readOnly ? 'Not on a read-only connection' : undefined
  return (
    <div className="activity-view" data-testid="activity-view">
      <div className="activity-toolbar">
        <select value={connectionId ?? ''} onChange={(e) => void choose(e.target.value)} data-testid="activity-connection" aria-label="Connection">
          {!connectionId && <option value="">Choose a connection</option>}
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.readOnly ? ' (read-only)' : ''}
            </option>
          ))}
        </select>
        <label>
          Refresh
          <select value={a.refreshSeconds} onChange={(e) => a.setRefresh(Number(e.target.value) as RefreshSeconds)} data-testid="activity-refresh-interval">
            {REFRESH_CHOICES.map((s) => (
              <option key={s} value={s}>
                {s ? `every ${s} s` : 'off'}
              </option>
            ))}
          </select>
        </label>
        <button onClick={() => void refresh()} disabled={!a.support?.supported || a.loading} data-testid="activity-refresh">
          Refresh now
        </button>
        <label title="This view reads on a session of its own (application_name 'QueryGenie activity monitor' on PostgreSQL)">
          <input type="checkbox" checked={a.includeOwn} onChange={(e) => a.setIncludeOwn(e.target.checked)} data-testid="activity-include-own" /> Show this view’s session
        </label>
        {snap && <span className="muted">as of {new Date(snap.capturedAt).toLocaleTimeString()}</span>}
        {readOnlyReason && <span className="muted" data-testid="activity-read-only">Read-only connection: Cancel and Terminate are off.</span>}
      </div>
      {a.support && !a.support.supported && <p className="activity-note" data-testid="activity-unsupported">{a.support.reason}</p>}
      {a.error && <p className="inline-error" data-testid="activity-error">{a.error}</p>}
      {a.actionMessage && <p className="activity-note" data-testid="activity-action-message">{a.actionMessage}</p>}
      {snap && connectionId && (
        <div className="activity-sections">
          <section>
            <h3>Sessions ({snap.sessions.length})</h3>
            <SessionsTable sessions={snap.sessions} actionsDisabled={readOnlyReason} />
          </section>
          <section>
            <h3>Blocking</h3>
            <BlockingTree tree={snap.blockingTree} sessions={snap.sessions} />
            {snap.blockingTree.length > 0 && <ExplainChain connectionId={connectionId} tree={snap.blockingTree} sessions={snap.sessions} />}
          </section>
          <section>
            <h3>Locks ({snap.locks.length})</h3>
            <LocksTable locks={snap.locks} note={snap.locksNote} />
          </section>
          <section>
            <h3>Top statements</h3>
            <TopStatementsTable top={snap.topStatements} />
          </section>
          <SessionActionDialog sessions={snap.sessions} />
        </div>
      )}
    </div>
  )
}
