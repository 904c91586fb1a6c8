import { DocFormat } from '../../../../shared/contract/docs'
import { useDocsStore } from './docs-store'
import { useDialogsAvailable } from '../../app/BrowseButton'
import { useEscapeKey } from '../../app/use-escape-key'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'

const LABELS: Record<DocFormat, string> = {
  md: 'Markdown (index + page per table)',
  html: 'HTML (one offline file)',
  json: 'JSON model + JSON Schema',
  mermaid: 'Mermaid ER',
  dbml: 'DBML'
}

const FOLDER_TITLE = 'Folder for the documentation'

/**
 * Folder, formats and include/exclude patterns; progress comes from `docs.progress` events. Desktop: the folder is
 * picked in the native dialog (main writes only where it answered; a typed path is only where the picker opens).
 * Web mode: a folder name inside the data folder's exports area.
 */
export function ExportDialog({ connectionId }: { connectionId: string }): React.JSX.Element {
  const ex = useDocsStore((s) => s.exporting)
  const { patchExport, closeExport, startExport } = useDocsStore.getState()
  const desktop = useDialogsAvailable()
  const pickFolder = async (): Promise<boolean> => {
    try {
      const { path, grant } = await api.call('dialogs.chooseFolder', { title: FOLDER_TITLE, defaultPath: useDocsStore.getState().exporting.folder.trim() || undefined })
      if (!path) return false
      patchExport({ folder: path, grant, error: undefined })
      return true
    } catch (e) {
      patchExport({ error: errorMessage(e) })
      return false
    }
  }
  const exportNow = async (): Promise<void> => {
    if (desktop && !useDocsStore.getState().exporting.grant && !(await pickFolder())) return
    await startExport(connectionId)
  }
  const toggle = (f: DocFormat) => patchExport({ formats: ex.formats.includes(f) ? ex.formats.filter((x) => x !== f) : [...ex.formats, f] })
  useEscapeKey(closeExport)
  const pct = ex.progress && ex.progress.total ? Math.round((100 * ex.progress.done) / ex.progress.total) : 0
  return (
    <div className="modal-backdrop" onClick={closeExport}>
      <div className="modal docs-export" role="dialog" aria-label="Export documentation" onClick={(e) => e.stopPropagation()} data-testid="docs-export-dialog">
        <h2>Export documentation</h2>
        <label>
          {desktop ? 'Folder' : "Folder name (in the data folder's exports area)"}
          <span className="path-field">
            {/* typing drops the dialog's grant: Export then asks the picker, opening where the field points */}
            <input value={ex.folder} onChange={(e) => patchExport({ folder: e.target.value, grant: undefined })} placeholder={desktop ? 'Choose with Browse…' : 'schema-docs'} data-testid="docs-export-folder" />
            {desktop && (
              <button type="button" className="browse-button" disabled={ex.running} onClick={() => void pickFolder()} data-testid="browse-docs-folder">
                Browse…
              </button>
            )}
          </span>
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
          <button className="primary" disabled={ex.running || !ex.formats.length} onClick={() => void exportNow()} data-testid="docs-export-start">
            {ex.running ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </div>
    </div>
  )
}
