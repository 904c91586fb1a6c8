import { useMemo } from 'react'
import { comparePlans, planMetrics, type PlanNode, type PlanTotals } from '../../../../shared/plan'
import { formatCost, formatMs, formatRows, nodeTitle } from './plan-format'
import type { PlanEntry } from './plan-slice'

type Better = 'lower' | 'none'
const totalsRows: [keyof PlanTotals, string, (n: number | undefined) => string, Better][] = [
  ['executionMs', 'Execution time', formatMs, 'lower'],
  ['planningMs', 'Planning time', formatMs, 'lower'],
  ['timeMs', 'Time (top node)', formatMs, 'lower'],
  ['totalCost', 'Estimated cost', formatCost, 'lower'],
  ['rows', 'Rows', formatRows, 'none'],
  ['nodes', 'Plan nodes', formatRows, 'none']
]

/** "−43%" / "+2.1×", and whether that is better, worse or neither. */
function change(before: number | undefined, after: number | undefined, better: Better): { text: string; tone: 'better' | 'worse' | '' } {
  if (before === undefined || after === undefined) return { text: '', tone: '' }
  if (before === after) return { text: '=', tone: '' }
  const ratio = before === 0 ? Infinity : after / before
  const text = ratio >= 2 ? `${ratio === Infinity ? '∞' : ratio.toFixed(1)}×` : `${ratio >= 1 ? '+' : '−'}${Math.abs(Math.round((ratio - 1) * 100))}%`
  const significant = ratio > 1.1 || ratio < 0.9
  return { text, tone: better === 'none' || !significant ? '' : ratio < 1 ? 'better' : 'worse' }
}

const rowsOf = (n: PlanNode | null): number | undefined => (n ? (n.actualRows !== undefined ? n.actualRows * (n.loops ?? 1) : n.estimatedRows) : undefined)
const sameShape = (a: PlanNode, b: PlanNode): boolean => a.operation === b.operation && a.relation === b.relation && a.index === b.index

interface Props {
  baseline: PlanEntry
  current: PlanEntry
  onSelect(id: string): void
}

/** Before (the pinned baseline) and after (the plan on screen): totals, then node by node with changes marked. */
export function ComparePlans({ baseline, current, onSelect }: Props): React.JSX.Element {
  const { comparison, measure, selfBefore, selfAfter } = useMemo(() => {
    const before = planMetrics(baseline.plan)
    const after = planMetrics(current.plan)
    // time only when both plans were timed; otherwise the planner's cost, which both have
    const measure = before.measure === 'time' && after.measure === 'time' ? 'time' : 'cost'
    const self = (m: typeof before) => (id: string | undefined) => {
      const x = id ? m.byId.get(id) : undefined
      return measure === 'time' ? x?.selfTimeMs : x?.selfCost
    }
    return { comparison: comparePlans(baseline.plan, current.plan), measure, selfBefore: self(before), selfAfter: self(after) }
  }, [baseline, current])
  const format = measure === 'time' ? formatMs : formatCost
  return (
    <div className="plan-compare" data-testid="plan-compare">
      <table className="plan-compare-totals" data-testid="plan-compare-totals">
        <thead>
          <tr>
            <th />
            <th>Baseline{baseline.analyze ? ' (analysed)' : ''}</th>
            <th>This plan{current.analyze ? ' (analysed)' : ''}</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {totalsRows.map(([key, label, fmt, better]) => {
            const b = comparison.before[key]
            const a = comparison.after[key]
            if (b === undefined && a === undefined) return null
            const c = change(b, a, better)
            return (
              <tr key={key}>
                <th>{label}</th>
                <td>{fmt(b)}</td>
                <td>{fmt(a)}</td>
                <td className={`plan-change ${c.tone}`}>{c.text}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <table className="plan-compare-nodes" data-testid="plan-compare-nodes">
        <thead>
          <tr>
            <th>Baseline node</th>
            <th>This plan</th>
            <th className="plan-col-num">Rows</th>
            <th className="plan-col-num">Self {measure}</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {comparison.nodes.map(({ before, after }, i) => {
            const status = !before ? 'added' : !after ? 'removed' : sameShape(before, after) ? 'same' : 'changed'
            const sb = selfBefore(before?.id)
            const sa = selfAfter(after?.id)
            const c = status === 'same' || status === 'changed' ? change(sb, sa, 'lower') : { text: status === 'added' ? 'new' : 'gone', tone: '' as const }
            return (
              <tr key={i} className={`plan-compare-${status}${c.tone ? ` ${c.tone}` : ''}`} data-status={status} data-testid="plan-compare-node" onClick={() => after && onSelect(after.id)}>
                <td>{before ? nodeTitle(before) : <span className="muted">—</span>}</td>
                <td>{after ? (status === 'same' ? <span className="muted">same</span> : nodeTitle(after)) : <span className="muted">—</span>}</td>
                <td className="plan-col-num">
                  {formatRows(rowsOf(before))} → {formatRows(rowsOf(after))}
                </td>
                <td className="plan-col-num">
                  {format(sb)} → {format(sa)}
                </td>
                <td className={`plan-change ${c.tone}`}>{c.text}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
