import { useEffect, useState } from 'react'
import { api } from '../../api/client'
import { useEscapeKey } from '../../app/use-escape-key'
import { ConfirmDialog } from '../data/Dialogs'
import { useSchemaStore } from '../schema/schema-store'
import { ColumnPlanTable } from './ColumnPlanTable'
import { MockPreviewGrid } from './MockPreviewGrid'
import { MockProgressView } from './MockProgressView'
import { SuggestWithAi } from './SuggestWithAi'
import { useMockDataStore } from './mockdata-store'
import './mockdata.css'

/**
 * Generate test data: pick tables, rows per table and a seed; check each column's generator (and override it), the
 * preview, then generate into the database (or SQL / CSV files) with progress, Cancel and a summary per table.
 */
export function MockDataDialog(): React.JSX.Element | null {
  const s = useMockDataStore()
  const names = useSchemaStore((st) => (s.connectionId ? st.byConnection[s.connectionId]?.names : undefined))
  const [shown, setShown] = useState<string | null>(null)
  const [webMode, setWebMode] = useState(false)
  useEffect(() => {
    if (s.connectionId) void api.call('dialogs.available', {}).then((r) => setWebMode(!r.available), () => setWebMode(true))
  }, [s.connectionId])
  useEffect(() => {
    // new rows show in the data views and the tree's counts
    if (s.progress?.state === 'done' && !s.progress.files && s.connectionId) void useSchemaStore.getState().load(s.connectionId, { refresh: true })
  }, [s.progress?.state, s.progress?.files, s.connectionId])
  useEscapeKey(() => s.close(), !!s.connectionId && !s.confirming)
  if (!s.connectionId) return null
  const p = s.progress
  const running = p?.state === 'running'
  const planTables = s.plan?.tables ?? []
  const current = planTables.find((t) => t.name === shown) ?? planTables.find((t) => t.name === s.tables[0]?.name) ?? planTables[0]
  const preview = s.preview?.tables.find((t) => t.name === current?.name && t.schema === current?.schema)
  const candidates = (names?.tables ?? []).filter((t) => t.kind === 'table' && !t.name.includes('/'))
  const chosen = (t: { schema: string; name: string }) => s.tables.some((x) => x.name === t.name && (!x.schema || x.schema === t.schema))
  return (
    <div className="modal-backdrop">
      <div className="modal mock-dialog" role="dialog" aria-label="Generate test data" data-testid="mock-dialog">
        <header>
          <h3>Generate test data</h3>
          <button onClick={() => s.close()} aria-label="Close">
            ✕
          </button>
        </header>
        <div className="mock-options">
          <label>
            Rows per table
            <input type="number" min={0} max={10_000_000} value={s.rowsPerTable} disabled={running} onChange={(e) => s.set({ rowsPerTable: Math.max(0, Number(e.target.value) || 0) })} data-testid="mock-rows" />
          </label>
          <label>
            Seed
            <input type="number" min={0} value={s.seed} disabled={running} onChange={(e) => s.set({ seed: Math.max(0, Number(e.target.value) || 0) })} data-testid="mock-seed" />
          </label>
          <button onClick={() => void s.refresh()} disabled={running || s.busy} data-testid="mock-preview">
            Preview
          </button>
          <SuggestWithAi connectionId={s.connectionId} tables={planTables} disabled={running || s.busy} />
        </div>
        {s.error && (
          <div className="inline-error" data-testid="mock-error">
            {s.error}
          </div>
        )}
        <div className="mock-body">
          <div className="mock-tables" data-testid="mock-tables">
            <div className="muted">Tables</div>
            {candidates.map((t) => (
              <label key={`${t.schema}.${t.name}`} className="checkbox">
                <input type="checkbox" checked={chosen(t)} disabled={running} onChange={() => s.toggleTable({ schema: t.schema, name: t.name })} data-testid={`mock-table-${t.name}`} />
                {t.schema && t.schema !== names?.defaultSchema ? `${t.schema}.${t.name}` : t.name}
              </label>
            ))}
          </div>
          <div className="mock-main">
            {planTables.length > 0 && (
              <div className="mock-order" data-testid="mock-order">
                <span className="muted">Order: </span>
                {planTables.map((t, i) => (
                  <button key={`${t.schema}.${t.name}`} className={t === current ? 'mock-tab active' : 'mock-tab'} onClick={() => setShown(t.name)} title={t.skipped ?? t.warnings.join('\n')} data-testid={`mock-tab-${t.name}`}>
                    {i + 1}. {t.name}
                    {t.skipped ? ' ⛔' : t.warnings.length ? ' ⚠' : ''}
                  </button>
                ))}
              </div>
            )}
            {current && (
              <>
                {current.skipped && <div className="inline-error">Not filled: {current.skipped}</div>}
                {current.warnings.map((w) => (
                  <div key={w} className="mock-warning">
                    {w}
                  </div>
                ))}
                <ColumnPlanTable table={current} disabled={running} />
                {preview && <MockPreviewGrid table={preview} />}
              </>
            )}
            {s.plan?.warnings.map((w) => (
              <div key={w} className="mock-warning" data-testid="mock-plan-warning">
                {w}
              </div>
            ))}
          </div>
        </div>
        <div className="mock-options">
          <label className="checkbox">
            <input type="radio" checked={s.target === 'database'} disabled={running} onChange={() => s.set({ target: 'database' })} data-testid="mock-target-database" /> Into the database
          </label>
          <label className="checkbox">
            <input type="radio" checked={s.target === 'sql'} disabled={running} onChange={() => s.set({ target: 'sql' })} data-testid="mock-target-sql" /> SQL file
          </label>
          <label className="checkbox">
            <input type="radio" checked={s.target === 'csv'} disabled={running} onChange={() => s.set({ target: 'csv' })} data-testid="mock-target-csv" /> CSV files
          </label>
          {s.target === 'database' && (
            <select value={s.transaction} disabled={running} onChange={(e) => s.set({ transaction: e.target.value as 'table' | 'all' })} aria-label="Transactions" data-testid="mock-transaction">
              <option value="table">a transaction per table</option>
              <option value="all">one transaction for all</option>
            </select>
          )}
        </div>
        {p && <MockProgressView progress={p} webMode={webMode} />}
        <footer className="modal-actions">
          {running ? (
            <button onClick={() => void s.cancel()} data-testid="mock-cancel">
              Cancel
            </button>
          ) : (
            <button className="primary" disabled={!s.plan || s.busy} onClick={() => void s.start()} data-testid="mock-generate">
              Generate
            </button>
          )}
          <button onClick={() => s.close()}>{p && !running ? 'Close' : 'Cancel'}</button>
        </footer>
      </div>
      {s.confirming && (
        <ConfirmDialog
          title="Write test data to a production connection?"
          message={`Rows will be inserted into ${s.tables.length} table${s.tables.length === 1 ? '' : 's'} on a connection tagged production.`}
          confirm="Generate"
          onConfirm={() => void s.start(true)}
          onCancel={() => useMockDataStore.setState({ confirming: false })}
        />
      )}
    </div>
  )
}
