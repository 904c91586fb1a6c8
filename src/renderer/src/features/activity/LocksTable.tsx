import type { ActivityLock } from '../../../../shared/contract'

/** Locks waited for first (the server's order puts them there), then those held. */
export function LocksTable({ locks, note }: { locks: ActivityLock[]; note?: string }): React.JSX.Element {
  return (
    <>
      {note && <p className="muted activity-note" data-testid="activity-locks-note">{note}</p>}
      {locks.length ? (
        <div className="activity-table-wrap">
          <table className="activity-table" data-testid="activity-locks">
            <thead>
              <tr>
                <th>PID</th>
                <th>Type</th>
                <th>Relation</th>
                <th>Mode</th>
                <th>Granted</th>
              </tr>
            </thead>
            <tbody>
              {locks.map((l, i) => (
                <tr key={i} className={l.granted ? undefined : 'activity-blocked'}>
                  <td>{l.pid}</td>
                  <td>{l.lockType}</td>
                  <td>{l.relation}</td>
                  <td>{l.mode}</td>
                  <td>{l.granted ? 'yes' : 'waiting'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted activity-empty">No locks to show.</p>
      )}
    </>
  )
}
