import type { TopStatements } from '../../../../shared/contract'
import { formatDuration } from './format-duration'

/** The statements that took the most time, or the server's reason for having none to give. */
export function TopStatementsTable({ top }: { top: TopStatements }): React.JSX.Element {
  if (!top.available) return <p className="activity-note" data-testid="activity-top-unavailable">{top.reason}</p>
  if (!top.rows.length) return <p className="muted activity-empty">No statements recorded yet.</p>
  return (
    <div className="activity-table-wrap">
      <table className="activity-table" data-testid="activity-top">
        <caption className="muted">from {top.source}</caption>
        <thead>
          <tr>
            <th>Total</th>
            <th>Calls</th>
            <th>Mean</th>
            <th>Rows</th>
            <th>Statement</th>
          </tr>
        </thead>
        <tbody>
          {top.rows.map((r, i) => (
            <tr key={i}>
              <td className="num">{formatDuration(r.totalMs)}</td>
              <td className="num">{r.calls.toLocaleString()}</td>
              <td className="num">{formatDuration(r.meanMs)}</td>
              <td className="num">{r.rows?.toLocaleString()}</td>
              <td className="activity-statement">
                <code>{r.statement}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
