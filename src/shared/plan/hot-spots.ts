import type { Plan } from './model'
import { planMetrics, type PlanMeasure, type PlanMetrics } from './self-metrics'
import { walkPlan } from './walk'

export interface HotSpot {
  nodeId: string
  operation: string
  relation?: string
  measure: PlanMeasure
  /** The node's own time (ms) or cost. */
  self: number
  share: number
}

/** The nodes with the largest own share of time (or cost), largest first; nodes below `minShare` are left out. */
export function hotSpots(plan: Plan, options: { limit?: number; minShare?: number; metrics?: PlanMetrics } = {}): HotSpot[] {
  const metrics = options.metrics ?? planMetrics(plan)
  const measure = metrics.measure
  if (!measure) return []
  const spots: HotSpot[] = []
  for (const { node } of walkPlan(plan.root)) {
    const m = metrics.byId.get(node.id)
    const self = measure === 'time' ? m?.selfTimeMs : m?.selfCost
    if (self === undefined || m?.share === undefined || m.share < (options.minShare ?? 0.01)) continue
    spots.push({ nodeId: node.id, operation: node.operation, relation: node.relation, measure, self, share: m.share })
  }
  return spots.sort((a, b) => b.share - a.share).slice(0, options.limit ?? 5)
}
