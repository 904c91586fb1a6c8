import { useState } from 'react'
import { useAppStore } from '../../app/app-store'
import { useWorkspace } from '../workspace/workspace-store'
import { useEscapeKey } from '../../app/use-escape-key'

/** Shows generated DDL with copy and open-in-editor (a new tab on the table's connection). */
export function DdlDialog({ connectionId, title, ddl, onClose }: { connectionId: string; title: string; ddl: string; onClose(): void }): React.JSX.Element {
  const [copied, setCopied] = useState(false)
  useEscapeKey(onClose)
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
              useAppStore.getState().setView('editor')
              useWorkspace.getState().add(connectionId, { title: `${title} DDL`, sql: ddl })
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
