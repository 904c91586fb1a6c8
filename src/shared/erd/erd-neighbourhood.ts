import type { ErdGraph, ErdNode } from './erd-graph'
import type { ErdLayout } from './erd-layout'

const GAP_X = 70
const GAP_Y = 24

/**
 * One table's own diagram: the tables referencing it on the left, the tables it references on the right. Every
 * ELK call costs about 10 ms however small the graph (measured), too much for one diagram per table page on big
 * schemas; a three-column star needs no search, so it is placed directly.
 */
export function layoutNeighbourhood(graph: ErdGraph, centreId: string): ErdLayout {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]))
  const outgoing = new Set(graph.edges.filter((e) => e.source === centreId && e.target !== centreId).map((e) => e.target))
  const incoming = new Set(graph.edges.filter((e) => e.target === centreId && e.source !== centreId && !outgoing.has(e.source)).map((e) => e.source))
  const columns = [[...incoming], [centreId], [...outgoing]].map((ids) => ids.map((id) => byId.get(id)).filter((n): n is ErdNode => !!n))
  const heights = columns.map((col) => col.reduce((h, n) => h + n.height, 0) + Math.max(0, col.length - 1) * GAP_Y)
  const height = Math.max(...heights)
  const positions = new Map<string, { x: number; y: number }>()
  let x = 0
  for (const [i, col] of columns.entries()) {
    if (!col.length) continue
    let y = (height - heights[i]!) / 2
    for (const n of col) {
      positions.set(n.id, { x, y })
      y += n.height + GAP_Y
    }
    x += Math.max(...col.map((n) => n.width)) + GAP_X
  }
  return { positions, width: Math.ceil(x - GAP_X), height: Math.ceil(height) }
}
