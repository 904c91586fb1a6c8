import { useState } from 'react'
import type { AiFinding, AiSqlBlock } from '../../../../shared/contract'
import type { Plan } from '../../../../shared/plan'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'
import { useAppStore } from '../../app/app-store'
import type { TabStore } from '../workspace/tab-store'
import type { RunSnapshot } from '../workspace/run-state'
import { activeTabStore } from '../workspace/workspace-store'
import type { ChatTurn } from './ai-store'
import { ConfirmDialog } from './ConfirmDialog'

/** What the findings act on: the plan the answer was based on and the query it is the plan of. */
interface Basis {
  plan: Plan
  sql: string
  connectionId: string
}

const findingLabel = (f: AiFinding): string => `${f.rank}. ${f.title}`

/** Shows the answer's plan in the active tab's plan view with the finding's nodes marked. */
function openFinding(basis: Basis, finding: AiFinding): void {
  activeTabStore()
    ?.getState()
    .openPlan({ ...basis, source: 'Optimize', highlight: { nodeIds: finding.nodeIds, label: findingLabel(finding) } })
}

/** Waits for a run shown in the tab to end (or to be replaced by another run). */
function runEnded(store: TabStore, runId: string): Promise<RunSnapshot> {
  return new Promise((resolve) => {
    const check = (run: RunSnapshot): boolean => {
      if (run.runId === runId && run.running) return false
      resolve(run)
      return true
    }
    if (check(store.getState().run)) return
    const stop = store.subscribe((s) => check(s.run) && stop())
  })
}

/** Pins the answer's plan as the baseline, plans `sql` and shows the two compared; says whether a new plan came. */
async function planAndCompare(store: TabStore, basis: Basis, sql: string, finding: AiFinding): Promise<boolean> {
  const tab = store.getState()
  tab.openPlan({ ...basis, source: 'Optimize', pin: true, highlight: { nodeIds: finding.nodeIds, label: findingLabel(finding) } })
  await tab.explain({ sql, analyze: basis.plan.analyzed, editorOffset: 0, connectionId: basis.connectionId, view: 'compare' })
  return !store.getState().plans.error
}

/** The ranked findings of an optimize answer: each opens the plan with its nodes marked; its SQL can be tried or (indexes) created. */
export function OptimizeFindings({ turn }: { turn: ChatTurn }): React.JSX.Element {
  const findings = turn.findings ?? []
  const basis: Basis | undefined = turn.plan && turn.request ? { plan: turn.plan, sql: turn.request.sql, connectionId: turn.request.connectionId } : undefined
  const masked = /'\?\d+'/.test(findings.map((f) => `${f.title}\n${f.explanation}`).join('\n'))
  return (
    <div className="ai-findings" data-testid="ai-findings">
      {masked && (
        <p className="muted ai-findings-note">Values written as '?1', '?2'… were hidden from the model; the SQL below has the real values back.</p>
      )}
      <ol>
        {findings.map((f) => (
          <li key={f.rank} className="ai-finding" data-testid="ai-finding" data-rank={f.rank}>
            <button
              className="ai-finding-head"
              onClick={() => basis && openFinding(basis, f)}
              disabled={!basis}
              title={f.nodeIds.length ? 'Show the plan with these nodes marked' : 'Show the plan'}
              data-testid="ai-finding-open"
            >
              <span className="ai-finding-rank">{f.rank}</span>
              <span className="ai-finding-title">{f.title}</span>
              {f.nodeIds.map((id) => (
                <span key={id} className="ai-finding-node" data-testid="ai-finding-node">
                  {id}
                </span>
              ))}
            </button>
            {f.explanation && <div className="ai-finding-explanation" data-testid="ai-finding-explanation">{f.explanation}</div>}
            {f.blocks.map((b, i) => (
              <FindingBlock key={i} block={b} finding={f} basis={basis} />
            ))}
          </li>
        ))}
      </ol>
    </div>
  )
}

const ROLE_LABEL: Record<AiSqlBlock['role'], string> = { rewrite: 'rewrite', index: 'index', change: 'change', script: 'script' }

function FindingBlock({ block, finding, basis }: { block: AiSqlBlock; finding: AiFinding; basis?: Basis }): React.JSX.Element {
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState<string>()
  const [error, setError] = useState<string>()
  const kind = block.check.classification
  const canTry = block.role === 'rewrite' && !block.needsConfirmation && block.statementCount === 1
  const canCreate = block.needsConfirmation && (block.role === 'index' || block.role === 'change')
  const createLabel = block.role === 'index' ? 'Create index…' : 'Run…'
  const readOnlyReason = 'This connection is read-only: the statement cannot be run here.'
  const connectionName = useAppStore((s) => s.connections.find((c) => c.id === basis?.connectionId)?.name)

  const tryIt = async (): Promise<void> => {
    const store = activeTabStore()
    if (!store || !basis) return
    setError(undefined)
    setBusy(true)
    setStatus('Planning the rewrite…')
    try {
      const ok = await planAndCompare(store, basis, block.sql, finding)
      setStatus(ok ? 'Compared with the plan before: see the Plan tab.' : undefined)
      if (!ok) setError('The rewrite could not be planned: see the Plan tab.')
    } finally {
      setBusy(false)
    }
  }

  const create = async (): Promise<void> => {
    setConfirming(false)
    const store = activeTabStore()
    if (!store || !basis) return
    setError(undefined)
    setBusy(true)
    setStatus(block.role === 'index' ? 'Creating the index…' : 'Running…')
    try {
      const { runId } = await api.call('ai.execute', { connectionId: basis.connectionId, sql: block.sql, confirmed: true })
      store.getState().attachRun(runId, { connectionId: basis.connectionId, sql: block.sql, editorOffset: 0 })
      const run = await runEnded(store, runId)
      if (run.runId === runId && (run.error || run.cancelled)) {
        setStatus(undefined)
        setError(run.error ? run.error.message : 'Cancelled.')
        return
      }
      setStatus('Done; planning the query again…')
      const ok = await planAndCompare(store, basis, basis.sql, finding)
      setStatus(ok ? `${block.role === 'index' ? 'Index created' : 'Done'}; compared with the plan before: see the Plan tab.` : undefined)
      if (!ok) setError('The query could not be planned again: see the Plan tab.')
    } catch (e) {
      setStatus(undefined)
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="ai-sql ai-finding-block" data-testid="ai-finding-block" data-role={block.role}>
      <pre data-testid="ai-finding-sql">{block.sql}</pre>
      <div className="ai-sql-actions">
        <span className="badge" data-testid="ai-finding-role">{ROLE_LABEL[block.role]}</span>
        <span className={`badge ai-kind-${kind}`} data-testid="ai-sql-kind" title="What the statement analyser says this SQL does">
          {kind}
          {block.statementCount > 1 ? ` · ${block.statementCount} statements` : ''}
        </span>
        {block.check.warnings.map((w) => (
          <span key={w} className="ai-warning" data-testid="ai-sql-warning">{w}</span>
        ))}
        <span className="spacer" />
        <button onClick={() => activeTabStore()?.getState().insertSql(block.sql)} data-testid="ai-finding-insert">
          Insert into editor
        </button>
        {canTry && (
          <button className="primary" onClick={() => void tryIt()} disabled={busy || !basis} title="Plan the rewrite (nothing runs unless ANALYZE was asked) and compare it with the plan before" data-testid="ai-finding-try">
            Try it
          </button>
        )}
        {canCreate && (
          <button
            onClick={() => setConfirming(true)}
            disabled={busy || !basis || block.refusedReadOnly}
            title={block.refusedReadOnly ? readOnlyReason : 'Asks first, then runs it and plans the query again'}
            data-testid="ai-finding-create"
          >
            {createLabel}
          </button>
        )}
      </div>
      {canCreate && block.refusedReadOnly && (
        <div className="muted ai-finding-reason" data-testid="ai-finding-readonly">
          {readOnlyReason}
        </div>
      )}
      {status && <div className="muted ai-finding-status" data-testid="ai-finding-status">{status}</div>}
      {error && <div className="inline-error" data-testid="ai-finding-error">{error}</div>}
      {confirming && (
        <ConfirmDialog
          title={block.role === 'index' ? 'Create this index?' : 'Run this statement?'}
          confirmLabel={block.role === 'index' ? 'Create index' : 'Run it'}
          onConfirm={() => void create()}
          onCancel={() => setConfirming(false)}
          testId="ai-finding-confirm"
        >
          <p>
            The assistant suggested this {kind === 'ddl' ? 'schema change' : 'statement'}. It runs on <b>{connectionName ?? 'the connection'}</b> now
            {block.role === 'index' ? ' (building an index can take a while and locks writes to the table on some engines)' : ''}; then the query is planned again and
            compared with the plan before.
          </p>
          <pre className="ai-confirm-sql">{block.sql}</pre>
        </ConfirmDialog>
      )}
    </div>
  )
}
