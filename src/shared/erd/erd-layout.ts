import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js'
import type { ErdGraph } from './erd-graph'

export interface ErdPosition {
  x: number
  y: number
}

export interface ErdLayout {
  positions: Map<string, ErdPosition>
  width: number
  height: number
}

const elk = new ELK()

/** Layered (Sugiyama) layout with elkjs: parents to the right of children, orthogonal-ish spacing for FK edges. */
export async function layoutErd(graph: ErdGraph, direction: 'RIGHT' | 'DOWN' = 'RIGHT'): Promise<ErdLayout> {
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '60'
    },
    children: graph.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    // Edges point from the referenced (parent) table to the referencing one, so parents come first.
    edges: graph.edges.filter((e) => e.source !== e.target).map((e) => ({ id: e.id, sources: [e.target], targets: [e.source] }))
  }
  const result = await elk.layout(root)
  const positions = new Map<string, ErdPosition>()
  for (const child of result.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 })
  return { positions, width: result.width ?? 0, height: result.height ?? 0 }
}
