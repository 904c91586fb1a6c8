import { useEffect, useState } from 'react'
import type { ImportColumnType } from '../../../../shared/contract'
import { api } from '../../api/client'
import { useEscapeKey } from '../../app/use-escape-key'
import { useSchemaStore } from '../schema/schema-store'
import { mappingProblem, useImportStore } from './import-store'
import './import.css'

const TYPES: ImportColumnType[] = ['integer', 'bigint', 'decimal', 'float', 'boolean', 'date', 'timestamp', 'text', 'json']

/** Import data: pick a file, check the preview and the inferred types, choose the target, run with progress and Cancel. */
export function ImportDialog(): React.JSX.Element | null {
  const s = useImportStore()
  const [dialogs, setDialogs] = useState<boolean | null>(null)
  useEffect(() => {
    if (s.target && dialogs === null) void api.call('dialogs.available', {}).then((r) => setDialogs(r.available), () => setDialogs(false))
  }, [s.target, dialogs])
  const finished = s.progress && s.progress.state !== 'running'
  useEffect(() => {
    // a new table (or new rows) shows in the schema tree
    if (s.progress?.state === 'done' && s.target) void useSchemaStore.getState().load(s.target.connectionId, { refresh: true })
  }, [s.progress?.state, s.target])
  useEscapeKey(() => s.close())
  if (!s.target) return null
  const p = s.progress
  const running = p?.state === 'running'
  const problem = s.preview?.existing && s.kind === 'existing' ? mappingProblem(s.preview.columns.map((_, i) => s.mapping[i] ?? null)) : null
  return (
    <div className="modal-backdrop">
      <div className="modal import-dialog" role="dialog" aria-label="Import data" data-testid="import-dialog">
        <header>
          <h3>Import data{s.target.table ? ` · ${s.target.table}` : ''}</h3>
          <button onClick={() => s.close()} aria-label="Close">
            ✕
          </button>
        </header>
        <div className="import-file">
          {dialogs ? (
            <button onClick={() => void s.chooseFile()} disabled={running} data-testid="import-choose">
              Choose file…
            </button>
          ) : null}
          <label className="import-upload checkbox">
            {dialogs ? 'or upload: ' : 'File: '}
            <input
              type="file"
              accept=".csv,.tsv,.txt,.xlsx,.json,.jsonl,.ndjson"
              disabled={running}
              data-testid="import-file-input"
              onChange={(e) => {
                const f = e.target.files?.[0]
                if (f) void s.upload(f)
              }}
            />
          </label>
          {s.file && (
            <span className="muted" data-testid="import-file-name">
              {s.file.name} ({(s.file.size / 1024).toFixed(1)} KiB)
            </span>
          )}
        </div>
        {s.error && (
          <div className="inline-error" data-testid="import-error">
            {s.error}
          </div>
        )}
        {s.preview && (
          <>
            <div className="import-detected muted" data-testid="import-detected">
              {s.preview.format.toUpperCase()}
              {s.preview.delimiter && ` · delimiter ${s.preview.delimiter === '\t' ? 'tab' : `"${s.preview.delimiter}"`}`}
              {s.preview.encoding && ` · ${s.preview.encoding}`}
              {` · ${s.preview.header ? 'header row' : 'no header row'}`}
            </div>
            <div className="import-grid" data-testid="import-preview">
              <table>
                <thead>
                  <tr>
                    {s.preview.columns.map((c, i) => (
                      <th key={i}>
                        <div>{c.name}</div>
                        {s.kind === 'new' ? (
                          <select value={s.types[i]} onChange={(e) => s.set({ types: s.types.map((t, j) => (j === i ? (e.target.value as ImportColumnType) : t)) })} data-testid={`import-type-${i}`}>
                            {TYPES.map((t) => (
                              <option key={t}>{t}</option>
                            ))}
                          </select>
                        ) : (
                          <select
                            className={s.mapping[i] ? 'import-map' : 'import-map skipped'}
                            value={s.mapping[i] ?? ''}
                            disabled={running}
                            aria-label={`Target column for ${c.name}`}
                            title="The table's column this column of the file goes into"
                            onChange={(e) => s.set({ mapping: s.preview!.columns.map((_, j) => (j === i ? e.target.value || null : (s.mapping[j] ?? null))) })}
                            data-testid={`import-map-${i}`}
                          >
                            <option value="">skip</option>
                            {s.preview?.existing?.columns.map((t) => (
                              <option key={t.name} value={t.name}>
                                → {t.name} ({t.dbType.toLowerCase()})
                              </option>
                            ))}
                          </select>
                        )}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {s.preview.rows.slice(0, 20).map((r, i) => (
                    <tr key={i}>
                      {r.map((v, j) => (
                        <td key={j} className={[v === null ? 'muted' : '', s.kind === 'existing' && !s.mapping[j] ? 'import-skipped' : ''].filter(Boolean).join(' ') || undefined}>
                          {v === null ? 'NULL' : v.length > 60 ? `${v.slice(0, 59)}…` : v}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="import-options">
              <label className="checkbox">
                <input type="radio" checked={s.kind === 'new'} onChange={() => s.set({ kind: 'new' })} disabled={running} data-testid="import-kind-new" /> New table
              </label>
              <input value={s.tableName} onChange={(e) => s.set({ tableName: e.target.value })} disabled={running || s.kind === 'existing'} aria-label="Table name" data-testid="import-table-name" />
              <label className={s.preview.existing ? 'checkbox' : 'checkbox disabled'}>
                <input type="radio" checked={s.kind === 'existing'} onChange={() => s.set({ kind: 'existing' })} disabled={running || !s.preview.existing} data-testid="import-kind-existing" /> Existing table
                {s.preview.existing ? ` (${s.mapping.filter(Boolean).length} of ${s.preview.columns.length} columns mapped)` : ''}
              </label>
            </div>
            <div className="import-options">
              <label className="checkbox">
                <input type="radio" checked={s.mode === 'batches'} onChange={() => s.set({ mode: 'batches' })} disabled={running} data-testid="import-mode-batches" /> Commit each batch
              </label>
              <label className="checkbox">
                <input type="radio" checked={s.mode === 'transaction'} onChange={() => s.set({ mode: 'transaction' })} disabled={running} data-testid="import-mode-transaction" /> One transaction (all or nothing)
              </label>
            </div>
            {problem && (
              <div className="inline-error" data-testid="import-mapping-problem">
                {problem}
              </div>
            )}
            {s.kind === 'new' && (
              <details className="import-ddl">
                <summary>CREATE TABLE (proposed)</summary>
                <pre>{s.preview.ddl}</pre>
              </details>
            )}
          </>
        )}
        {p && (
          <div className={`import-progress ${p.state}`} data-testid="import-progress" data-state={p.state}>
            {p.state === 'running' && `Importing… ${p.rows.toLocaleString()} rows read, ${p.inserted.toLocaleString()} inserted`}
            {p.state === 'done' && `Done: ${p.inserted.toLocaleString()} rows imported`}
            {p.state === 'cancelled' && `Cancelled after ${p.rows.toLocaleString()} rows read${s.mode === 'batches' ? `; ${p.inserted.toLocaleString()} rows in committed batches stay` : '; nothing was kept'}`}
            {p.state === 'error' && `Failed: ${p.error?.message ?? 'unknown error'}`}
            {p.rejected > 0 && (
              <div data-testid="import-rejected">
                {p.rejected.toLocaleString()} {p.rejected === 1 ? 'row' : 'rows'} rejected, with reasons, in <code>{p.rejectedPath}</code>
                {!dialogs && p.rejectedDownloadId && (
                  <>
                    {' '}
                    <a href={`/download/${encodeURIComponent(p.rejectedDownloadId)}`} download data-testid="import-rejected-download">
                      Download
                    </a>
                  </>
                )}
              </div>
            )}
          </div>
        )}
        <footer className="modal-actions">
          {running ? (
            <button onClick={() => void s.cancel()} data-testid="import-cancel">
              Cancel import
            </button>
          ) : (
            <button className="primary" disabled={!s.preview || s.busy || !s.tableName || Boolean(problem) || Boolean(finished && p?.state === 'done')} onClick={() => void s.start()} data-testid="import-start">
              Start import
            </button>
          )}
          <button onClick={() => s.close()}>{finished ? 'Close' : 'Cancel'}</button>
        </footer>
      </div>
    </div>
  )
}
