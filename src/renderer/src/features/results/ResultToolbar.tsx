import { useState } from 'react'
import type { ExportFormat } from '../../../../shared/contract'
import { useConnection } from '../../app/app-store'
import { ResultViewToggle } from '../chart/ResultViewToggle'
import { ExplainResultButton } from '../ai/ExplainResultButton'
import { OpenAsPlan } from '../plan/OpenAsPlan'
import { COPY_CAP, copyRows, insertNote, type CopyFormat } from './copy-rows'
import { useExports } from './export-store'
import { blockSize, insertTarget, isSingleCell, type CellRange } from './grid-range'
import { useGridSelection } from './grid-selection-store'
import { useGridViews } from './grid-view-store'
import type { ResultView } from '../workspace/run-state'
import { useActiveTab } from '../workspace/use-tab'

const copyFormats: [CopyFormat, string][] = [
  ['tsv', 'TSV'],
  ['csv', 'CSV'],
  ['json', 'JSON'],
  ['insert', 'SQL INSERT'],
  ['markdown', 'Markdown']
]

const exportFormats: [ExportFormat, string][] = [
  ['csv', 'CSV'],
  ['tsv', 'TSV'],
  ['json', 'JSON'],
  ['jsonl', 'JSON Lines'],
  ['xlsx', 'Excel (XLSX)'],
  ['sql', 'SQL INSERTs'],
  ['markdown', 'Markdown']
]

// one selected cell is where the caret is, not a choice of what to copy: Copy as… then takes the whole result
const asBlock = (range: CellRange | undefined): CellRange | undefined => (range && !isSingleCell(range) ? range : undefined)
/** The block as the store has it now: a copy takes this, not what the toolbar last rendered. */
const selectedBlock = (resultId: string): CellRange | undefined => asBlock(useGridSelection.getState().ranges[resultId])

/** Live row counter, Copy as…, Export… for the result on screen. */
export function ResultToolbar({ result }: { result?: ResultView }): React.JSX.Element {
  const running = useActiveTab((t) => t.run.running)
  const view = useGridViews((s) => (result ? s.views[result.resultId] : undefined))
  const connection = useConnection(useActiveTab((t) => t.run.request?.connectionId))
  const startExport = useExports((s) => s.start)
  // the note and the block belong to this result: another run or tab shows its own (this toolbar is keyed by result)
  const note = useGridSelection((s) => (result ? s.notes[result.resultId]?.text : undefined))
  const range = useGridSelection((s) => (result ? s.ranges[result.resultId] : undefined))
  const block = asBlock(range)
  const size = block && blockSize(block)
  const scope = size ? `the selected ${size.rows.toLocaleString()} × ${size.cols.toLocaleString()} block` : `the first ${COPY_CAP.toLocaleString()} rows`

  // SQL INSERTs of a result that is not from one table: the user names the target first
  const [naming, setNaming] = useState<{ value: string; table: string } | null>(null)

  const exportAs = (value: string, named?: string): void => {
    if (!result) return
    const [where, format] = value.split(':') as ['result' | 'server', ExportFormat]
    if (format === 'sql' && !result.source && named === undefined) {
      setNaming({ value, table: '' })
      return
    }
    setNaming(null)
    const fileName = `result-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}`
    // SQL INSERTs go into the result's own table when it comes from one, else the name given (main falls back to a placeholder)
    const tableName = format === 'sql' ? (insertTarget(result.source) ?? (named?.trim() || undefined)) : undefined
    if (where === 'server') {
      if (!connection) return
      void startExport({ source: { kind: 'query', connectionId: connection.id, sql: result.statement }, format, fileName, header: true, tableName })
    } else {
      void startExport({ source: { kind: 'result', resultId: result.resultId, sort: view?.sort, filter: view?.filter }, format, fileName, header: true, tableName })
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
      {result && <ResultViewToggle resultId={result.resultId} />}
      <OpenAsPlan result={result} />
      <ExplainResultButton result={result} />
      <span className="spacer" />
      {note && (
        <span className="muted copy-note" data-testid="copy-note" role="status">
          {note}
        </span>
      )}
      <select
        value=""
        disabled={!result}
        onChange={(e) => result && void copyRows(result, e.target.value as CopyFormat, selectedBlock(result.resultId))}
        data-testid="copy-as"
        title={`Copy ${scope}, full values`}
      >
        <option value="">{size ? 'Copy block as…' : 'Copy as…'}</option>
        {copyFormats.map(([f, label]) => (
          <option key={f} value={f} title={f === 'insert' && result ? insertNote(result) : undefined}>
            {f === 'insert' && result && !result.source ? `${label} (placeholder table)` : label}
          </option>
        ))}
      </select>
      <select value="" disabled={!result} onChange={(e) => exportAs(e.target.value)} data-testid="export-as">
        <option value="">Export…</option>
        <optgroup label="This result (every row)">
          {exportFormats.map(([f, label]) => (
            <option key={f} value={`result:${f}`}>
              {f === 'sql' && result && !result.source ? `${label} (name the table)…` : label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Run again, stream from the server">
          {exportFormats.map(([f, label]) => (
            <option key={f} value={`server:${f}`}>
              {f === 'sql' && result && !result.source ? `${label} (name the table)…` : label}
            </option>
          ))}
        </optgroup>
      </select>
      {naming && (
        <form
          className="export-table-name"
          onSubmit={(e) => {
            e.preventDefault()
            exportAs(naming.value, naming.table)
          }}
        >
          <input
            autoFocus
            value={naming.table}
            onChange={(e) => setNaming({ ...naming, table: e.target.value })}
            onKeyDown={(e) => e.key === 'Escape' && setNaming(null)}
            placeholder="INSERT into table (schema.table)"
            aria-label="Table the SQL INSERTs target"
            data-testid="export-table-name"
            title="The result does not come from one table: name the table the INSERTs go into (empty: a placeholder name)"
          />
          <button type="submit" data-testid="export-table-go">
            Export
          </button>
          <button type="button" onClick={() => setNaming(null)}>
            Cancel
          </button>
        </form>
      )}
    </div>
  )
}
