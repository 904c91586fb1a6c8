import type ELK from 'elkjs/lib/elk.bundled.js'
import type { ElkNode } from 'elkjs/lib/elk.bundled.js'
import type { ErdGraph } from './erd-graph'
import { packedLayout } from './erd-pack'

export interface ErdPosition {
  x: number
  y: number
}

export interface ErdLayout {
  positions: Map<string, ErdPosition>
  width: number
  height: number
}

/** One ELK instance for every layout: creating it is the expensive part for small graphs. Loaded by the first layout. */
let elkLoaded: Promise<InstanceType<typeof ELK>> | undefined
const elkInstance = (): Promise<InstanceType<typeof ELK>> => (elkLoaded ??= import('elkjs/lib/elk.bundled.js').then(({ default: Elk }) => new Elk()))
const GAP = 40
/** Past this many tables a layered layout takes seconds (measured: 2.5-10 s for 1,000); bigger graphs are packed. */
export const LAYERED_MAX_TABLES = 200

/** Positions for every node: layered up to LAYERED_MAX_TABLES tables, packed boxes beyond. */
export async function layoutErd(graph: ErdGraph): Promise<ErdLayout> {
  return graph.nodes.length > LAYERED_MAX_TABLES ? packedLayout(graph, await elkInstance()) : layeredLayout(graph)
}

/**
 * Layered (Sugiyama) layout with elkjs, parents left of the tables that reference them. Big graphs get ELK's
 * cheapest crossing minimisation (thoroughness 1: 200 tables in about a second instead of several), and layers
 * taller than the drawing is wide are folded into several columns so that a hub table's hundred children
 * do not become one endless column.
 */
async function layeredLayout(graph: ErdGraph): Promise<ErdLayout> {
  const big = graph.nodes.length > 60
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': String(GAP),
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.thoroughness': big ? '1' : '7',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '60'
    },
    children: graph.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    // Edges run from the referenced (parent) table to the referencing one, so parents come first.
    edges: graph.edges.filter((e) => e.source !== e.target).map((e) => ({ id: e.id, sources: [e.target], targets: [e.source] }))
  }
  const result = await (await elkInstance()).layout(root)
  const boxes = (result.children ?? []).map((c) => ({ id: c.id, x: c.x ?? 0, y: c.y ?? 0, w: c.width ?? 0, h: c.height ?? 0 }))
  foldTallLayers(boxes)
  const positions = new Map(boxes.map((b) => [b.id, { x: b.x, y: b.y }]))
  return {
    positions,
    width: Math.max(0, ...boxes.map((b) => b.x + b.w)),
    height: Math.max(0, ...boxes.map((b) => b.y + b.h))
  }
}

interface Box {
  id: string
  x: number
  y: number
  w: number
  h: number
}

/** Splits any layer (a column of boxes overlapping in x) taller than the target into side-by-side columns. */
export function foldTallLayers(boxes: Box[]): void {
  if (boxes.length < 2) return
  const area = boxes.reduce((s, b) => s + (b.w + GAP) * (b.h + GAP), 0)
  const target = Math.max(1600, Math.sqrt(area) * 1.2)
  // ELK centres boxes of different widths within a layer, so a layer is a run of boxes whose x ranges overlap.
  const sorted = [...boxes].sort((a, b) => a.x - b.x)
  const layers: Box[][] = []
  let right = -Infinity
  for (const b of sorted) {
    if (b.x >= right) {
      layers.push([])
      right = b.x + b.w
    } else right = Math.max(right, b.x + b.w)
    layers[layers.length - 1]!.push(b)
  }
  const minY = Math.min(...boxes.map((b) => b.y))
  const originalHeight = Math.max(...boxes.map((b) => b.y + b.h)) - minY
  const unfolded: Box[][] = []
  let foldedHeight = 0
  let shift = 0
  for (const layer of layers) {
    const left = Math.min(...layer.map((b) => b.x))
    const layerRight = Math.max(...layer.map((b) => b.x + b.w))
    layer.sort((a, b) => a.y - b.y)
    const top = layer[0]!.y
    const height = Math.max(...layer.map((b) => b.y + b.h)) - top
    if (height <= target) {
      for (const b of layer) b.x += shift
      unfolded.push(layer)
      continue
    }
    let colX = left + shift
    let colWidth = 0
    let y = top
    for (const b of layer) {
      if (y > top && y + b.h - top > target) {
        colX += colWidth + GAP
        colWidth = 0
        y = top
      }
      b.x = colX
      b.y = y
      y += b.h + GAP
      colWidth = Math.max(colWidth, b.w)
    }
    shift += colX + colWidth - (layerRight + shift)
    foldedHeight = Math.max(foldedHeight, Math.max(...layer.map((b) => b.y + b.h)) - minY)
  }
  if (!foldedHeight) return
  // The other layers were placed next to the tall one: squeeze them into the folded height, then undo overlaps.
  const scale = Math.min(1, Math.max(foldedHeight, target) / originalHeight)
  for (const layer of unfolded) {
    let bottom = -Infinity
    for (const b of layer) {
      b.y = Math.max(minY + (b.y - minY) * scale, bottom + GAP)
      bottom = b.y + b.h
    }
  }
}
