import type { Plan, PlanNode } from './model'
import { walkPlan } from './walk'

/** What the shares are of: actual time once the plan was analysed (and timed), the planner's cost otherwise. */
export type PlanMeasure = 'time' | 'cost'

export interface NodeMetrics {
  /** The node's own time (its time less its children's), ms. */
  selfTimeMs?: number
  /** The node's own cost (its total cost less its children's). */
  selfCost?: number
  /** The node's own share (0–1) of the plan's total of `measure`. */
  share?: number
}

export interface PlanMetrics {
  measure: PlanMeasure | null
  byId: Map<string, NodeMetrics>
  /** The sum of every node's own time or cost: what shares are of. */
  total: number
}

export function planMeasure(plan: Plan): PlanMeasure | null {
  if (plan.analyzed && plan.root.timeMs !== undefined) return 'time'
  if (plan.root.totalCost !== undefined) return 'cost'
  return null
}

/** An inclusive figure less the children's: never negative (parallel workers and rounding can make it so). */
function own(node: PlanNode, pick: (n: PlanNode) => number | undefined): number | undefined {
  const mine = pick(node)
  if (mine === undefined) return undefined
  const children = node.children.reduce((sum, c) => sum + (pick(c) ?? 0), 0)
  return Math.max(0, mine - children)
}

export function planMetrics(plan: Plan): PlanMetrics {
  const measure = planMeasure(plan)
  const byId = new Map<string, NodeMetrics>()
  let total = 0
  for (const { node } of walkPlan(plan.root)) {
    const metrics: NodeMetrics = { selfTimeMs: own(node, (n) => n.timeMs), selfCost: own(node, (n) => n.totalCost) }
    total += (measure === 'time' ? metrics.selfTimeMs : measure === 'cost' ? metrics.selfCost : 0) ?? 0
    byId.set(node.id, metrics)
  }
  if (measure && total > 0) {
    for (const metrics of byId.values()) {
      const self = measure === 'time' ? metrics.selfTimeMs : metrics.selfCost
      metrics.share = (self ?? 0) / total
    }
  }
  return { measure, byId, total }
}
