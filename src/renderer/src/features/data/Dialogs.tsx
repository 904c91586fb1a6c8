import { useEscapeKey } from '../../app/use-escape-key'

/** The DML the pending changes become (data.preview), with the failing statement marked after a failed apply. */
export function PreviewDialog({ statements, error, onClose, onApply }: { statements: string[]; error?: string; onClose(): void; onApply(): void }): React.JSX.Element {
  useEscapeKey(onClose)
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal data-preview" onClick={(e) => e.stopPropagation()} role="dialog" aria-label="Preview SQL" data-testid="data-preview">
        <h2>Preview SQL</h2>
        {error ? (
          <div className="data-error">{error}</div>
        ) : statements.length === 0 ? (
          <div className="muted">Generating…</div>
        ) : (
          <pre className="data-preview-sql" data-testid="data-preview-sql">
            {statements.map((s) => (s.trimEnd().endsWith(';') ? s : `${s};`)).join('\n')}
          </pre>
        )}
        <div className="modal-actions">
          <button onClick={() => void navigator.clipboard.writeText(statements.join(';\n') + ';')} disabled={!statements.length}>
            Copy
          </button>
          <button onClick={onClose}>Close</button>
          <button className="primary" onClick={onApply} disabled={!statements.length} data-testid="data-preview-apply">
            Apply
          </button>
        </div>
      </div>
    </div>
  )
}

export function ConfirmDialog({ title, message, confirm, onConfirm, onCancel }: { title: string; message: string; confirm: string; onConfirm(): void; onCancel(): void }): React.JSX.Element {
  useEscapeKey(onCancel)
  return (
    <div className="modal-backdrop" onClick={onCancel}>
      <div className="modal" onClick={(e) => e.stopPropagation()} role="alertdialog" aria-label={title} data-testid="data-confirm">
        <h2>{title}</h2>
        <p>{message}</p>
        <div className="modal-actions">
          <button onClick={onCancel}>Cancel</button>
          <button className="primary danger" onClick={onConfirm} data-testid="data-confirm-ok" autoFocus>
            {confirm}
          </button>
        </div>
      </div>
    </div>
  )
}
