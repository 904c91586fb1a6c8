import { useState } from 'react'
import { api } from '../../api/client'
import { ApiError, errorMessage } from '../../api/api-error'
import { useAppStore } from '../../app/app-store'
import { activeTabStore } from '../workspace/workspace-store'
import { ConfirmDialog } from './ConfirmDialog'
import { useCopied } from './use-copied'
import { useSqlCheck } from './use-sql-check'
import { verdictOf, type BlockVerdict } from './sql-block-verdict'

const sentences = (lines: string[]): string => lines.map((l) => (/[.!?…]$/.test(l) ? l : `${l}.`)).join(' ')

const READ_ONLY_REFUSAL = 'This connection is read-only: this statement is not offered to run. Insert it into the editor to review it.'

/**
 * One SQL block of an answer with what the statement analyser and the schema check say of it, and its actions:
 * insert, run (reads run; anything else, and anything that failed the schema check, only after a confirmation),
 * explain (the plan view; EXPLAIN without ANALYZE runs nothing) and copy.
 */
export function SqlBlock({ sql, connectionId }: { sql: string; connectionId?: string }): React.JSX.Element {
  const readOnly = useAppStore((s) => s.connections.find((c) => c.id === connectionId)?.readOnly ?? false)
  const { state, recheck } = useSqlCheck(connectionId, sql)
  const verdict = verdictOf(state, sql, readOnly)
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string>()
  const [copied, copy] = useCopied()

  const run = async (confirmed: boolean): Promise<void> => {
    if (!connectionId) return
    setConfirming(false)
    setError(undefined)
    if (!confirmed && verdict.run !== 'run') return setConfirming(verdict.run === 'confirm')
    try {
      const { runId } = await api.call('ai.execute', { connectionId, sql, confirmed })
      activeTabStore()?.getState().attachRun(runId, { connectionId, sql, editorOffset: 0 })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFIRMATION_REQUIRED') setConfirming(true)
      else setError(errorMessage(e))
    }
  }
  const explain = (): void => {
    if (connectionId) void activeTabStore()?.getState().explain({ sql, analyze: false, editorOffset: 0, connectionId })
  }
  const checking = state.status === 'checking'

  return (
    <div className={`ai-sql${verdict.problems.length ? ' ai-sql-failed' : ''}`} data-testid="ai-sql-block">
      <pre>{sql}</pre>
      {verdict.problems.length > 0 && (
        <div className="ai-sql-problems" data-testid="ai-sql-check-failed">
          <b>Failed the schema check.</b> {sentences(verdict.problems)}
          {verdict.run === 'confirm' && ' Running it needs an explicit override.'}{' '}
          <button className="link" onClick={recheck} data-testid="ai-sql-recheck">
            Check again
          </button>
        </div>
      )}
      <div className="ai-sql-actions">
        <span className={`badge ai-kind-${checking ? 'checking' : verdict.kind}`} data-testid="ai-sql-kind" title="What the statement analyser says this SQL does">
          {checking ? 'checking…' : verdict.kind}
        </span>
        <span className="spacer" />
        <button onClick={() => activeTabStore()?.getState().insertSql(sql)} title="Insert into the editor" data-testid="ai-insert">
          Insert
        </button>
        {verdict.run !== 'refused' && (
          <RunButton verdict={verdict} disabled={!connectionId || verdict.run === 'wait'} onClick={() => void run(false)} />
        )}
        <button onClick={explain} disabled={!connectionId} title="Show the plan (EXPLAIN without ANALYZE: nothing runs)" data-testid="ai-sql-explain">
          Explain
        </button>
        <button onClick={() => copy(sql)} data-testid="ai-sql-copy">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      {verdict.run === 'refused' && (
        <div className="muted ai-sql-note" data-testid="ai-sql-readonly">
          {READ_ONLY_REFUSAL}
        </div>
      )}
      {error && <div className="inline-error">{error}</div>}
      {confirming && <ConfirmRun sql={sql} verdict={verdict} onConfirm={() => void run(true)} onCancel={() => setConfirming(false)} />}
    </div>
  )
}

function RunButton({ verdict, disabled, onClick }: { verdict: BlockVerdict; disabled: boolean; onClick(): void }): React.JSX.Element {
  const override = verdict.problems.length > 0
  const title = override
    ? 'It failed the schema check: asks you to confirm running it anyway'
    : verdict.run === 'confirm'
      ? 'It is not read-only: asks you to confirm first'
      : 'Run it in the active tab'
  return (
    <button className={override ? 'danger' : undefined} onClick={onClick} disabled={disabled} title={title} data-testid="ai-run">
      {override ? 'Run anyway…' : verdict.run === 'confirm' ? 'Run…' : 'Run'}
    </button>
  )
}

function ConfirmRun({ sql, verdict, onConfirm, onCancel }: { sql: string; verdict: BlockVerdict; onConfirm(): void; onCancel(): void }): React.JSX.Element {
  const override = verdict.problems.length > 0
  const title = override ? 'Run SQL that failed the schema check?' : verdict.kind === 'ddl' ? 'This changes the schema' : 'This changes data'
  return (
    <ConfirmDialog title={title} confirmLabel={override ? 'Run anyway' : 'Run it'} onConfirm={onConfirm} onCancel={onCancel} testId="ai-confirm">
      {override && <p data-testid="ai-confirm-problems">{sentences(verdict.problems)} It will probably fail at the database.</p>}
      {verdict.kind !== 'read' && <p>The assistant wrote a statement that is not read-only ({verdict.kind}). Review it before running:</p>}
      <pre className="ai-confirm-sql">{sql}</pre>
    </ConfirmDialog>
  )
}
