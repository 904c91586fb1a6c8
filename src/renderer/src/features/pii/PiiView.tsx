import { Fragment, useEffect, useMemo } from 'react'
import type { PiiFinding } from '../../../../shared/contract'
import { useAppStore } from '../../app/app-store'
import { KIND_LABELS } from './kind-labels'
import { usePiiStore } from './pii-store'

function FindingRow({ finding }: { finding: PiiFinding }): React.JSX.Element {
  return (
    <tr data-testid="pii-finding" data-table={finding.table} data-column={finding.column} data-kind={finding.kind}>
      <td>
        <code>{finding.column}</code>
      </td>
      <td>
        <span className="pii-kind">{KIND_LABELS[finding.kind]}</span>
        {finding.detail && <span className="muted"> {finding.detail}</span>}
      </td>
      <td>
        <span className={`pii-confidence${finding.confidence >= 0.9 ? ' high' : ''}`}>{finding.confidence.toFixed(2)}</span>
      </td>
      <td className="pii-evidence">{finding.evidence}</td>
      <td className="pii-examples">
        {finding.examples.map((e, i) => (
          <code key={i}>{e}</code>
        ))}
      </td>
    </tr>
  )
}

/** The PII scan of the browsing connection: scan with progress and cancel, the report per table and column, export. */
export function PiiView(): React.JSX.Element {
  const connectionId = useAppStore((s) => s.browsingConnectionId)
  const web = useAppStore((s) => s.mode === 'web')
  const entry = usePiiStore((s) => (connectionId ? s.byConnection[connectionId] : undefined))
  const { load, scan, cancel, exportAs } = usePiiStore()
  useEffect(() => {
    if (connectionId) void load(connectionId)
  }, [connectionId, load])

  const byTable = useMemo(() => {
    const groups = new Map<string, PiiFinding[]>()
    for (const f of entry?.report?.findings ?? []) {
      const key = f.schema && f.schema !== 'main' ? `${f.schema}.${f.table}` : f.table
      groups.set(key, [...(groups.get(key) ?? []), f])
    }
    return [...groups.entries()]
  }, [entry?.report?.findings])

  if (!connectionId) return <div className="pii-empty">Choose a connection to scan it for personal data.</div>
  const report = entry?.report
  const running = report?.state === 'running'
  const progress = report?.progress

  return (
    <div className="pii-view" data-testid="pii-view">
      <div className="pii-toolbar">
        <button onClick={() => void scan(connectionId)} disabled={running} data-testid="pii-scan" title="Reads up to 200 values per text column (and birth, age, phone and id columns) on a read-only query; values stay on this machine">
          {report?.scannedAt ? 'Scan again' : 'Scan for personal data'}
        </button>
        {running && (
          <>
            <progress max={progress?.total || 1} value={progress?.done ?? 0} data-testid="pii-progress" />
            <span className="muted">
              {progress?.done ?? 0} / {progress?.total ?? '…'} columns
            </span>
            <button onClick={() => void cancel(connectionId)} data-testid="pii-cancel">
              Cancel
            </button>
          </>
        )}
        <span className="spacer" />
        <button onClick={() => void exportAs(connectionId, 'json')} disabled={!report?.scannedAt} data-testid="pii-export-json">
          Export JSON
        </button>
        <button onClick={() => void exportAs(connectionId, 'csv')} disabled={!report?.scannedAt} data-testid="pii-export-csv">
          Export CSV
        </button>
      </div>
      <div className="pii-status">
        {report?.scannedAt && (
          <span className="muted" data-testid="pii-summary">
            {report.findings.length} classified {report.findings.length === 1 ? 'column' : 'columns'} of {report.columnsScanned} scanned
            {report.columnsFailed ? `, ${report.columnsFailed} could not be read` : ''} · {new Date(report.scannedAt).toLocaleString()}
          </span>
        )}
        {report?.state === 'cancelled' && <span className="muted">Scan cancelled{report.scannedAt ? ': the previous results are shown' : ''}.</span>}
        {entry?.exported && (
          <span className="muted" data-testid="pii-exported">
            {entry.exported.count} findings saved to {entry.exported.path}{' '}
            {web && (
              <a href={`/download/${encodeURIComponent(entry.exported.exportId)}`} download>
                Download
              </a>
            )}
          </span>
        )}
        {(entry?.error ?? report?.error) && <span className="inline-error">{entry?.error ?? report?.error}</span>}
      </div>
      <div className="pii-table-wrap">
        <table className="pii-table" data-testid="pii-report">
          <thead>
            <tr>
              <th>Column</th>
              <th>Kind</th>
              <th>Confidence</th>
              <th>Evidence</th>
              <th>Examples (masked)</th>
            </tr>
          </thead>
          <tbody>
            {byTable.map(([table, findings]) => (
              <Fragment key={table}>
                <tr className="pii-table-head" data-testid={`pii-table-${table}`}>
                  <td colSpan={5}>{table}</td>
                </tr>
                {findings.map((f) => (
                  <FindingRow key={f.column} finding={f} />
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
        {!byTable.length && (
          <p className="muted pii-empty">
            {report?.scannedAt ? 'No personal data found in the sampled values.' : 'Not scanned yet. A scan reads a bounded sample of each column locally, read-only; no value leaves this machine and the report shows masked examples only.'}
          </p>
        )}
      </div>
    </div>
  )
}
