import { DocFormat } from '../../../../shared/contract/docs'
import { useDocsStore } from './docs-store'
import { PathField } from '../../app/BrowseButton'
import { useEscapeKey } from '../../app/use-escape-key'

const LABELS: Record<DocFormat, string> = {
  md: 'Markdown (index + page per table)',
  html: 'HTML (one offline file)',
  json: 'JSON model + JSON Schema',
  mermaid: 'Mermaid ER',
  dbml: 'DBML'
}

/** Folder, formats and include/exclude patterns; progress comes from `docs.progress` events. */
export function ExportDialog({ connectionId }: { connectionId: string }): React.JSX.Element {
  const ex = useDocsStore((s) => s.exporting)
  const { patchExport, closeExport, startExport } = useDocsStore.getState()
  const toggle = (f: DocFormat) => patchExport({ formats: ex.formats.includes(f) ? ex.formats.filter((x) => x !== f) : [...ex.formats, f] })
  useEscapeKey(closeExport)
  const pct = ex.progress && ex.progress.total ? Math.round((100 * ex.progress.done) / ex.progress.total) : 0
  return (
    <div className="modal-backdrop" onClick={closeExport}>
      <div className="modal docs-export" role="dialog" aria-label="Export documentation" onClick={(e) => e.stopPropagation()} data-testid="docs-export-dialog">
        <h2>Export documentation</h2>
        <label>
          Folder (full path)
          <PathField kind="folder" title="Folder for the documentation" defaultPath={ex.folder} onPick={(folder) => patchExport({ folder })} testId="browse-docs-folder">
            <input value={ex.folder} onChange={(e) => patchExport({ folder: e.target.value })} placeholder="/home/me/schema-docs" data-testid="docs-export-folder" />
          </PathField>
        </label>
        <fieldset>
          <legend>Formats</legend>
          {DocFormat.options.map((f) => (
            <label key={f} className="checkbox">
              <input type="checkbox" checked={ex.formats.includes(f)} onChange={() => toggle(f)} /> {LABELS[f]}
            </label>
          ))}
        </fieldset>
        <label>
          <span>
            Include tables (patterns like <code>public.*</code>; empty = all)
          </span>
          <input value={ex.include} onChange={(e) => patchExport({ include: e.target.value })} />
        </label>
        <label>
          Exclude tables
          <input value={ex.exclude} onChange={(e) => patchExport({ exclude: e.target.value })} placeholder="*.audit_*" />
        </label>
        {ex.running && (
          <div className="docs-progress" data-testid="docs-export-progress">
            <progress max={100} value={pct} /> <span>{ex.progress?.phase ?? 'Starting…'}</span>
          </div>
        )}
        {ex.error && <div className="field-error" data-testid="docs-export-error">{ex.error}</div>}
        {ex.files && (
          <div className="docs-export-done" data-testid="docs-export-done">
            Wrote {ex.files.length} files to <code>{ex.folderWritten}</code> in {ex.durationMs} ms.
          </div>
        )}
        <div className="modal-actions">
          <button onClick={closeExport} disabled={ex.running}>
            Close
          </button>
          <button className="primary" disabled={ex.running || !ex.folder.trim() || !ex.formats.length} onClick={() => void startExport(connectionId)} data-testid="docs-export-start">
            {ex.running ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </div>
    </div>
  )
}
