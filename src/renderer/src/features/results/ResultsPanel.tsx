import './results.css'
import { CellViewer } from './CellViewer'
import { ExportJobs } from './ExportJobs'
import { ResultGrid } from './ResultGrid'
import { ResultToolbar } from './ResultToolbar'
import { useResultsStore } from './results-store'

function errorTitle(code: string): string {
  return code === 'SQL_ERROR' ? 'Database error' : code.replaceAll('_', ' ').toLowerCase()
}

/** Result sets as tabs, a Messages tab, the live counter and export progress. */
export function ResultsPanel(): React.JSX.Element {
  const results = useResultsStore((s) => s.results)
  const error = useResultsStore((s) => s.error)
  const messages = useResultsStore((s) => s.messages)
  const activeTab = useResultsStore((s) => s.activeTab)
  const setActiveTab = useResultsStore((s) => s.setActiveTab)
  const confirmAndRerun = useResultsStore((s) => s.confirmAndRerun)
  const transaction = useResultsStore((s) => s.transaction)
  const running = useResultsStore((s) => s.running)
  const endTransaction = useResultsStore((s) => s.endTransaction)
  const grids = results.filter((r) => r.columns.length > 0)
  const active = grids.find((r) => r.resultId === activeTab) ?? (activeTab === 'messages' ? undefined : grids[0])

  return (
    <section className="results-panel">
      <div className="result-tabs" role="tablist">
        {grids.map((r, i) => (
          <button
            key={r.resultId}
            role="tab"
            aria-selected={active?.resultId === r.resultId}
            className={active?.resultId === r.resultId ? 'active' : ''}
            onClick={() => setActiveTab(r.resultId)}
            data-testid={`result-tab-${i}`}
            title={r.statement}
          >
            Result {i + 1} <span className="muted">({r.rowCount.toLocaleString()})</span>
          </button>
        ))}
        <button role="tab" aria-selected={!active} className={!active ? 'active' : ''} onClick={() => setActiveTab('messages')} data-testid="messages-tab">
          Messages {messages.length > 0 && <span className="muted">({messages.length})</span>}
        </button>
      </div>
      <ResultToolbar result={active} />
      {!running && (transaction === 'failed' || transaction === 'open') && (
        <div className={`transaction-bar transaction-${transaction}`} role="status" data-testid="transaction-bar">
          <span>
            {transaction === 'failed'
              ? 'The transaction failed: the database ignores every statement in it until you roll it back.'
              : 'A transaction is open in this tab: its changes are not saved until you commit.'}
          </span>
          {transaction === 'open' && (
            <button onClick={() => void endTransaction('COMMIT')} data-testid="transaction-commit">
              Commit
            </button>
          )}
          <button className={transaction === 'failed' ? 'primary' : ''} onClick={() => void endTransaction('ROLLBACK')} data-testid="transaction-rollback">
            Rollback
          </button>
        </div>
      )}
      {error && (
        <div className="error-panel" role="alert" data-testid="error-panel">
          <strong>{errorTitle(error.code)}</strong>
          {error.statementIndex !== undefined && <span className="muted"> in statement {error.statementIndex + 1}</span>}
          <pre>{error.message}</pre>
          {error.code === 'READ_ONLY' && (
            <p className="muted" data-testid="read-only-hint">
              This connection is read-only, so the database refused the change. To change data, untick Read-only in the connection’s settings.
            </p>
          )}
          {error.code === 'CONFIRMATION_REQUIRED' && (
            <button className="primary" onClick={() => void confirmAndRerun()} data-testid="confirm-write">
              Run it anyway
            </button>
          )}
        </div>
      )}
      {active ? (
        <ResultGrid key={active.resultId} result={active} />
      ) : (
        <div className="messages-list" data-testid="messages-list">
          {messages.length === 0 && !error && <div className="results-empty">Run a query to see results here.</div>}
          {messages.map((m, i) => (
            <div key={i} className={`message message-${m.level}`}>
              <span className="muted">{new Date(m.at).toLocaleTimeString()}</span>
              {m.statementIndex !== undefined && <span className="muted">#{m.statementIndex + 1}</span>}
              <span>{m.text}</span>
            </div>
          ))}
        </div>
      )}
      <ExportJobs />
      <CellViewer />
    </section>
  )
}
