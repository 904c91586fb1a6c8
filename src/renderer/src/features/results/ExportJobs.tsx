import { useAppStore } from '../../app/app-store'
import { useExports } from './export-store'

/** Progress bars for exports: rows written, Cancel while running, the file path when done (and a download link in web mode). */
export function ExportJobs(): React.JSX.Element | null {
  const web = useAppStore((s) => s.mode === 'web')
  const jobs = useExports((s) => s.jobs)
  const error = useExports((s) => s.error)
  const cancel = useExports((s) => s.cancel)
  const dismiss = useExports((s) => s.dismiss)
  if (!jobs.length && !error) return null
  return (
    <div className="export-jobs" data-testid="export-jobs">
      {error && <div className="inline-error">{error}</div>}
      {jobs.map((j) => {
        const fraction = j.totalRows ? Math.min(1, j.rows / j.totalRows) : undefined
        return (
          <div key={j.exportId} className={`export-job export-${j.state}`} data-testid="export-job" data-state={j.state}>
            <span className="export-name">{j.fileName}</span>
            <progress max={1} value={j.state === 'done' ? 1 : fraction} />
            <span data-testid="export-rows">
              {j.rows.toLocaleString()}
              {j.totalRows !== null ? ` / ${j.totalRows.toLocaleString()}` : ''} rows
            </span>
            {j.state === 'running' && (
              <button onClick={() => void cancel(j.exportId)} data-testid="export-cancel">
                Cancel
              </button>
            )}
            {j.state === 'done' && (
              <span className="muted" data-testid="export-path" title={j.path}>
                Saved to {j.path}
              </span>
            )}
            {j.state === 'done' && web && (
              // same origin: the HttpOnly cookie carries the token; the URL names only the export id
              <a href={`/download/${encodeURIComponent(j.exportId)}`} download data-testid="export-download">
                Download
              </a>
            )}
            {j.state === 'error' && <span className="inline-error">{j.error?.message}</span>}
            {j.state === 'cancelled' && <span className="muted">Cancelled</span>}
            {j.state !== 'running' && (
              <button onClick={() => dismiss(j.exportId)} aria-label="Dismiss">
                ×
              </button>
            )}
          </div>
        )
      })}
    </div>
  )
}
