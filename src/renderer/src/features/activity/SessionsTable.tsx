import { useState } from 'react'
import type { ActivitySession } from '../../../../shared/contract'
import { useActivityStore } from './activity-store'
import { formatDuration } from './format-duration'
import { sortSessions, type SessionSort, type SessionSortKey } from './session-sort'

interface Props {
  sessions: ActivitySession[]
  /** Why Cancel and Terminate are off (a read-only connection); undefined when they may be used. */
  actionsDisabled?: string
}

function SortHeader({ label, column, sort, onSort }: { label: string; column: SessionSortKey; sort: SessionSort; onSort(key: SessionSortKey): void }): React.JSX.Element {
  const arrow = sort.key === column ? (sort.descending ? ' ▼' : ' ▲') : ''
  return (
    <th aria-sort={sort.key === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button className="link-button" onClick={() => onSort(column)} data-testid={`activity-sort-${column}`}>
        {label}
        {arrow}
      </button>
    </th>
  )
}

/** Every server session, longest-running statement first by default; Cancel and Terminate ask before they act. */
export function SessionsTable({ sessions, actionsDisabled }: Props): React.JSX.Element {
  const [sort, setSort] = useState<SessionSort>({ key: 'statementMs', descending: true })
  const ask = useActivityStore((s) => s.ask)
  const onSort = (key: SessionSortKey) => setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'pid' }))
  return (
    <div className="activity-table-wrap">
      <table className="activity-table" data-testid="activity-sessions">
        <thead>
          <tr>
            <SortHeader label="PID" column="pid" sort={sort} onSort={onSort} />
            <th />
            <th>User</th>
            <th>Database</th>
            <th>Client</th>
            <th>Application</th>
            <th>State</th>
            <th>Wait</th>
            <SortHeader label="Statement time" column="statementMs" sort={sort} onSort={onSort} />
            <SortHeader label="Transaction time" column="transactionMs" sort={sort} onSort={onSort} />
            <th>Blocked by</th>
            <th>Statement</th>
          </tr>
        </thead>
        <tbody>
          {sortSessions(sessions, sort).map((s) => (
            <tr key={s.pid} className={s.blockedBy.length ? 'activity-blocked' : undefined} data-testid="activity-session" data-pid={s.pid}>
              <td className="num">
                {s.pid}
                {s.own && <span className="muted"> (this view)</span>}
              </td>
              <td>
                {!s.own && (
                  <div className="activity-actions">
                    <button disabled={!!actionsDisabled} title={actionsDisabled ?? 'Stop the running statement; the session stays'} onClick={() => ask('cancel', s.pid)} data-testid="activity-cancel">
                      Cancel
                    </button>
                    <button
                      className="danger"
                      disabled={!!actionsDisabled}
                      title={actionsDisabled ?? 'End the session; its open transaction is rolled back'}
                      onClick={() => ask('terminate', s.pid)}
                      data-testid="activity-terminate"
                    >
                      Terminate
                    </button>
                  </div>
                )}
              </td>
              <td>{s.user}</td>
              <td>{s.database}</td>
              <td>{s.clientAddress}</td>
              <td>{s.application}</td>
              <td>{s.state}</td>
              <td>{s.wait}</td>
              <td className="num">{formatDuration(s.statementMs)}</td>
              <td className="num">{formatDuration(s.transactionMs)}</td>
              <td data-testid="activity-blocked-by">{s.blockedBy.join(', ')}</td>
              <td className="activity-statement" title={s.statement ?? undefined}>
                <code>{s.statement}</code>
                {s.statementTruncated && <span className="muted"> …</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
