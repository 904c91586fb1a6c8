import { useEffect, useState } from 'react'
import type { DocNote } from '../../../../shared/contract/docs'
import type { TableModel } from '../../../../shared/schema-model'
import { useDocsStore } from './docs-store'

/** Notes on the selected table and its columns; AI descriptions are shown read-only and marked. */
export function NotesEditor({ connectionId, table, notes }: { connectionId: string; table: TableModel; notes: DocNote[] }): React.JSX.Element {
  const noteFor = (column: string | null) => notes.find((n) => n.schema === table.schema && n.table === table.name && n.column === column)
  const noteError = useDocsStore((s) => s.noteError)
  return (
    <div className="docs-notes" data-testid="docs-notes">
      <h3>Notes</h3>
      <p className="muted">Kept in QueryGenie, never written to the database.</p>
      {noteError && <div className="field-error">{noteError}</div>}
      <NoteField connectionId={connectionId} label="Table" column={null} note={noteFor(null)} comment={table.comment ?? null} />
      {table.columns.map((c) => (
        <NoteField key={c.name} connectionId={connectionId} label={c.name} column={c.name} note={noteFor(c.name)} comment={c.comment ?? null} />
      ))}
    </div>
  )
}

function NoteField({ connectionId, label, column, note, comment }: { connectionId: string; label: string; column: string | null; note?: DocNote; comment: string | null }): React.JSX.Element {
  const [text, setText] = useState(note?.note ?? '')
  const saving = useDocsStore((s) => s.savingNote === (column ?? ''))
  const saveNote = useDocsStore((s) => s.saveNote)
  useEffect(() => setText(note?.note ?? ''), [note?.note])
  const dirty = text !== (note?.note ?? '')
  return (
    <div className="note-field" data-testid={`note-${column ?? '__table'}`}>
      <label>
        <span>
          <b>{label}</b>
          {comment && <span className="muted"> · {comment}</span>}
        </span>
        <textarea
          rows={column ? 1 : 3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          // leaving the field (another table, another view) keeps what was typed instead of dropping it
          onBlur={() => dirty && !saving && void saveNote(connectionId, column, text)}
          placeholder={column ? 'Note on this column' : 'What is this table for?'} />
      </label>
      {note?.aiDescription && (
        <div className="ai-text">
          <span className="tag">AI</span> {note.aiDescription}
        </div>
      )}
      {dirty && (
        <button onClick={() => void saveNote(connectionId, column, text)} disabled={saving} data-testid="note-save">
          {saving ? 'Saving…' : 'Save note'}
        </button>
      )}
    </div>
  )
}
