import { planTotals } from '../../../../shared/plan'
import { formatCost, formatMs } from './plan-format'
import type { PlanEntry } from './plan-slice'

const normalise = (sql: string): string => sql.replace(/\s+/g, ' ').trim().toLowerCase()

/** One line under the bar while a baseline is pinned: the headline figure before → after. */
export function BaselineSummary({ baseline, current, onOpen }: { baseline: PlanEntry; current: PlanEntry; onOpen(): void }): React.JSX.Element {
  const before = planTotals(baseline.plan)
  const after = planTotals(current.plan)
  const timed = before.executionMs !== undefined && after.executionMs !== undefined
  const [b, a] = timed ? [before.executionMs!, after.executionMs!] : [before.totalCost, after.totalCost]
  const fmt = timed ? formatMs : formatCost
  const ratio = a !== undefined && b ? a / b : undefined
  const tone = ratio === undefined ? '' : ratio < 0.9 ? 'better' : ratio > 1.1 ? 'worse' : ''
  return (
    <div className="plan-baseline" data-testid="plan-baseline-summary">
      <span>
        Compared with the baseline: {timed ? 'execution' : 'estimated cost'} {fmt(b)} → <b className={`plan-change ${tone}`}>{fmt(a)}</b>
        {ratio !== undefined && <span className={`plan-change ${tone}`}> ({Math.round((ratio - 1) * 100) === 0 ? 'no change' : `${ratio >= 1 ? '+' : '−'}${Math.abs(Math.round((ratio - 1) * 100))}%`})</span>}
        {normalise(baseline.sql) !== normalise(current.sql) && <span className="muted"> · a different statement</span>}
      </span>
      <button className="link" onClick={onOpen} data-testid="plan-open-compare">
        Compare node by node
      </button>
    </div>
  )
}
