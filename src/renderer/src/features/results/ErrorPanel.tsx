import { lineColumnAt } from '../../../../shared/text-position'
import { revealOffset } from '../editor/editor-handle'
import type { RunError } from '../workspace/run-state'
import { useActiveTab } from '../workspace/use-tab'
import { activeTabStore } from '../workspace/workspace-store'
import { errorOffset } from './error-offset'

function errorTitle(code: string): string {
  return code === 'SQL_ERROR' ? 'Database error' : code.replaceAll('_', ' ').toLowerCase()
}

/** Text the engine added to its error (PostgreSQL's DETAIL, HINT and CONTEXT). */
function extras(error: RunError): [string, string][] {
  const { serverDetail, hint, context } = error.detail ?? {}
  return ([['Detail', serverDetail], ['Hint', hint], ['Context', context]] as const).filter((e): e is ['Detail' | 'Hint' | 'Context', string] => !!e[1])
}

interface ErrorPanelProps {
  error: RunError
  /** A heading instead of the code's (e.g. "Explain analyze refused"). */
  title?: string
  /** Whether "Run it anyway" may repeat the tab's last run (false for errors of other calls, such as a plan). */
  rerunnable?: boolean
  testId?: string
}

/** The run's error: where it is (line:col, click to jump), what the engine said, and what the user can do. */
export function ErrorPanel({ error, title, rerunnable = true, testId = 'error-panel' }: ErrorPanelProps): React.JSX.Element {
  const origin = useActiveTab((t) => t.run.origin)
  const sql = useActiveTab((t) => t.sql)
  const offset = origin === 'editor' ? errorOffset(error, sql) : undefined
  const at = offset !== undefined ? lineColumnAt(sql, offset) : undefined
  return (
    <div className="error-panel" role="alert" data-testid={testId}>
      <strong>{title ?? errorTitle(error.code)}</strong>
      {error.statementIndex !== undefined && <span className="muted"> in statement {error.statementIndex + 1}</span>}
      {at && offset !== undefined && (
        <button className="link error-location" onClick={() => revealOffset(offset)} title="Show it in the editor" data-testid="error-location">
          line {at.line}, column {at.column}
        </button>
      )}
      <pre>{error.message}</pre>
      {extras(error).map(([label, text]) => (
        <pre key={label} className="error-extra" data-testid={`error-${label.toLowerCase()}`}>
          <b>{label}:</b> {text}
        </pre>
      ))}
      {error.code === 'READ_ONLY' && (
        <p className="muted" data-testid="read-only-hint">
          This connection is read-only, so the database refused the change. To change data, untick Read-only in the connection’s settings.
        </p>
      )}
      {error.code === 'CONFIRMATION_REQUIRED' && rerunnable && (
        <button className="primary" onClick={() => void activeTabStore()?.getState().confirmAndRerun()} data-testid="confirm-write">
          Run it anyway
        </button>
      )}
    </div>
  )
}
