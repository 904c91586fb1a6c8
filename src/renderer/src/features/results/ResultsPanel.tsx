import { lazy, Suspense, useEffect } from 'react'
import './results.css'
import { activeTabStore } from '../workspace/workspace-store'
import { editorFirstMounted } from '../editor/editor-handle'
import { useChartViews } from '../chart/chart-view-store'
import { PlanPanel } from '../plan/PlanPanel'
import { PLAN_VIEW } from '../plan/plan-slice'
import { useActiveTab } from '../workspace/use-tab'
import { CellViewer } from './CellViewer'
import { ErrorPanel } from './ErrorPanel'
import { ExportJobs } from './ExportJobs'
import { ResultToolbar } from './ResultToolbar'
import { TransactionBar } from './TransactionBar'

// AG Grid is not needed until a query returns rows: loaded after the first screen, while the browser is idle
const loadGrid = (): Promise<typeof import('./ResultGrid')> => import('./ResultGrid')
const ResultGrid = lazy(() => loadGrid().then((m) => ({ default: m.ResultGrid })))
// ECharts only when a chart is asked for
const ResultChart = lazy(() => import('../chart/ResultChart').then((m) => ({ default: m.ResultChart })))

/** Result sets as tabs, a Messages tab, the live counter and export progress, for the active editor tab. */
export function ResultsPanel(): React.JSX.Element {
  const results = useActiveTab((t) => t.run.results)
  const error = useActiveTab((t) => t.run.error)
  const messages = useActiveTab((t) => t.run.messages)
  const activeResult = useActiveTab((t) => t.run.activeResult)
  const running = useActiveTab((t) => t.run.running)
  const show = (id: string): void => activeTabStore()?.getState().showResult(id)
  const hasPlan = useActiveTab((t) => t.plans.entries.length > 0 || !!t.plans.pending || !!t.plans.error)
  const planShown = activeResult === PLAN_VIEW && hasPlan
  const grids = results.filter((r) => r.columns.length > 0)
  const active = planShown ? undefined : (grids.find((r) => r.resultId === activeResult) ?? (activeResult === 'messages' ? undefined : grids[0]))
  const charted = useChartViews((s) => (active ? s.modes[active.resultId] === 'chart' : false))
  useEffect(() => {
    // a moment after the first screen (the SQL editor up: not competing with its start), when the browser is idle
    let idle = 0
    let later: ReturnType<typeof setTimeout> | undefined
    let gone = false
    void editorFirstMounted.then(() => {
      if (!gone) later = setTimeout(() => (idle = requestIdleCallback(() => void loadGrid(), { timeout: 3000 })), 1000)
    })
    return () => {
      gone = true
      clearTimeout(later)
      cancelIdleCallback(idle)
    }
  }, [])

  return (
    <section className="results-panel">
      <div className="result-tabs" role="tablist">
        {grids.map((r, i) => (
          <button
            key={r.resultId}
            role="tab"
            aria-selected={active?.resultId === r.resultId}
            className={active?.resultId === r.resultId ? 'active' : ''}
            onClick={() => show(r.resultId)}
            data-testid={`result-tab-${i}`}
            title={r.statement}
          >
            Result {i + 1} <span className="muted">({r.rowCount.toLocaleString()})</span>
          </button>
        ))}
        <button role="tab" aria-selected={!active && !planShown} className={!active && !planShown ? 'active' : ''} onClick={() => show('messages')} data-testid="messages-tab">
          Messages {messages.length > 0 && <span className="muted">({messages.length})</span>}
        </button>
        {hasPlan && (
          <button role="tab" aria-selected={planShown} className={planShown ? 'active' : ''} onClick={() => show(PLAN_VIEW)} data-testid="plan-tab">
            Plan
          </button>
        )}
      </div>
      {!planShown && <ResultToolbar key={`toolbar:${active?.resultId ?? 'messages'}`} result={active} />}
      <TransactionBar />
      {error && !planShown && <ErrorPanel error={error} />}
      {planShown ? (
        <PlanPanel />
      ) : active && charted ? (
        <Suspense fallback={<div className="results-empty">Loading the chart…</div>}>
          <ResultChart key={active.resultId} result={active} />
        </Suspense>
      ) : active ? (
        <Suspense fallback={<div className="results-empty">Loading the grid…</div>}>
          <ResultGrid key={active.resultId} result={active} />
        </Suspense>
      ) : (
        <div className="messages-list" data-testid="messages-list">
          {messages.length === 0 && !error && <div className="results-empty">{running ? 'Running… results appear here as they arrive.' : 'Run a query to see results here.'}</div>}
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
