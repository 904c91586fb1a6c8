import type { PlanMeasure, PlanNode } from '../../../../shared/plan'
import { inclusive } from './plan-format'

export interface FlameBox {
  node: PlanNode
  depth: number
  /** Fractions (0–1) of the whole width. */
  left: number
  width: number
}

/**
 * An icicle: the root across the whole width, each node's children under it in proportion to their inclusive time
 * or cost. Children that add up to more than their parent (parallel workers, rounding) share the parent's width;
 * without any figure (or all zero) siblings share it equally.
 */
export function flameLayout(root: PlanNode, measure: PlanMeasure | null): { boxes: FlameBox[]; depth: number } {
  const boxes: FlameBox[] = []
  let maxDepth = 0
  const value = (n: PlanNode): number => Math.max(0, inclusive(n, measure) ?? 0)
  const place = (node: PlanNode, depth: number, left: number, width: number): void => {
    boxes.push({ node, depth, left, width })
    maxDepth = Math.max(maxDepth, depth)
    const children = node.children
    if (!children.length) return
    const sum = children.reduce((s, c) => s + value(c), 0)
    const total = Math.max(value(node), sum)
    let x = left
    for (const child of children) {
      const w = total > 0 ? (width * value(child)) / total : width / children.length
      place(child, depth + 1, x, w)
      x += w
    }
  }
  place(root, 0, 0, 1)
  return { boxes, depth: maxDepth + 1 }
}
