import type { MockProgress } from './mockdata-store'

const VERB: Record<MockProgress['state'], string> = { running: 'Generating…', done: 'Done', cancelled: 'Cancelled', error: 'Failed' }

/** Progress while it runs, then the result per table: rows inserted, rejected with their reasons, second-pass updates. */
export function MockProgressView({ progress, webMode }: { progress: MockProgress; webMode: boolean }): React.JSX.Element {
  const total = progress.tables.reduce((n, t) => n + t.inserted, 0)
  return (
    <div className={`mock-progress ${progress.state}`} data-testid="mock-progress" data-state={progress.state}>
      <div>
        <strong>{VERB[progress.state]}</strong> {total.toLocaleString()} rows {progress.files ? 'written' : 'inserted'}
        {progress.error && `: ${progress.error.message}`}
      </div>
      {progress.tables.length > 0 && (
        <table className="mock-summary" data-testid="mock-summary">
          <thead>
            <tr>
              <th>Table</th>
              <th>State</th>
              <th>Inserted</th>
              <th>Rejected</th>
              <th>2nd pass</th>
              <th>Reasons</th>
            </tr>
          </thead>
          <tbody>
            {progress.tables.map((t) => (
              <tr key={`${t.schema}.${t.name}`} data-testid={`mock-summary-${t.name}`}>
                <td>{t.name}</td>
                <td>{t.state}</td>
                <td className="num" data-testid={`mock-inserted-${t.name}`}>
                  {t.inserted.toLocaleString()}
                </td>
                <td className="num">{t.rejected.toLocaleString()}</td>
                <td className="num">{t.updated ? t.updated.toLocaleString() : ''}</td>
                <td className="mock-reasons">{t.reasons.map((r) => `${r.reason}${r.count ? ` (${r.count})` : ''}`).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {progress.files?.map((f) => (
        <div key={f.path} className="muted">
          <code>{f.path}</code>
          {webMode && f.downloadId && (
            <>
              {' '}
              <a href={`/download/${encodeURIComponent(f.downloadId)}`} download>
                Download
              </a>
            </>
          )}
        </div>
      ))}
    </div>
  )
}
