import type { Plan } from './model'
import { walkPlan } from './walk'

export interface Misestimate {
  nodeId: string
  operation: string
  relation?: string
  /** Per loop, as the planner guessed and as it ran. */
  estimatedRows: number
  actualRows: number
  loops: number
  /** How many times off, ≥ 1, in the direction `direction` says. */
  factor: number
  direction: 'under' | 'over'
}

/**
 * Nodes whose row estimate was off by `threshold`× or more, either way. Both figures are per loop in the model, so
 * a node run 1,000 times that returns its estimated 1 row each time is not flagged. Zero rows count as one, so an
 * estimate of 1 for a node that found nothing is fine, while an estimate of 10,000 for it is not.
 */
export function misestimates(plan: Plan, threshold = 10): Misestimate[] {
  if (!plan.analyzed) return []
  const found: Misestimate[] = []
  for (const { node } of walkPlan(plan.root)) {
    const { estimatedRows, actualRows } = node
    if (estimatedRows === undefined || actualRows === undefined) continue
    const loops = node.loops ?? 1
    // a node that never ran (loops 0) has no actual figure to compare
    if (loops === 0) continue
    const est = Math.max(estimatedRows, 1)
    const act = Math.max(actualRows, 1)
    const factor = Math.max(est, act) / Math.min(est, act)
    if (factor < threshold) continue
    found.push({ nodeId: node.id, operation: node.operation, relation: node.relation, estimatedRows, actualRows, loops, factor, direction: act > est ? 'under' : 'over' })
  }
  return found.sort((a, b) => b.factor - a.factor)
}
