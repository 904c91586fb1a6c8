import type { Plan, PlanNode } from './model'
import { countNodes, walkPlan } from './walk'

export interface PlanTotals {
  executionMs?: number
  planningMs?: number
  /** The root node's time (ms) and cost. */
  timeMs?: number
  totalCost?: number
  /** Rows the root returned (actual when analysed, else estimated). */
  rows?: number
  nodes: number
}

export interface NodeMatch {
  before: PlanNode | null
  after: PlanNode | null
}

export interface PlanComparison {
  before: PlanTotals
  after: PlanTotals
  /** Matched pairs, then nodes only in one plan (`before` or `after` null), in `before`'s order then `after`'s. */
  nodes: NodeMatch[]
}

export function planTotals(plan: Plan): PlanTotals {
  const root = plan.root
  const rows = root.actualRows !== undefined ? root.actualRows * (root.loops ?? 1) : root.estimatedRows
  return { executionMs: plan.executionMs, planningMs: plan.planningMs, timeMs: root.timeMs, totalCost: root.totalCost, rows, nodes: countNodes(root) }
}

const exact = (n: PlanNode): string => `${n.kind}|${n.operation}|${n.relation ?? ''}|${n.index ?? ''}`
const loose = (n: PlanNode): string => (n.relation !== undefined ? `relation|${n.relation}` : `kind|${n.kind}`)

/**
 * Before/after of two plans of (usually) the same query. Nodes are paired on the same operation over the same
 * relation and index first, then on the same relation (a Seq Scan that became an Index Scan), or the same kind where there is none.
 */
export function comparePlans(before: Plan, after: Plan): PlanComparison {
  const afterNodes = [...walkPlan(after.root)].map((v) => v.node)
  const taken = new Set<string>()
  const pairs = new Map<string, PlanNode>()
  for (const signature of [exact, loose]) {
    for (const { node } of walkPlan(before.root)) {
      if (pairs.has(node.id)) continue
      const key = signature(node)
      const match = afterNodes.find((b) => !taken.has(b.id) && signature(b) === key)
      if (!match) continue
      pairs.set(node.id, match)
      taken.add(match.id)
    }
  }
  const nodes: NodeMatch[] = [...walkPlan(before.root)].map(({ node }) => ({ before: node, after: pairs.get(node.id) ?? null }))
  for (const node of afterNodes) if (!taken.has(node.id)) nodes.push({ before: null, after: node })
  return { before: planTotals(before), after: planTotals(after), nodes }
}
