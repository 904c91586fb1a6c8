import { AgGridReact } from 'ag-grid-react'
import { themeQuartz, colorSchemeDark, colorSchemeLight, type ColDef } from 'ag-grid-community'
import { useMemo } from 'react'
import './ag-grid-setup'
import type { Cell } from '../../../../shared/cells'
import { useAppStore } from '../../app/app-store'
import { useResultsStore, type ResultView } from './results-store'

const lightTheme = themeQuartz.withPart(colorSchemeLight)
const darkTheme = themeQuartz.withPart(colorSchemeDark)

function ResultGrid({ result }: { result: ResultView }): React.JSX.Element {
  const dark = useAppStore((s) => s.theme === 'dark')
  const columnDefs = useMemo<ColDef<Cell[]>[]>(
    () =>
      result.columns.map((c, i) => ({
        headerName: c.name,
        headerTooltip: `${c.name} · ${c.dbType}`,
        valueGetter: (p) => p.data?.[i],
        sortable: true,
        resizable: true,
        filter: true,
        cellClass: c.kind === 'number' || c.kind === 'bigint' || c.kind === 'decimal' ? 'cell-number' : undefined,
        valueFormatter: (p) => (p.value === null ? 'NULL' : String(p.value))
      })),
    [result.columns]
  )
  return (
    <div className="result-grid" data-testid="result-grid">
      <AgGridReact<Cell[]> theme={dark ? darkTheme : lightTheme} rowData={result.rows} columnDefs={columnDefs} animateRows={false} />
    </div>
  )
}

export function ResultsPanel(): React.JSX.Element {
  const results = useResultsStore((s) => s.results)
  const error = useResultsStore((s) => s.error)
  const messages = useResultsStore((s) => s.messages)
  const grid = results.find((r) => r.columns.length > 0)
  return (
    <section className="results-panel">
      {error && (
        <div className="error-panel" role="alert" data-testid="error-panel">
          <strong>{error.code === 'SQL_ERROR' ? 'Database error' : error.code.replaceAll('_', ' ').toLowerCase()}</strong>
          <pre>{error.message}</pre>
        </div>
      )}
      {grid ? (
        <ResultGrid key={grid.resultId} result={grid} />
      ) : (
        !error && (
          <div className="results-empty">
            {results.length > 0 ? results.map((r) => <div key={r.resultId}>{r.rowsAffected ?? 0} rows affected</div>) : 'Run a query to see results here.'}
          </div>
        )
      )}
      {messages.length > 0 && <div className="messages">{messages.map((m, i) => <div key={i}>{m}</div>)}</div>}
    </section>
  )
}
