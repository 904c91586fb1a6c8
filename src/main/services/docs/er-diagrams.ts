import { buildErdGraph, type ErdGraph, type ErdNode, tableId } from '../../../shared/erd/erd-graph'
import { type ErdPosition, layoutErd } from '../../../shared/erd/erd-layout'
import { connectedOrder } from '../../../shared/erd/erd-pack'
import { erdToSvg, type ErdSvgOptions } from '../../../shared/erd/erd-svg'
import { escapeXml } from '../../../shared/escape-xml'
import { qualifiedName, type TableModel } from '../../../shared/schema-model'
import { diagramNeighbourhood, type DiagramNeighbourhood, type DocSite, type ErDistance } from './doc-site'

/** The docs' ER diagrams, drawn by the same graph → layout → SVG pipeline as the app's ERD view. */
export interface SchemaDiagram {
  graph: ErdGraph
  positions: Map<string, ErdPosition>
  /** Big schemas: the frames the tables are laid out in (one per schema, big schemas cut into clusters). */
  groups?: ErGroup[]
}

export interface ErGroup {
  id: string
  schema: string
  label: string
  tables: number
  /** Node ids of the frame's tables. */
  members: string[]
  x: number
  y: number
  width: number
  height: number
}

/** Up to this many tables the whole diagram is one layout; beyond, each schema (or cluster) is laid out in its own frame. */
export const GROUPED_FROM_TABLES = 120
/** A schema with more tables than this is cut into clusters of related tables. */
export const CLUSTER_MAX_TABLES = 90
const FRAME_PAD = 30
const FRAME_TITLE = 56
const FRAME_GAP = 80

/**
 * Every documented table (partitions are shown under their parent, not as boxes) and the foreign keys between
 * them, laid out once for every format. Past GROUPED_FROM_TABLES, schemas and clusters get their own frames so
 * that the HTML page can show an overview, filter by schema and zoom into one frame.
 */
export async function layoutSchemaDiagram(site: DocSite): Promise<SchemaDiagram> {
  const tables = site.tables.filter((t) => !t.partitionOf || !site.byName.has(qualifiedName({ schema: t.partitionOf.schema, name: t.partitionOf.table })))
  const graph = buildErdGraph({ tables }, { includeViews: true, maxTables: Infinity })
  if (graph.nodes.length <= GROUPED_FROM_TABLES) return { graph, positions: (await layoutErd(graph)).positions, groups: [] }

  const clusters = clustersOf(graph)
  const laid = []
  for (const c of clusters) {
    const ids = new Set(c.nodes.map((n) => n.id))
    const sub: ErdGraph = { nodes: c.nodes, edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) }
    const layout = await layoutErd(sub)
    laid.push({ ...c, layout, width: layout.width + 2 * FRAME_PAD, height: layout.height + FRAME_PAD + FRAME_TITLE })
  }
  // Shelf packing of the frames, rows about as wide as the whole is tall times 1.6.
  const area = laid.reduce((s, g) => s + (g.width + FRAME_GAP) * (g.height + FRAME_GAP), 0)
  const rowWidth = Math.max(Math.sqrt(area * 1.6), ...laid.map((g) => g.width))
  const positions = new Map<string, ErdPosition>()
  const groups: ErGroup[] = []
  let x = 0
  let y = 0
  let rowHeight = 0
  for (const g of laid) {
    if (x > 0 && x + g.width > rowWidth) {
      x = 0
      y += rowHeight + FRAME_GAP
      rowHeight = 0
    }
    for (const [id, p] of g.layout.positions) positions.set(id, { x: x + FRAME_PAD + p.x, y: y + FRAME_TITLE + p.y })
    groups.push({ id: `g${groups.length}`, schema: g.schema, label: g.label, tables: g.nodes.length, members: g.nodes.map((n) => n.id), x, y, width: g.width, height: g.height })
    x += g.width + FRAME_GAP
    rowHeight = Math.max(rowHeight, g.height)
  }
  return { graph, positions, groups }
}

/** One cluster per schema; a big schema is cut, in breadth-first order from its best-connected tables, into chunks. */
function clustersOf(graph: ErdGraph): { schema: string; label: string; nodes: ErdNode[] }[] {
  const bySchema = new Map<string, ErdNode[]>()
  for (const n of graph.nodes) bySchema.set(n.schema, [...(bySchema.get(n.schema) ?? []), n])
  const out: { schema: string; label: string; nodes: ErdNode[] }[] = []
  for (const [schema, nodes] of bySchema) {
    const name = schema || 'tables'
    if (nodes.length <= CLUSTER_MAX_TABLES) {
      out.push({ schema, label: `${name} (${nodes.length} tables)`, nodes })
      continue
    }
    const order = connectedOrder(nodes, graph.edges)
    const count = Math.ceil(order.length / CLUSTER_MAX_TABLES)
    const size = Math.ceil(order.length / count)
    for (let i = 0; i < count; i++) {
      const chunk = order.slice(i * size, (i + 1) * size)
      out.push({ schema, label: `${name} · around ${chunk[0]!.name} (${chunk.length} tables)`, nodes: chunk })
    }
  }
  return out
}

/** Standalone (Markdown's schema.svg), or `linked` for the HTML page: boxes link to table pages, the page carries the style. */
export function schemaDiagramSvg(site: DocSite, diagram: SchemaDiagram, linked = false): string {
  const svg = erdToSvg(diagram.graph, diagram.positions, linked ? { ...pageLinks(site), slug: (n) => site.slug(tableOf(site, n)) } : {})
  const framed = diagram.groups?.length ? withFrames(svg, diagram.groups) : svg
  // The page's schema filter reads each box's schema.
  return linked ? framed.replace(/(<g class="er-table[^"]*" data-id=")([^"]*)"/g, (m, head: string, id: string) => `${m} data-schema="${escapeXml(site.byName.get(unescapeXml(id))?.schema ?? '')}"`) : framed
}

/** The HTML page's ER diagram: an inline skeleton and, for grouped diagrams, each frame's tables as a separate part. */
export interface HtmlDiagram {
  svg: string
  /** Grouped diagrams: one card per frame (label, size, best-connected tables, links to other frames), the view at Fit. */
  overview?: string
  /** Part id (`er-g0`…) → the frame's boxes and edges as a nested <svg>, inserted by the page when the frame is in view. */
  parts: Map<string, string>
}

/**
 * For the HTML page. A small diagram is the linked SVG as is. A grouped one is a skeleton (frames, labels, one
 * plain rectangle per table for the overview, the edges between frames) plus a part per frame that the page
 * parses only when that frame is zoomed into: 600 tables of SVG text cost seconds to parse and lay out at once.
 */
export function schemaDiagramHtml(site: DocSite, diagram: SchemaDiagram): HtmlDiagram {
  const groups = diagram.groups ?? []
  if (!groups.length) return { svg: schemaDiagramSvg(site, diagram, true), parts: new Map() }
  const byId = new Map(diagram.graph.nodes.map((n) => [n.id, n]))
  const groupOf = new Map<string, ErGroup>()
  for (const g of groups) for (const id of g.members) groupOf.set(id, g)
  const parts = new Map<string, string>()
  const left = Math.min(...groups.map((g) => g.x)) - 10
  const top = Math.min(...groups.map((g) => g.y)) - 10
  const w = Math.ceil(Math.max(...groups.map((g) => g.x + g.width)) + 10 - left)
  const h = Math.ceil(Math.max(...groups.map((g) => g.y + g.height)) + 10 - top)
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="er er-grouped er-overview" width="${w}" height="${h}" viewBox="${left} ${top} ${w} ${h}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="12">`,
    `<defs><marker id="er-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="er-arrowhead"/></marker></defs>`,
    `<rect class="er-bg" x="${left}" y="${top}" width="${w}" height="${h}"/>`,
    '<g class="er-groups">'
  ]
  for (const g of groups) {
    const nodes = diagram.graph.nodes.filter((n) => groupOf.get(n.id) === g)
    const ids = new Set(nodes.map((n) => n.id))
    const sub: ErdGraph = { nodes, edges: diagram.graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) }
    const part = `er-${g.id}`
    const body = erdToSvg(sub, diagram.positions, { ...pageLinks(site), slug: (n) => site.slug(tableOf(site, n)), idPrefix: `${g.id}-` })
    const view = /viewBox="([-\d.]+) ([-\d.]+) /.exec(body)!
    parts.set(part, body.replace('<svg xmlns="http://www.w3.org/2000/svg" class="er"', `<svg class="er-part" x="${view[1]}" y="${view[2]}" overflow="visible"`).replace(/<rect class="er-bg"[^>]*\/>/, ''))
    const sil = nodes.map((n) => {
      const p = diagram.positions.get(n.id)!
      return `<rect x="${Math.round(p.x)}" y="${Math.round(p.y)}" width="${n.width}" height="${n.height}" data-i="${escapeXml(n.id)}" data-s="${escapeXml(site.slug(tableOf(site, n)))}"/>`
    })
    out.push(
      `<g class="er-group" data-group="${g.id}" data-part="${part}" data-schema="${escapeXml(g.schema)}" data-x="${g.x}" data-y="${g.y}" data-w="${g.width}" data-h="${g.height}"><rect class="er-frame" x="${g.x}" y="${g.y}" width="${g.width}" height="${g.height}" rx="10"/><text class="er-group-label" x="${g.x + 16}" y="${g.y + 38}">${escapeXml(g.label)}</text><g class="er-sil">${sil.join('')}</g><g class="er-body"></g></g>`
    )
  }
  out.push('</g><g class="er-edges er-cross">')
  for (const e of diagram.graph.edges) {
    const a = groupOf.get(e.source)
    const b = groupOf.get(e.target)
    if (!a || !b || a === b) continue
    const s = byId.get(e.source)!
    const t = byId.get(e.target)!
    const sp = diagram.positions.get(s.id)!
    const tp = diagram.positions.get(t.id)!
    const rightward = tp.x + t.width / 2 > sp.x + s.width / 2
    const x1 = rightward ? sp.x + s.width : sp.x
    const x2 = rightward ? tp.x : tp.x + t.width
    const y1 = sp.y + 15
    const y2 = tp.y + 15
    const bend = Math.max(60, Math.abs(x2 - x1) / 3) * (rightward ? 1 : -1)
    const title = `${e.label}: ${e.source} (${e.columns.join(', ')}) → ${e.target} (${e.refColumns.join(', ')})`
    out.push(
      `<path class="er-edge" data-from="${escapeXml(e.source)}" data-to="${escapeXml(e.target)}" data-fk="${escapeXml(e.label)}" d="M${Math.round(x1)},${Math.round(y1)} C${Math.round(x1 + bend)},${Math.round(y1)} ${Math.round(x2 - bend)},${Math.round(y2)} ${Math.round(x2)},${Math.round(y2)}" marker-end="url(#er-arrow)"><title>${escapeXml(title)}</title></path>`
    )
  }
  out.push('</g></svg>')
  return { svg: out.join('\n') + '\n', parts, overview: overviewCards(site, diagram, groups, groupOf) }
}

/** The schema/cluster overview: legible at any size because it is HTML text, not a shrunken drawing. */
function overviewCards(site: DocSite, diagram: SchemaDiagram, groups: ErGroup[], groupOf: Map<string, ErGroup>): string {
  const degree = new Map<string, number>()
  const inside = new Map<ErGroup, number>()
  const links = new Map<ErGroup, Map<ErGroup, number>>()
  for (const e of diagram.graph.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1)
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1)
    const a = groupOf.get(e.source)
    const b = groupOf.get(e.target)
    if (!a || !b) continue
    if (a === b) inside.set(a, (inside.get(a) ?? 0) + 1)
    else
      for (const [x, y] of [
        [a, b],
        [b, a]
      ] as const) {
        const m = links.get(x) ?? new Map<ErGroup, number>()
        m.set(y, (m.get(y) ?? 0) + 1)
        links.set(x, m)
      }
  }
  const cards = groups.map((g) => {
    const top = [...g.members].sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0)).slice(0, 5)
    const linked = [...(links.get(g) ?? new Map<ErGroup, number>())].sort((a, b) => b[1] - a[1])
    const name = (id: string) => {
      const t = site.byName.get(id)
      return t ? `<a href="#t-${escapeXml(site.slug(t))}">${escapeXml(t.name)}</a> <small>(${degree.get(id) ?? 0})</small>` : escapeXml(id)
    }
    return [
      `<div class="er-card" data-group="${g.id}" data-schema="${escapeXml(g.schema)}" tabindex="0" role="button" title="Show these tables in the diagram">`,
      `<div class="er-card-title">${escapeXml(g.label)}</div>`,
      `<div class="er-card-meta">${g.tables} tables · ${inside.get(g) ?? 0} foreign keys inside${linked.length ? ` · ${linked.reduce((n, [, c]) => n + c, 0)} to other frames` : ''}</div>`,
      `<div class="er-card-row"><span>Most related:</span> ${top.map(name).join(', ')}</div>`,
      linked.length ? `<div class="er-card-row"><span>Linked with:</span> ${linked.slice(0, 3).map(([x, c]) => `${escapeXml(x.label.replace(/ \(\d+ tables\)$/, ''))} (${c})`).join(', ')}${linked.length > 3 ? `, +${linked.length - 3} more` : ''}</div>` : '',
      '</div>'
    ].join('')
  })
  return `<div id="er-cards" hidden><p class="hint">${groups.length} groups of related tables (by schema; big schemas are cut into clusters). Click one to zoom in; table names open their page.</p><div class="er-card-grid">${cards.join('')}</div></div>`
}

/** Draws the cluster frames behind the boxes and widens the canvas to hold them. */
function withFrames(svg: string, groups: ErGroup[]): string {
  const left = Math.min(...groups.map((g) => g.x)) - 10
  const top = Math.min(...groups.map((g) => g.y)) - 10
  const right = Math.max(...groups.map((g) => g.x + g.width)) + 50
  const bottom = Math.max(...groups.map((g) => g.y + g.height)) + 10
  const view = /viewBox="([-\d.]+) ([-\d.]+) (\d+) (\d+)"/.exec(svg)!
  const x0 = Math.min(left, Number(view[1]))
  const y0 = Math.min(top, Number(view[2]))
  const w = Math.ceil(Math.max(right, Number(view[1]) + Number(view[3])) - x0)
  const h = Math.ceil(Math.max(bottom, Number(view[2]) + Number(view[4])) - y0)
  const frames = groups.map(
    (g) =>
      `<g class="er-group" data-group="${g.id}" data-schema="${escapeXml(g.schema)}" data-x="${g.x}" data-y="${g.y}" data-w="${g.width}" data-h="${g.height}"><rect class="er-frame" x="${g.x}" y="${g.y}" width="${g.width}" height="${g.height}" rx="10"/><text class="er-group-label" x="${g.x + 16}" y="${g.y + 38}">${escapeXml(g.label)}</text></g>`
  )
  return svg
    .replace(/ width="\d+" height="\d+" viewBox="[^"]*"/, ` width="${w}" height="${h}" viewBox="${x0} ${y0} ${w} ${h}"`)
    .replace(/<rect class="er-bg"[^>]*\/>/, `<rect class="er-bg" x="${x0}" y="${y0}" width="${w}" height="${h}"/>\n<g class="er-groups">${frames.join('')}</g>`)
}

/** Neighbours drawn on a table page at most; the rest are counted (a hub's 300 relations are listed in its tables). */
export const NEIGHBOURHOOD_SVG_MAX = 20

/** A table page's own diagram: the table in full, the tables within `distance` hops by their keys. */
export function neighbourhoodSvg(site: DocSite, t: TableModel, opts: { distance?: ErDistance; max?: number } = {}): string {
  return neighbourhoodDiagram(site, t, opts).svg
}

export function neighbourhoodDiagram(site: DocSite, t: TableModel, opts: { distance?: ErDistance; max?: number } = {}): { svg: string; near: DiagramNeighbourhood } {
  const near = diagramNeighbourhood(site, t, { distance: opts.distance, max: opts.max ?? NEIGHBOURHOOD_SVG_MAX })
  const id = tableId(t)
  const built = buildErdGraph({ tables: near.tables }, { focus: [id], hops: 2, maxTables: Infinity, includeViews: true, columns: 'keys-outside-focus' })
  const hopOf = (nodeId: string) => (nodeId === id ? 0 : (near.place.get(site.byName.get(nodeId)!)?.hop ?? 3))
  // The centre's own relations, and the second hop's links to the first; not the web among neighbours.
  const graph = { ...built, edges: built.edges.filter((e) => e.source === id || e.target === id || Math.abs(hopOf(e.source) - hopOf(e.target)) === 1) }
  return { svg: erdToSvg(graph, starLayout(graph, near), { ...pageLinks(site), idPrefix: `${site.slug(t)}-` }), near }
}

/** One line under a capped diagram: how many related tables are not drawn and where they are listed. */
export function neighbourhoodNote(near: DiagramNeighbourhood): string {
  if (!near.hidden) return ''
  return `Showing ${near.tables.length - 1} of ${near.tables.length - 1 + near.hidden} related tables; all are listed under Foreign keys and Referenced by.`
}

const GAP_X = 70
const GAP_Y = 24
/** A column of second-hop boxes taller than this is folded into several side by side. */
const FOLD_HEIGHT = 1300

/**
 * Tables referencing the centre on the left, tables it references on the right, second hops further out. A hub's
 * referencing tables are shared between both sides, so every box has a clear line to the centre (folded columns
 * would draw lines through boxes); the neighbour cap keeps each side about a screen tall. No search: every ELK call costs about 10 ms however small the graph, too much for a
 * diagram per table page on big schemas.
 */
function starLayout(graph: ErdGraph, near: DiagramNeighbourhood): Map<string, ErdPosition> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]))
  const centre = byId.get(tableId(near.centre))!
  const slots: Record<string, ErdNode[]> = { in2: [], in1: [], out1: [], out2: [] }
  for (const t of near.tables.slice(1)) {
    const p = near.place.get(t)!
    const n = byId.get(tableId(t))
    if (n) slots[`${p.side}${p.hop}`]!.push(n)
  }
  const tall = (ns: ErdNode[]) => ns.reduce((h, n) => h + n.height + GAP_Y, 0)
  while (slots.in1!.length > 1 && tall(slots.in1!) - slots.in1![slots.in1!.length - 1]!.height > tall(slots.out1!) + GAP_Y) slots.out1!.push(slots.in1!.pop()!)
  const limit = Math.max(FOLD_HEIGHT, centre.height)
  // Each slot becomes sub-columns no taller than the limit.
  const fold = (nodes: ErdNode[]): ErdNode[][] => {
    const cols: ErdNode[][] = []
    let h = Infinity
    for (const n of nodes) {
      if (h + n.height > limit) {
        cols.push([])
        h = 0
      }
      cols[cols.length - 1]!.push(n)
      h += n.height + GAP_Y
    }
    return cols
  }
  // Direct neighbours never fold: a line from a far column to the centre would cross the near column's boxes.
  const columns = [...fold(slots.in2!), slots.in1!, [centre], slots.out1!, ...fold(slots.out2!)].filter((c) => c.length)
  const heights = columns.map((col) => col.reduce((h, n) => h + n.height, 0) + Math.max(0, col.length - 1) * GAP_Y)
  const height = Math.max(...heights)
  const positions = new Map<string, ErdPosition>()
  let x = 0
  for (const [i, col] of columns.entries()) {
    let y = (height - heights[i]!) / 2
    for (const n of col) {
      positions.set(n.id, { x, y })
      y += n.height + GAP_Y
    }
    x += Math.max(...col.map((n) => n.width)) + GAP_X
  }
  return positions
}

/** Each table page's own diagram as HTML (the SVG in a scroller and, for a capped hub, a note), by table. */
export function neighbourhoodDiagrams(site: DocSite): Map<TableModel, string> {
  const out = new Map<TableModel, string>()
  for (const t of site.tables) {
    if (!t.foreignKeys.some((fk) => site.target(fk)) && !site.incoming(t).length) continue
    const { svg, near } = neighbourhoodDiagram(site, t)
    const note = neighbourhoodNote(near)
    out.set(t, `<div class="er-mini">${svg}</div>${note ? `<p class="er-note">${escapeXml(note)}</p>` : ''}`)
  }
  return out
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", amp: '&' })[e]!)
}

function pageLinks(site: DocSite): ErdSvgOptions {
  return { href: (n) => `#t-${site.slug(tableOf(site, n))}`, style: false }
}

const tableOf = (site: DocSite, n: ErdNode): TableModel => site.byName.get(n.id)!
