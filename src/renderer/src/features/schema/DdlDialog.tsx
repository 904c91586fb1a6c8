import { useState } from 'react'
import { useAppStore } from '../../app/app-store'
import { useEditorStore } from '../editor/editor-store'

/** Shows generated DDL with copy and open-in-editor. */
export function DdlDialog({ title, ddl, onClose }: { title: string; ddl: string; onClose(): void }): React.JSX.Element {
  const [copied, setCopied] = useState(false)
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal ddl-dialog" role="dialog" aria-label={`DDL of ${title}`} onClick={(e) => e.stopPropagation()} data-testid="ddl-dialog">
        <header>
          <h3>DDL · {title}</h3>
          <button onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        <pre className="ddl-text" data-testid="ddl-text">
          {ddl}
        </pre>
        <footer>
          <button
            onClick={() =>
              void navigator.clipboard.writeText(ddl).then(
                () => setCopied(true),
                () => setCopied(false)
              )
            }
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button
            onClick={() => {
              useEditorStore.getState().setText(ddl)
              useAppStore.getState().setView('editor')
              onClose()
            }}
          >
            Open in editor
          </button>
        </footer>
      </div>
    </div>
  )
}
