import { useState } from 'react'
import type { ExportFormat } from '../../../../shared/contract'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import { useActiveConnection } from '../../app/app-store'
import { useExports } from './export-store'
import { useGridViews } from './grid-view-store'
import { formatDuration } from '../../../../shared/format-duration'
import { useResultsStore, type ResultView } from './results-store'

const copyFormats = [
  ['tsv', 'TSV'],
  ['csv', 'CSV'],
  ['json', 'JSON'],
  ['insert', 'SQL INSERT'],
  ['markdown', 'Markdown']
] as const

const exportFormats: [ExportFormat, string][] = [
  ['csv', 'CSV'],
  ['tsv', 'TSV'],
  ['json', 'JSON'],
  ['jsonl', 'JSON Lines'],
  ['xlsx', 'Excel (XLSX)'],
  ['sql', 'SQL INSERTs'],
  ['markdown', 'Markdown']
]

/** Live row counter, Cancel, Copy as…, Export… for the result on screen. */
export function ResultToolbar({ result }: { result?: ResultView }): React.JSX.Element {
  const running = useResultsStore((s) => s.running)
  const cancel = useResultsStore((s) => s.cancel)
  const durationMs = useResultsStore((s) => s.durationMs)
  const view = useGridViews((s) => (result ? s.views[result.resultId] : undefined))
  const connection = useActiveConnection()
  const startExport = useExports((s) => s.start)
  const [note, setNote] = useState<string>()

  const copy = async (format: (typeof copyFormats)[number][0]): Promise<void> => {
    if (!result) return
    const range = view?.selection ?? { from: 0, to: Math.min(view?.total ?? result.rowCount, 10_000) }
    try {
      const { text, rows } = await api.call('query.copy', { resultId: result.resultId, from: range.from, to: range.to, format, sort: view?.sort, filter: view?.filter, header: format !== 'tsv' || undefined })
      await navigator.clipboard.writeText(text)
      setNote(`Copied ${rows.toLocaleString()} row${rows === 1 ? '' : 's'} as ${format.toUpperCase()}`)
    } catch (error) {
      setNote(`Copy failed: ${errorMessage(error)}`)
    }
  }

  const exportAs = (value: string): void => {
    if (!result) return
    const [where, format] = value.split(':') as ['result' | 'server', ExportFormat]
    const fileName = `result-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}`
    if (where === 'server') {
      if (!connection) return
      void startExport({ source: { kind: 'query', connectionId: connection.id, sql: result.statement }, format, fileName, header: true })
    } else {
      void startExport({ source: { kind: 'result', resultId: result.resultId, sort: view?.sort, filter: view?.filter }, format, fileName, header: true })
    }
  }

  const shown = view?.filter && view.total !== undefined ? view.total : result?.rowCount
  return (
    <div className="result-toolbar">
      {result && (
        <span className="row-counter" data-testid="row-counter" data-done={result.done}>
          {view?.filter && shown !== undefined ? `${shown.toLocaleString()} of ` : ''}
          {result.rowCount.toLocaleString()} {result.rowCount === 1 ? 'row' : 'rows'}
          {!result.done && running ? ' · loading…' : ''}
          {result.spilled ? ' · spilled to disk' : ''}
        </span>
      )}
      {!running && durationMs !== undefined && <span className="muted">{formatDuration(durationMs)}</span>}
      {running && (
        <button onClick={() => void cancel()} data-testid="results-cancel">
          Cancel
        </button>
      )}
      <span className="spacer" />
      {note && <span className="muted copy-note">{note}</span>}
      <select
        value=""
        disabled={!result}
        onChange={(e) => void copy(e.target.value as (typeof copyFormats)[number][0])}
        data-testid="copy-as"
        title="Copy the selected rows (or the first 10,000)"
      >
        <option value="">Copy as…</option>
        {copyFormats.map(([f, label]) => (
          <option key={f} value={f}>
            {label}
          </option>
        ))}
      </select>
      <select value="" disabled={!result} onChange={(e) => exportAs(e.target.value)} data-testid="export-as">
        <option value="">Export…</option>
        <optgroup label="This result (every row)">
          {exportFormats.map(([f, label]) => (
            <option key={f} value={`result:${f}`}>
              {label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Run again, stream from the server">
          {exportFormats.map(([f, label]) => (
            <option key={f} value={`server:${f}`}>
              {label}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  )
}
