import { useState } from 'react'
import type { AiSqlCheck } from '../../../../shared/contract'
import { api } from '../../api/client'
import { ApiError, errorMessage } from '../../api/api-error'
import { useAppStore } from '../../app/app-store'
import { activeTabStore } from '../workspace/workspace-store'

/** Generated SQL: insert into the editor, or run (writes and DDL only after an explicit confirmation). */
export function SqlBlock({ sql, check, connectionId }: { sql: string; check?: AiSqlCheck; connectionId?: string }): React.JSX.Element {
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string>()
  const kind = check?.classification ?? 'unknown'
  const readOnly = useAppStore((s) => s.connections.find((c) => c.id === connectionId)?.readOnly ?? false)
  const insert = () => {
    activeTabStore()?.getState().insertSql(sql)
  }
  const run = async (confirmed: boolean) => {
    if (!connectionId) return
    setError(undefined)
    if (kind !== 'read' && readOnly) return setError('This connection is read-only: the statement is not run. Insert it into the editor to review it.')
    if (!confirmed && kind !== 'read') return setConfirming(true)
    try {
      const { runId } = await api.call('ai.execute', { connectionId, sql, confirmed })
      setConfirming(false)
      activeTabStore()?.getState().attachRun(runId, { connectionId, sql, editorOffset: 0 })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFIRMATION_REQUIRED') setConfirming(true)
      else setError(errorMessage(e))
    }
  }
  return (
    <div className="ai-sql" data-testid="ai-sql-block">
      <pre>{sql}</pre>
      <div className="ai-sql-actions">
        <span className={`badge ai-kind-${kind}`} data-testid="ai-sql-kind">{kind}</span>
        {check?.warnings.map((w) => (
          <span key={w} className="ai-warning" data-testid="ai-sql-warning">{w}</span>
        ))}
        <span className="spacer" />
        <button onClick={insert} data-testid="ai-insert">Insert into editor</button>
        <button onClick={() => void run(false)} disabled={!connectionId} data-testid="ai-run">Run</button>
      </div>
      {error && <div className="inline-error">{error}</div>}
      {confirming && (
        <div className="modal-backdrop">
          <div className="modal" role="dialog" aria-label="Confirm statement" data-testid="ai-confirm-dialog">
            <h2>{kind === 'ddl' ? 'This changes the schema' : 'This changes data'}</h2>
            <p>The assistant wrote a statement that is not read-only. Review it before running:</p>
            <pre className="ai-confirm-sql">{sql}</pre>
            <div className="modal-actions">
              <button onClick={() => setConfirming(false)} data-testid="ai-confirm-cancel">Cancel</button>
              <button className="danger" onClick={() => void run(true)} data-testid="ai-confirm-run">Run it</button>
            </div>
          </div>
        </div>
      )}
    </div>
  )
}
