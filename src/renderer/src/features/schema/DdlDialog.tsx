import { useState } from 'react'
import { useAppStore } from '../../app/app-store'
import { useWorkspace } from '../workspace/workspace-store'
import { useEscapeKey } from '../../app/use-escape-key'

export interface DdlDialogProps {
  connectionId: string
  title: string
  /** The text; null when there is no source to show, undefined while it loads. */
  ddl: string | null | undefined
  /** `DDL` for tables and views, `Source` for routines, triggers, sequences and types. */
  heading?: string
  /** Views: the tables the view reads; null when its query could not be parsed; undefined for anything else. */
  reads?: string[] | null
  /** Said when there is no source (ddl null). */
  unavailable?: string
  onClose(): void
}

/** Shows generated DDL or an object's source, with copy and open-in-editor (a new tab on the object's connection). */
export function DdlDialog({ connectionId, title, ddl, heading = 'DDL', reads, unavailable, onClose }: DdlDialogProps): React.JSX.Element {
  const [copied, setCopied] = useState(false)
  useEscapeKey(onClose)
  const text = ddl ?? ''
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal ddl-dialog" role="dialog" aria-label={`${heading} of ${title}`} onClick={(e) => e.stopPropagation()} data-testid="ddl-dialog">
        <header>
          <h3>
            {heading} · {title}
          </h3>
          <button onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        {reads !== undefined && (
          <div className="ddl-reads muted" data-testid="ddl-reads">
            {reads === null ? 'Reads: could not tell (the view’s query did not parse).' : reads.length ? `Reads: ${reads.join(', ')}` : 'Reads: no tables.'}
          </div>
        )}
        {ddl === undefined ? (
          <div className="ddl-text muted" data-testid="ddl-loading">
            Loading…
          </div>
        ) : ddl === null ? (
          <div className="ddl-text ddl-unavailable muted" data-testid="ddl-unavailable">
            {unavailable ?? 'Source not available: neither the engine nor the schema model has this object’s source.'}
          </div>
        ) : (
          <pre className="ddl-text" data-testid="ddl-text">
            {ddl}
          </pre>
        )}
        <footer>
          <button
            disabled={!text}
            onClick={() =>
              void navigator.clipboard.writeText(text).then(
                () => setCopied(true),
                () => setCopied(false)
              )
            }
            data-testid="ddl-copy"
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button
            disabled={!text}
            onClick={() => {
              useAppStore.getState().setView('editor')
              useWorkspace.getState().add(connectionId, { title: `${title} ${heading}`, sql: text })
              onClose()
            }}
            data-testid="ddl-open-tab"
          >
            Open in new tab
          </button>
        </footer>
      </div>
    </div>
  )
}
