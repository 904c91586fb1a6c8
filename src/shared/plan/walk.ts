import type { PlanNode } from './model'

export interface Visit {
  node: PlanNode
  depth: number
  parent: PlanNode | null
}

/** Every node in pre-order (parents before children), with its depth and parent. */
export function* walkPlan(root: PlanNode): Generator<Visit> {
  const stack: Visit[] = [{ node: root, depth: 0, parent: null }]
  while (stack.length) {
    const visit = stack.pop()!
    yield visit
    for (let i = visit.node.children.length - 1; i >= 0; i--) stack.push({ node: visit.node.children[i]!, depth: visit.depth + 1, parent: visit.node })
  }
}

export function countNodes(root: PlanNode): number {
  let n = 0
  for (const _ of walkPlan(root)) n++
  return n
}
