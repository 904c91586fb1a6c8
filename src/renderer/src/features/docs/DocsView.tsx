import { useEffect, useMemo, useState } from 'react'
import { qualifiedName } from '../../../../shared/schema-model'
import { useAppStore } from '../../app/app-store'
import { useSchemaStore } from '../schema/schema-store'
import { useDocsStore } from './docs-store'
import { ExportDialog } from './ExportDialog'
import { NotesEditor } from './NotesEditor'
import './docs.css'

/** Schema docs of the active connection: table list, live preview (HTML or Markdown), notes, lint and export. */
export function DocsView(): React.JSX.Element {
  const connectionId = useAppStore((s) => s.browsingConnectionId)
  const theme = useAppStore((s) => s.theme)
  const entry = useSchemaStore((s) => (connectionId ? s.byConnection[connectionId] : undefined))
  const docs = useDocsStore()
  const [filter, setFilter] = useState('')

  useEffect(() => {
    if (!connectionId) return
    const current = useSchemaStore.getState().byConnection[connectionId]
    if (!current?.model && !current?.loading) void useSchemaStore.getState().load(connectionId)
    void useDocsStore.getState().loadNotes(connectionId)
  }, [connectionId])

  const tables = useMemo(() => {
    const q = filter.trim().toLowerCase()
    return (entry?.model?.tables ?? []).filter((t) => !q || qualifiedName(t).toLowerCase().includes(q))
  }, [entry?.model, filter])

  if (!connectionId) return <div className="docs-empty">Choose a connection to document its schema.</div>
  const model = entry?.model
  const selectedTable = model?.tables.find((t) => t.schema === docs.selected?.schema && t.name === docs.selected?.table)
  const previewDoc = docs.preview && docs.format === 'html' ? docs.preview.replace('<html lang="en">', `<html lang="en" data-theme="${theme === 'dark' ? 'dark' : 'light'}">`) : undefined

  return (
    <div className="docs-view" data-testid="docs-view">
      <aside className="docs-tables">
        <input type="search" placeholder="Filter tables" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter tables" />
        {entry?.loading && !model && <div className="muted docs-pad">Loading schema{entry.progress ? ` · ${entry.progress.phase}` : ''}…</div>}
        {entry?.error && <div className="field-error docs-pad">{entry.error}</div>}
        <ul data-testid="docs-table-list">
          {tables.map((t) => {
            const active = t === selectedTable
            return (
              <li key={qualifiedName(t)}>
                <button className={active ? 'active' : ''} onClick={() => void docs.select(connectionId, t.schema, t.name)} title={qualifiedName(t)}>
                  {qualifiedName(t)}
                  {t.kind !== 'table' && <span className="muted"> · view</span>}
                </button>
              </li>
            )
          })}
        </ul>
      </aside>
      <section className="docs-main">
        <div className="docs-toolbar">
          <div className="segmented" role="group" aria-label="Preview format">
            <button className={docs.format === 'html' ? 'active' : ''} onClick={() => void docs.setFormat(connectionId, 'html')}>
              HTML
            </button>
            <button className={docs.format === 'markdown' ? 'active' : ''} onClick={() => void docs.setFormat(connectionId, 'markdown')} data-testid="docs-format-markdown">
              Markdown
            </button>
          </div>
          <span className="spacer" />
          {docs.describing && (
            <span className={docs.describing.error ? 'field-error' : 'muted'} data-testid="docs-describe-status">
              {docs.describing.error ?? docs.describing.status}
            </span>
          )}
          <button
            onClick={() => void docs.describeWithAi(connectionId)}
            disabled={!selectedTable || (!!docs.describing && !docs.describing.error)}
            title="Write AI descriptions for this table and its columns; they are marked as AI and never replace real comments"
            data-testid="docs-describe"
          >
            Describe with AI
          </button>
          <button onClick={() => void docs.runLint(connectionId)} data-testid="docs-lint">
            Lint
          </button>
          <button className="primary" onClick={() => docs.openExport()} data-testid="docs-export-open" disabled={!model}>
            Export…
          </button>
        </div>
        {docs.lint && (
          <div className="docs-lint" data-testid="docs-lint-results">
            <header>
              <b>{docs.lint.length} lint findings</b>
              <button onClick={() => useDocsStore.setState({ lint: undefined })} aria-label="Close lint">
                ✕
              </button>
            </header>
            <ul>
              {docs.lint.map((f, i) => (
                <li key={i}>
                  <span className={`sev sev-${f.severity}`}>{f.severity}</span> <code>{f.rule}</code> {f.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {docs.lintError && <div className="field-error">{docs.lintError}</div>}
        {!selectedTable && <div className="docs-empty">Pick a table to preview its page and edit notes.</div>}
        {selectedTable && (
          <div className="docs-split">
            <div className="docs-preview" data-testid="docs-preview">
              {docs.previewError && <div className="field-error">{docs.previewError}</div>}
              {docs.format === 'html' && previewDoc && <iframe title="Preview" sandbox="" srcDoc={previewDoc} />}
              {docs.format === 'markdown' && docs.preview && <pre className="docs-markdown">{docs.preview}</pre>}
            </div>
            <NotesEditor connectionId={connectionId} table={selectedTable} notes={docs.notes[connectionId] ?? []} />
          </div>
        )}
      </section>
      {docs.exporting.open && <ExportDialog connectionId={connectionId} />}
    </div>
  )
}
