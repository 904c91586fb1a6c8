import ELK from 'elkjs/lib/elk.bundled.js'
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api'
import { qualifiedName, type TableModel } from '../../../shared/schema-model'
import { foreignKeyColumns, primaryKeyColumns, type DocSite } from './doc-site'

/** Columns drawn per table box; longer tables end with a "… n more" row so the diagram stays readable. */
export const ER_MAX_COLUMNS = 24
export const ER_HEADER_H = 26
export const ER_ROW_H = 18
/**
 * Up to this many tables ELK's layered algorithm draws a proper ER diagram. Past it, layered layouts take many
 * seconds (measured: 2.5-10 s for 1,000 tables with every strategy combination), so big schemas get ELK's box
 * packing instead, in an order that keeps tables linked by foreign keys next to each other, with straight edges.
 */
export const ER_LAYERED_MAX_TABLES = 150

/** One ELK instance for every layout of a run: creating it is the expensive part for small graphs. */
const elk = new ELK()
const CHAR_W = 7.2
const HEADER_CHAR_W = 8
const PAD_X = 10

export interface ErColumnRow {
  name: string
  type: string
  key: '' | 'PK' | 'FK' | 'PK FK'
}

export interface ErBox {
  table: TableModel
  id: string
  x: number
  y: number
  width: number
  height: number
  title: string
  rows: ErColumnRow[]
  /** Columns hidden past ER_MAX_COLUMNS. */
  more: number
  typeX: number
}

export interface ErEdge {
  from: string
  to: string
  label: string
  points: { x: number; y: number }[]
}

export interface ErLayout {
  width: number
  height: number
  boxes: ErBox[]
  edges: ErEdge[]
}

interface PlainEdge {
  id: string
  from: string
  to: string
  label: string
}

/** Lays out table boxes and foreign-key edges with ELK (see ER_LAYERED_MAX_TABLES for the two modes). */
export async function layoutEr(site: DocSite, tables: TableModel[] = site.tables): Promise<ErLayout> {
  // One schema: the prefix on every box says nothing.
  const oneSchema = new Set(tables.map((t) => t.schema)).size === 1
  const boxes = tables.map((t, i) => measureBox(t, `n${i}`, oneSchema))
  const idOf = new Map(boxes.map((b) => [b.table, b.id]))
  const edges: PlainEdge[] = []
  for (const t of tables) {
    const from = idOf.get(t)!
    t.foreignKeys.forEach((fk, k) => {
      const target = site.target(fk)
      const to = target && idOf.get(target)
      if (to) edges.push({ id: `${from}_e${k}`, from, to, label: fk.name })
    })
  }
  return tables.length <= ER_LAYERED_MAX_TABLES ? layered(boxes, edges) : packed(boxes, edges)
}

async function layered(boxes: ErBox[], edges: PlainEdge[]): Promise<ErLayout> {
  const labels = new Map(edges.map((e) => [e.id, e.label]))
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'POLYLINE',
      'elk.spacing.nodeNode': '30',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '40',
      'elk.aspectRatio': '1.6'
    },
    children: boxes.map((b) => ({ id: b.id, width: b.width, height: b.height })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] }))
  }
  const result = await elk.layout(graph)
  place(boxes, result)
  const erEdges: ErEdge[] = (result.edges ?? []).map((e) => {
    const s = (e as ElkExtendedEdge).sections?.[0]
    const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : []
    return { from: e.sources[0], to: e.targets[0], label: labels.get(e.id) ?? '', points }
  })
  return { width: Math.ceil(result.width ?? 0), height: Math.ceil(result.height ?? 0), boxes, edges: erEdges }
}

async function packed(boxes: ErBox[], edges: PlainEdge[]): Promise<ErLayout> {
  const order = clusterOrder(boxes, edges)
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'box', 'elk.box.packingMode': 'SIMPLE', 'elk.spacing.nodeNode': '40', 'elk.aspectRatio': '1.6', 'elk.padding': '[top=10,left=10,bottom=10,right=10]' },
    // Descending priorities make ELK keep our order instead of sorting by size.
    children: order.map((b, i) => ({ id: b.id, width: b.width, height: b.height, layoutOptions: { 'elk.priority': String(order.length - i) } }))
  }
  const result = await elk.layout(graph)
  place(boxes, result)
  const byId = new Map(boxes.map((b) => [b.id, b]))
  const erEdges = edges.map((e) => ({ from: e.from, to: e.to, label: e.label, points: straight(byId.get(e.from)!, byId.get(e.to)!) }))
  return { width: Math.ceil(result.width ?? 0), height: Math.ceil(result.height ?? 0), boxes, edges: erEdges }
}

/**
 * A table's own diagram: tables referencing it on the left, the tables it references on the right, edges to and
 * from it only. Every ELK call costs about 10 ms however small the graph (measured), too much for one diagram per
 * table page on big schemas; a three-column star needs no search, so it is placed directly.
 */
export function layoutNeighbourhood(site: DocSite, t: TableModel): ErLayout {
  const outgoing = new Set<TableModel>()
  for (const fk of t.foreignKeys) {
    const target = site.target(fk)
    if (target && target !== t) outgoing.add(target)
  }
  const incoming = new Set<TableModel>()
  for (const ref of site.incoming(t)) if (ref.from !== t && !outgoing.has(ref.from)) incoming.add(ref.from)
  const tables = [...incoming, t, ...outgoing]
  const oneSchema = new Set(tables.map((x) => x.schema)).size === 1
  const boxOf = new Map(tables.map((x, i) => [x, measureBox(x, `n${i}`, oneSchema, x !== t)]))
  const GAP_X = 70
  const GAP_Y = 24
  const columns = [[...incoming], [t], [...outgoing]].map((col) => col.map((x) => boxOf.get(x)!))
  const heights = columns.map((col) => col.reduce((h, b) => h + b.height, 0) + Math.max(0, col.length - 1) * GAP_Y)
  const height = Math.max(...heights)
  let x = 0
  for (const [i, col] of columns.entries()) {
    if (!col.length) continue
    let y = (height - heights[i]) / 2
    for (const b of col) {
      b.x = x
      b.y = y
      y += b.height + GAP_Y
    }
    x += Math.max(...col.map((b) => b.width)) + GAP_X
  }
  const self = boxOf.get(t)!
  const edges: ErEdge[] = []
  for (const fk of t.foreignKeys) {
    const target = site.target(fk)
    if (target) edges.push({ from: self.id, to: boxOf.get(target)!.id, label: fk.name, points: target === t ? straight(self, self) : horizontal(self, boxOf.get(target)!) })
  }
  for (const ref of site.incoming(t)) {
    if (ref.from === t) continue
    edges.push({ from: boxOf.get(ref.from)!.id, to: self.id, label: ref.fk.name, points: horizontal(boxOf.get(ref.from)!, self) })
  }
  const boxes = [...boxOf.values()]
  const loops = t.foreignKeys.some((fk) => site.target(fk) === t) ? 24 : 0
  return { width: Math.ceil(Math.max(...boxes.map((b) => b.x + b.width)) + loops), height: Math.ceil(height), boxes, edges }
}

/** From the side of `a` facing `b` to the side of `b` facing `a`, at mid height. */
function horizontal(a: ErBox, b: ErBox): { x: number; y: number }[] {
  const aLeftOfB = a.x < b.x
  return [
    { x: aLeftOfB ? a.x + a.width : a.x, y: a.y + a.height / 2 },
    { x: aLeftOfB ? b.x : b.x + b.width, y: b.y + b.height / 2 }
  ]
}

function place(boxes: ErBox[], result: ElkNode): void {
  const pos = new Map((result.children ?? []).map((c) => [c.id, c]))
  for (const b of boxes) {
    const p = pos.get(b.id)
    b.x = p?.x ?? 0
    b.y = p?.y ?? 0
  }
}

/** Breadth-first over the undirected FK graph from the most connected table, component after component. */
function clusterOrder(boxes: ErBox[], edges: PlainEdge[]): ErBox[] {
  const adj = new Map<string, string[]>(boxes.map((b) => [b.id, []]))
  for (const e of edges) {
    adj.get(e.from)!.push(e.to)
    adj.get(e.to)!.push(e.from)
  }
  const byDegree = [...boxes].sort((a, b) => adj.get(b.id)!.length - adj.get(a.id)!.length)
  const byId = new Map(boxes.map((b) => [b.id, b]))
  const seen = new Set<string>()
  const out: ErBox[] = []
  for (const start of byDegree) {
    if (seen.has(start.id)) continue
    seen.add(start.id)
    const queue = [start.id]
    for (let i = 0; i < queue.length; i++) {
      out.push(byId.get(queue[i])!)
      for (const n of adj.get(queue[i])!) {
        if (!seen.has(n)) {
          seen.add(n)
          queue.push(n)
        }
      }
    }
  }
  return out
}

/** A straight segment between the borders of two boxes (a self-reference loops out of the right edge). */
function straight(a: ErBox, b: ErBox): { x: number; y: number }[] {
  if (a === b) {
    const x = a.x + a.width
    const y = a.y + ER_HEADER_H / 2
    return [{ x, y }, { x: x + 20, y }, { x: x + 20, y: y + 14 }, { x, y: y + 14 }]
  }
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 }
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 }
  return [clip(ca, cb, a), clip(cb, ca, b)]
}

function clip(from: { x: number; y: number }, to: { x: number; y: number }, box: ErBox): { x: number; y: number } {
  const dx = to.x - from.x
  const dy = to.y - from.y
  const sx = dx ? box.width / 2 / Math.abs(dx) : Infinity
  const sy = dy ? box.height / 2 / Math.abs(dy) : Infinity
  const s = Math.min(sx, sy, 1)
  return { x: from.x + dx * s, y: from.y + dy * s }
}

/** `keysOnly`: just the key columns (neighbours on a table page, where the relation is the point). */
function measureBox(t: TableModel, id: string, bareName: boolean, keysOnly = false): ErBox {
  const pk = primaryKeyColumns(t)
  const fk = foreignKeyColumns(t)
  const shown = (keysOnly ? t.columns.filter((c) => pk.has(c.name) || fk.has(c.name)) : t.columns).slice(0, ER_MAX_COLUMNS)
  const rows: ErColumnRow[] = shown.map((c) => ({
    name: c.name,
    type: c.type,
    key: (pk.has(c.name) && fk.has(c.name) ? 'PK FK' : pk.has(c.name) ? 'PK' : fk.has(c.name) ? 'FK' : '') as ErColumnRow['key']
  }))
  const more = t.columns.length - shown.length
  const title = (bareName ? t.name : qualifiedName(t)) + (t.kind === 'table' ? '' : t.kind === 'view' ? ' (view)' : ' (mat. view)')
  const nameW = Math.max(0, ...rows.map((r) => (r.name.length + (r.key ? r.key.length + 1 : 0)) * CHAR_W))
  const typeW = Math.max(0, ...rows.map((r) => Math.min(r.type.length, 28) * CHAR_W))
  const width = Math.ceil(Math.max(title.length * HEADER_CHAR_W + 2 * PAD_X, nameW + typeW + 3 * PAD_X, 120))
  const height = ER_HEADER_H + Math.max(1, rows.length + (more > 0 ? 1 : 0)) * ER_ROW_H + 6
  return { table: t, id, x: 0, y: 0, width, height, title, rows, more, typeX: Math.ceil(PAD_X * 2 + nameW) }
}
