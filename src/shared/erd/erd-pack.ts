import type ELK from 'elkjs/lib/elk.bundled.js'
import type { ElkNode } from 'elkjs/lib/elk-api'
import type { ErdGraph, ErdNode } from './erd-graph'
import type { ErdLayout } from './erd-layout'

/**
 * Big graphs get ELK's box packing instead of a layered layout (layered takes many seconds past a few hundred
 * tables), in an order that keeps tables linked by foreign keys next to each other.
 */
export async function packedLayout(graph: ErdGraph, elk: InstanceType<typeof ELK>): Promise<ErdLayout> {
  const order = connectedOrder(graph.nodes, graph.edges)
  const root: ElkNode = {
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'box', 'elk.box.packingMode': 'SIMPLE', 'elk.spacing.nodeNode': '40', 'elk.aspectRatio': '1.6', 'elk.padding': '[top=10,left=10,bottom=10,right=10]' },
    // Descending priorities make ELK keep our order instead of sorting by size.
    children: order.map((n, i) => ({ id: n.id, width: n.width, height: n.height, layoutOptions: { 'elk.priority': String(order.length - i) } }))
  }
  const result = await elk.layout(root)
  const positions = new Map((result.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]))
  return { positions, width: Math.ceil(result.width ?? 0), height: Math.ceil(result.height ?? 0) }
}

/**
 * Breadth-first over the undirected foreign-key graph among `nodes` from the most connected table, component after
 * component: linked tables end up next to each other. Edges to tables outside `nodes`, and a table's references to
 * itself, are no links.
 */
export function connectedOrder(nodes: readonly ErdNode[], edges: ErdGraph['edges']): ErdNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const adjacent = new Map<string, string[]>(nodes.map((n) => [n.id, []]))
  for (const e of edges) {
    if (!byId.has(e.source) || !byId.has(e.target) || e.source === e.target) continue
    adjacent.get(e.source)!.push(e.target)
    adjacent.get(e.target)!.push(e.source)
  }
  const byDegree = [...nodes].sort((a, b) => adjacent.get(b.id)!.length - adjacent.get(a.id)!.length)
  const seen = new Set<string>()
  const out: ErdNode[] = []
  for (const start of byDegree) {
    if (seen.has(start.id)) continue
    seen.add(start.id)
    const queue = [start.id]
    for (let i = 0; i < queue.length; i++) {
      out.push(byId.get(queue[i]!)!)
      for (const next of adjacent.get(queue[i]!)!) {
        if (seen.has(next)) continue
        seen.add(next)
        queue.push(next)
      }
    }
  }
  return out
}
