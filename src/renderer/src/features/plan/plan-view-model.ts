import { useMemo } from 'react'
import { flattenPlan, hotSpots, misestimates, planMetrics, type HotSpot, type Misestimate, type Plan, type PlanMetrics, type PlanRow } from '../../../../shared/plan'

/** Everything the plan view derives from one plan, computed once per plan. */
export interface PlanViewModel {
  plan: Plan
  metrics: PlanMetrics
  rows: PlanRow[]
  byId: Map<string, PlanRow>
  hot: HotSpot[]
  misestimated: Map<string, Misestimate>
}

export function planViewModel(plan: Plan): PlanViewModel {
  const metrics = planMetrics(plan)
  const rows = flattenPlan(plan, metrics)
  return {
    plan,
    metrics,
    rows,
    byId: new Map(rows.map((r) => [r.node.id, r])),
    hot: hotSpots(plan, { metrics, limit: 5 }),
    misestimated: new Map(misestimates(plan).map((m) => [m.nodeId, m]))
  }
}

export const usePlanViewModel = (plan: Plan | undefined): PlanViewModel | undefined => useMemo(() => (plan ? planViewModel(plan) : undefined), [plan])
