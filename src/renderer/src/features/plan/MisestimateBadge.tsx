import type { Misestimate } from '../../../../shared/plan'
import { formatRows } from './plan-format'

export function misestimateText(m: Misestimate): string {
  const loops = m.loops > 1 ? ` per loop (${m.loops.toLocaleString()} loops)` : ''
  const way = m.direction === 'under' ? 'underestimated' : 'overestimated'
  return `Estimated ${formatRows(m.estimatedRows)} rows, got ${formatRows(m.actualRows)}${loops}: the planner ${way} by ${Math.round(m.factor).toLocaleString()}×. A misestimate this large often picks the wrong join or scan; fresh statistics (ANALYZE) or extended statistics may help.`
}

/** "↑ 120×": the rows were 120 times more (↑) or fewer (↓) than the planner estimated. */
export function MisestimateBadge({ misestimate }: { misestimate: Misestimate }): React.JSX.Element {
  const factor = misestimate.factor >= 1000 ? `${Math.round(misestimate.factor / 1000)}k` : Math.round(misestimate.factor).toString()
  return (
    <span className={`plan-misestimate plan-misestimate-${misestimate.direction}`} title={misestimateText(misestimate)} data-testid="plan-misestimate" data-direction={misestimate.direction}>
      {misestimate.direction === 'under' ? '↑' : '↓'} {factor}×
    </span>
  )
}
