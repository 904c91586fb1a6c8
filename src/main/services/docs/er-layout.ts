import ELK from 'elkjs/lib/elk.bundled.js'
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api'
import { qualifiedName, type TableModel } from '../../../shared/schema-model'
import { foreignKeyColumns, primaryKeyColumns, type DocSite } from './doc-site'

/** Columns drawn per table box; longer tables end with a "… n more" row so the diagram stays readable. */
export const ER_MAX_COLUMNS = 24
export const ER_HEADER_H = 26
export const ER_ROW_H = 18
/**
 * Past this many tables ELK's default layered pipeline takes many seconds (9 s for 1,000 tables here); the
 * longest-path layering with simple placement lays out 1,000 tables in under 2 s, and a diagram that size is
 * browsed with search and zoom anyway.
 */
export const ER_FAST_LAYOUT_ABOVE = 150
const FAST_LAYERED = {
  'elk.layered.layering.strategy': 'LONGEST_PATH',
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
  'elk.layered.thoroughness': '1'
}
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

/** Lays out table boxes and foreign-key edges with ELK's layered algorithm (disconnected parts are packed). */
export async function layoutEr(site: DocSite, tables: TableModel[] = site.tables): Promise<ErLayout> {
  const boxes = tables.map((t, i) => measureBox(t, `n${i}`))
  const idOf = new Map(boxes.map((b) => [b.table, b.id]))
  const edges: ElkExtendedEdge[] = []
  const labels = new Map<string, string>()
  for (const t of tables) {
    t.foreignKeys.forEach((fk, k) => {
      const target = site.target(fk)
      const to = target && idOf.get(target)
      const from = idOf.get(t)
      if (!to || !from) return
      const id = `${from}_e${k}`
      labels.set(id, fk.name)
      edges.push({ id, sources: [from], targets: [to] })
    })
  }
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
      'elk.aspectRatio': '1.6',
      ...(tables.length > ER_FAST_LAYOUT_ABOVE ? FAST_LAYERED : {})
    },
    children: boxes.map((b) => ({ id: b.id, width: b.width, height: b.height })),
    edges
  }
  const result = await new ELK().layout(graph)
  const pos = new Map((result.children ?? []).map((c) => [c.id, c]))
  for (const b of boxes) {
    const p = pos.get(b.id)
    b.x = p?.x ?? 0
    b.y = p?.y ?? 0
  }
  const erEdges: ErEdge[] = (result.edges ?? []).map((e) => {
    const s = (e as ElkExtendedEdge).sections?.[0]
    const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : []
    return { from: e.sources[0], to: e.targets[0], label: labels.get(e.id) ?? '', points }
  })
  return { width: Math.ceil(result.width ?? 0), height: Math.ceil(result.height ?? 0), boxes, edges: erEdges }
}

function measureBox(t: TableModel, id: string): ErBox {
  const pk = primaryKeyColumns(t)
  const fk = foreignKeyColumns(t)
  const shown = t.columns.slice(0, ER_MAX_COLUMNS)
  const rows: ErColumnRow[] = shown.map((c) => ({
    name: c.name,
    type: c.type,
    key: (pk.has(c.name) && fk.has(c.name) ? 'PK FK' : pk.has(c.name) ? 'PK' : fk.has(c.name) ? 'FK' : '') as ErColumnRow['key']
  }))
  const more = t.columns.length - shown.length
  const title = qualifiedName(t) + (t.kind === 'table' ? '' : t.kind === 'view' ? ' (view)' : ' (mat. view)')
  const nameW = Math.max(0, ...rows.map((r) => (r.name.length + (r.key ? r.key.length + 1 : 0)) * CHAR_W))
  const typeW = Math.max(0, ...rows.map((r) => Math.min(r.type.length, 28) * CHAR_W))
  const width = Math.ceil(Math.max(title.length * HEADER_CHAR_W + 2 * PAD_X, nameW + typeW + 3 * PAD_X, 120))
  const height = ER_HEADER_H + Math.max(1, rows.length + (more > 0 ? 1 : 0)) * ER_ROW_H + 6
  return { table: t, id, x: 0, y: 0, width, height, title, rows, more, typeX: Math.ceil(PAD_X * 2 + nameW) }
}
