import type { Plan, PlanNode } from './model'
import { planMetrics, type NodeMetrics, type PlanMetrics } from './self-metrics'
import { walkPlan } from './walk'

export interface PlanRow {
  node: PlanNode
  depth: number
  parentId: string | null
  /** Ids from the root to this node, inclusive: a tree table's row path. */
  path: string[]
  metrics: NodeMetrics
}

/** The plan as tree-table rows in display order (pre-order). */
export function flattenPlan(plan: Plan, metrics: PlanMetrics = planMetrics(plan)): PlanRow[] {
  const paths = new Map<string, string[]>()
  const rows: PlanRow[] = []
  for (const { node, depth, parent } of walkPlan(plan.root)) {
    const path = [...(parent ? paths.get(parent.id)! : []), node.id]
    paths.set(node.id, path)
    rows.push({ node, depth, parentId: parent?.id ?? null, path, metrics: metrics.byId.get(node.id) ?? {} })
  }
  return rows
}
