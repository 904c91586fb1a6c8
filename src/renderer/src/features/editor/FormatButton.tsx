import { runCommand } from '../../app/commands'
import { useFormatNote } from './format-command'
import './format.css'

/** The toolbar's Format button, and why the last Format changed nothing (SQL the formatter cannot read). */
export function FormatButton(): React.JSX.Element {
  const note = useFormatNote((s) => s.note)
  return (
    <>
      <button onClick={() => runCommand('query.format')} title="Format the selection, else the whole text (Shift+Alt+F, Ctrl/Cmd+Alt+L)" data-testid="format-sql">
        Format
      </button>
      {note && (
        <span className="format-note" role="status" title={note} data-testid="format-note">
          {note}
        </span>
      )}
    </>
  )
}
