import { useEffect, useState } from 'react'
import { ErrorPanel } from '../results/ErrorPanel'
import { useActiveTab } from '../workspace/use-tab'
import { activeTabStore } from '../workspace/workspace-store'
import { BaselineSummary } from './BaselineSummary'
import { ComparePlans } from './ComparePlans'
import { FlameView } from './FlameView'
import { HotSpots } from './HotSpots'
import { NodeDetails } from './NodeDetails'
import { PlanPending } from './PlanPending'
import { PlanPicker } from './PlanPicker'
import { PlanTree } from './PlanTree'
import { RawView } from './RawView'
import { formatCost, formatMs } from './plan-format'
import type { PlanEntry, PlanHighlight, PlanViewKind } from './plan-slice'
import { usePlanViewModel } from './plan-view-model'
import './plan.css'

const preview = (sql: string): string => {
  const line = sql.replace(/\s+/g, ' ').trim()
  return line.length > 80 ? `${line.slice(0, 79)}…` : line
}

type View = PlanViewKind
const views: [View, string][] = [
  ['tree', 'Tree'],
  ['flame', 'Flame'],
  ['raw', 'Raw'],
  ['compare', 'Compare']
]

/** The plan view of the active tab: its last plans, the one on screen as a tree, flame or raw text, and a comparison. */
export function PlanPanel(): React.JSX.Element {
  const plans = useActiveTab((t) => t.plans)
  const tab = {
    cancelExplain: () => activeTabStore()?.getState().cancelExplain(),
    selectPlan: (id: string) => activeTabStore()?.getState().selectPlan(id),
    pinBaseline: (id: string | undefined) => activeTabStore()?.getState().pinBaseline(id),
    clearHighlight: () => activeTabStore()?.getState().clearHighlight()
  }
  const view = plans.view ?? 'tree'
  const setView = (v: View): void => activeTabStore()?.getState().setPlanView(v)
  const entry = plans.entries.find((e) => e.id === plans.activeId) ?? plans.entries.at(-1)
  const baseline = plans.entries.find((e) => e.id === plans.baselineId)
  const comparing = !!baseline && !!entry && baseline.id !== entry.id
  const shown = view === 'compare' && !comparing ? 'tree' : view
  const highlight = entry && plans.highlight?.entryId === entry.id && plans.highlight.nodeIds.length ? plans.highlight : undefined
  return (
    <div className="plan-panel" data-testid="plan-panel">
      {plans.pending && <PlanPending pending={plans.pending} onCancel={() => tab.cancelExplain()} />}
      {plans.error && (
        <ErrorPanel
          error={plans.error}
          rerunnable={false}
          testId="plan-error"
          title={plans.error.code === 'CONFIRMATION_REQUIRED' ? 'Explain analyze refused: nothing was run' : plans.error.code === 'SQL_ERROR' ? 'The database could not plan this statement' : 'No plan'}
        />
      )}
      {plans.error && entry && (
        <div className="plan-previous muted" data-testid="plan-previous">
          Below: the tab’s last plan, of <code>{preview(entry.sql)}</code>
        </div>
      )}
      {entry ? (
        <>
          <div className="plan-bar">
            <PlanPicker entries={plans.entries} activeId={entry.id} baselineId={plans.baselineId} onSelect={(id) => tab.selectPlan(id)} />
            <PlanTotalsLabel entry={entry} />
            <span className="spacer" />
            <div className="plan-views" role="tablist">
              {views.map(([id, label]) => (
                <button
                  key={id}
                  role="tab"
                  aria-selected={shown === id}
                  className={shown === id ? 'active' : ''}
                  disabled={id === 'compare' && !comparing}
                  title={id === 'compare' && !comparing ? 'Pin a plan as baseline, then explain again to compare' : undefined}
                  onClick={() => setView(id)}
                  data-testid={`plan-view-${id}`}
                >
                  {label}
                </button>
              ))}
            </div>
            {plans.baselineId === entry.id ? (
              <button onClick={() => tab.pinBaseline(undefined)} data-testid="plan-unpin" title="Stop comparing later plans with this one">
                Unpin baseline
              </button>
            ) : (
              <button onClick={() => tab.pinBaseline(entry.id)} data-testid="plan-pin" title="Compare later plans of this tab with this one">
                Pin as baseline
              </button>
            )}
          </div>
          {comparing && <BaselineSummary baseline={baseline} current={entry} onOpen={() => setView('compare')} />}
          {highlight && (
            <div className="plan-highlight-note" data-testid="plan-highlight-note">
              <span className="plan-highlight-swatch" />
              <span>
                Marked: {highlight.nodeIds.join(', ')}
                {highlight.label ? ` — ${highlight.label}` : ''}
              </span>
              <button className="link" onClick={() => tab.clearHighlight()} data-testid="plan-highlight-clear">
                Clear
              </button>
            </div>
          )}
          <PlanBody key={entry.id} entry={entry} baseline={comparing ? baseline : undefined} view={shown} highlight={highlight} />
        </>
      ) : (
        !plans.pending &&
        !plans.error && <div className="results-empty">Explain (Ctrl/Cmd+E) or Explain analyze (Ctrl/Cmd+Shift+E) shows the plan of the statement at the cursor here.</div>
      )}
    </div>
  )
}

function PlanTotalsLabel({ entry }: { entry: PlanEntry }): React.JSX.Element {
  const { plan } = entry
  const parts = [
    plan.analyzed ? 'Analysed' : 'Estimated',
    plan.executionMs !== undefined ? `execution ${formatMs(plan.executionMs)}` : undefined,
    plan.planningMs !== undefined ? `planning ${formatMs(plan.planningMs)}` : undefined,
    plan.root.totalCost !== undefined ? `cost ${formatCost(plan.root.totalCost)}` : undefined
  ].filter(Boolean)
  return (
    <span className="plan-totals muted" data-testid="plan-totals" title={entry.sql}>
      {parts.join(' · ')}
    </span>
  )
}

function PlanBody({ entry, baseline, view, highlight }: { entry: PlanEntry; baseline?: PlanEntry; view: View; highlight?: PlanHighlight }): React.JSX.Element {
  const model = usePlanViewModel(entry.plan)!
  const [selectedId, setSelectedId] = useState<string | undefined>(highlight?.nodeIds[0])
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())
  const marked = highlight?.nodeIds
  // marked nodes (a finding's) are shown: the first is selected and the ancestors of all of them open
  useEffect(() => {
    if (!marked?.length) return
    setSelectedId(marked[0])
    const open = new Set(marked.flatMap((id) => model.byId.get(id)?.path.slice(0, -1) ?? []))
    setCollapsed((c) => ([...c].some((id) => open.has(id)) ? new Set([...c].filter((id) => !open.has(id))) : c))
  }, [marked, model])
  const markedSet = new Set(marked)
  const select = (id: string): void => {
    setSelectedId(id)
    // a node chosen from the hot spots or the flame view is shown in the tree: its ancestors open
    const path = model.byId.get(id)?.path ?? []
    if (path.slice(0, -1).some((p) => collapsed.has(p))) setCollapsed(new Set([...collapsed].filter((c) => !path.includes(c) || c === id)))
  }
  const toggle = (id: string): void => {
    const next = new Set(collapsed)
    if (!next.delete(id)) next.add(id)
    setCollapsed(next)
  }
  const selected = selectedId ? model.byId.get(selectedId) : undefined
  // a plan without time or cost (SQLite) has no hot spots: the side panel opens with a selected node only
  const side = !!model.metrics.measure || !!selected
  return (
    <div className={`plan-body${side ? '' : ' no-side'}`}>
      <div className="plan-main">
        {entry.plan.notes.length > 0 && (
          <ul className="plan-notes" data-testid="plan-notes">
            {entry.plan.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        )}
        {view === 'tree' && <PlanTree model={model} selectedId={selectedId} highlighted={markedSet} collapsed={collapsed} onSelect={select} onToggle={toggle} />}
        {view === 'flame' && <FlameView model={model} selectedId={selectedId} highlighted={markedSet} onSelect={select} />}
        {view === 'raw' && <RawView plan={entry.plan} />}
        {view === 'compare' && baseline && <ComparePlans baseline={baseline} current={entry} onSelect={select} />}
      </div>
      {side && (
        <aside className="plan-side">
          <HotSpots model={model} selectedId={selectedId} onSelect={select} />
          {selected && (
            <NodeDetails node={selected.node} metrics={selected.metrics} measure={model.metrics.measure} misestimate={model.misestimated.get(selected.node.id)} onClose={() => setSelectedId(undefined)} />
          )}
        </aside>
      )}
    </div>
  )
}
