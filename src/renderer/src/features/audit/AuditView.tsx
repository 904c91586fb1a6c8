import './audit.css'
import { useEffect } from 'react'
import type { AuditEntry, AuditVerdict } from '../../../../shared/contract'
import { api } from '../../api/client'
import { useAppStore } from '../../app/app-store'
import { useAuditStore } from './audit-store'

const RETENTION_CHOICES: { label: string; days: number | null }[] = [
  { label: 'Keep forever', days: null },
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
  { label: '7 years', days: 2557 }
]

function VerdictLine({ verdict }: { verdict: AuditVerdict }): React.JSX.Element {
  if (verdict.ok)
    return (
      <span className="audit-verdict ok" data-testid="audit-verdict" data-ok="true" title={`Head ${verdict.headHash}`}>
        OK: {verdict.count.toLocaleString()} {verdict.count === 1 ? 'entry' : 'entries'} verified{verdict.anchor ? ` (after ${verdict.anchor.seq.toLocaleString()} pruned)` : ''}
      </span>
    )
  return (
    <span className="audit-verdict bad" data-testid="audit-verdict" data-ok="false">
      Entry {verdict.seq} fails ({verdict.reason}): {verdict.message}
    </span>
  )
}

function EntryRow({ entry }: { entry: AuditEntry }): React.JSX.Element {
  return (
    <tr className={`audit-row outcome-${entry.outcome}`} data-testid="audit-row" data-seq={entry.seq}>
      <td className="audit-seq">{entry.seq}</td>
      <td title={entry.at}>{new Date(entry.at).toLocaleString()}</td>
      <td title={`${entry.engine}${entry.dbUser ? ` as ${entry.dbUser}` : ''}`}>{entry.connectionLabel}</td>
      <td>{entry.source}</td>
      <td>{entry.kind}</td>
      <td className="audit-statement">
        <code>{entry.statement}</code>
      </td>
      <td className="audit-rows">{entry.rows ?? ''}</td>
      <td className="audit-outcome" title={entry.error ?? undefined}>
        {entry.outcome === 'ok' ? 'ok' : `error: ${entry.error ?? ''}`}
      </td>
    </tr>
  )
}

/** The audit log: what the app changed, searchable, with chain verification, export and retention. */
export function AuditView(): React.JSX.Element {
  const s = useAuditStore()
  const web = useAppStore((a) => a.mode === 'web')
  const { refresh, loadSettings } = s
  useEffect(() => {
    void refresh()
    void loadSettings()
    // a finished run may have added entries
    return api.on('history.added', () => void refresh())
  }, [refresh, loadSettings])

  return (
    <div className="audit-view" data-testid="audit-view">
      <div className="audit-toolbar">
        <input type="search" placeholder="Search statements, connections, errors" value={s.query} onChange={(e) => s.setQuery(e.target.value)} data-testid="audit-search" />
        <button onClick={() => void s.verify()} disabled={s.verifying} data-testid="audit-verify">
          {s.verifying ? 'Verifying…' : 'Verify chain'}
        </button>
        <button onClick={() => void s.exportAs('csv')} data-testid="audit-export-csv">
          Export CSV
        </button>
        <button onClick={() => void s.exportAs('json')} data-testid="audit-export-json">
          Export JSON
        </button>
        <label className="audit-retention">
          Retention
          <select
            value={s.retentionDays === null ? '' : String(s.retentionDays)}
            onChange={(e) => void s.setRetention(e.target.value === '' ? null : Number(e.target.value))}
            data-testid="audit-retention"
          >
            {RETENTION_CHOICES.map((c) => (
              <option key={c.label} value={c.days === null ? '' : String(c.days)}>
                {c.label}
              </option>
            ))}
            {s.retentionDays !== null && !RETENTION_CHOICES.some((c) => c.days === s.retentionDays) && <option value={String(s.retentionDays)}>{s.retentionDays} days</option>}
          </select>
        </label>
      </div>
      <div className="audit-status">
        {s.verdict && <VerdictLine verdict={s.verdict} />}
        {s.exported && (
          <span className="muted" data-testid="audit-exported">
            {s.exported.count.toLocaleString()} entries saved to {s.exported.path}{' '}
            {web && (
              <a href={`/download/${encodeURIComponent(s.exported.exportId)}`} download>
                Download
              </a>
            )}
          </span>
        )}
        {s.writeFailure && (
          <span className="audit-verdict bad" data-testid="audit-write-failure">
            {s.writeFailure.count} audit entries could not be written (last at {new Date(s.writeFailure.at).toLocaleString()}): {s.writeFailure.message}
          </span>
        )}
        {s.error && <span className="inline-error">{s.error}</span>}
      </div>
      <div className="audit-table-wrap">
        <table className="audit-table">
          <thead>
            <tr>
              <th>#</th>
              <th>Time</th>
              <th>Connection</th>
              <th>Source</th>
              <th>Kind</th>
              <th>Statement</th>
              <th>Rows</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {s.entries.map((e) => (
              <EntryRow key={e.seq} entry={e} />
            ))}
          </tbody>
        </table>
        {!s.entries.length && <p className="muted audit-empty">{s.query ? 'No entries match.' : 'No changes recorded yet: statements that change data or schema appear here.'}</p>}
      </div>
    </div>
  )
}
