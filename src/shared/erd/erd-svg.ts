import { escapeXml } from '../escape-xml'
import { CHAR_WIDTH, type ErdEdge, type ErdGraph, type ErdNode, HEADER_HEIGHT, ROW_HEIGHT } from './erd-graph'
import type { ErdPosition } from './erd-layout'

export interface ErdSvgOptions {
  /** Each box links here (the docs' table pages). */
  href?: (node: ErdNode) => string
  /** `data-slug` on each box, for the docs page's "show in ER diagram". */
  slug?: (node: ErdNode) => string
  /** Prefix of the ids inside the SVG, when a page holds several. */
  idPrefix?: string
  /** false when the page already carries ERD_SVG_STYLE. */
  style?: boolean
}

/** How far a self-reference loops out of the right edge of its box. */
const LOOP = 40
const MARGIN = 10

/**
 * Colours come from CSS variables with light defaults, so a standalone file renders on its own and the docs page
 * can switch it to dark mode. The class names are the contract with the docs page's script (focus, highlight, dim).
 */
export const ERD_SVG_STYLE = [
  '.er-bg{fill:var(--er-bg,#ffffff)}',
  '.er-box{fill:var(--er-box,#ffffff);stroke:var(--er-border,#8c959f);stroke-width:1}',
  '.er-head{fill:var(--er-head,#ddf4ff)}',
  '.er-title{font-weight:700;font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:13px;fill:var(--er-text,#1f2328)}',
  '.er-col{fill:var(--er-text,#1f2328)}',
  '.er-col.er-required{font-weight:600}',
  '.er-type,.er-more{fill:var(--er-muted,#656d76)}',
  '.er-key{fill:var(--er-key,#9a6700);font-weight:700;font-size:10px}',
  '.er-edge{fill:none;stroke:var(--er-edge,#57606a);stroke-width:1.2}',
  '.er-arrowhead{fill:var(--er-edge,#57606a)}',
  '.er-focus .er-box{stroke:var(--er-accent,#0969da);stroke-width:3}',
  'a:hover .er-box{stroke:var(--er-accent,#0969da);stroke-width:2}',
  '.er-dim .er-edge{opacity:.12}',
  '.er-dim .er-edge.er-hl{opacity:1;stroke:var(--er-accent,#0969da);stroke-width:2.5}'
].join('')

/** Vertical centre of a column's row (or of the header when the column is not listed). */
function columnAnchorY(node: ErdNode, pos: ErdPosition, column: string | undefined): number {
  const i = column ? node.columns.findIndex((c) => c.name === column) : -1
  return i < 0 ? pos.y + HEADER_HEIGHT / 2 : pos.y + HEADER_HEIGHT + i * ROW_HEIGHT + ROW_HEIGHT / 2 + 4
}

/** The ER diagram as SVG: table boxes with PK/FK marks and foreign-key edges, at the layout's positions. */
export function erdToSvg(graph: ErdGraph, positions: Map<string, ErdPosition>, options: ErdSvgOptions = {}): string {
  const nodes = graph.nodes.filter((n) => positions.has(n.id))
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const edges = graph.edges.filter((e) => byId.has(e.source) && byId.has(e.target))
  const loops = edges.some((e) => e.source === e.target) ? LOOP : 0
  // Boxes dragged in the ERD view may sit left of or above the origin.
  const left = Math.min(0, ...nodes.map((n) => positions.get(n.id)!.x)) - MARGIN
  const top = Math.min(0, ...nodes.map((n) => positions.get(n.id)!.y)) - MARGIN
  const width = Math.ceil(Math.max(0, ...nodes.map((n) => positions.get(n.id)!.x + n.width)) + loops + MARGIN - left)
  const height = Math.ceil(Math.max(0, ...nodes.map((n) => positions.get(n.id)!.y + n.height)) + MARGIN - top)
  const arrow = `${options.idPrefix ?? ''}er-arrow`
  // One schema: the prefix on every box says nothing.
  const qualify = new Set(nodes.map((n) => n.schema)).size > 1
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="er" width="${width}" height="${height}" viewBox="${r(left)} ${r(top)} ${width} ${height}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="12">`,
    ...(options.style === false ? [] : [`<style>${ERD_SVG_STYLE}</style>`]),
    `<defs><marker id="${arrow}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="er-arrowhead"/></marker></defs>`,
    `<rect class="er-bg" x="${r(left)}" y="${r(top)}" width="${width}" height="${height}"/>`,
    '<g class="er-edges">',
    ...edges.map((e) => edgePath(e, byId, positions, arrow)),
    '</g>'
  ]
  for (const n of nodes) {
    const box = tableBox(n, positions.get(n.id)!, qualify ? n.id : n.name, options)
    const href = options.href?.(n)
    out.push(href ? `<a href="${escapeXml(href)}">${box}</a>` : box)
  }
  out.push('</svg>')
  return out.join('\n') + '\n'
}

function edgePath(e: ErdEdge, byId: Map<string, ErdNode>, positions: Map<string, ErdPosition>, arrow: string): string {
  const s = byId.get(e.source)!
  const t = byId.get(e.target)!
  const sp = positions.get(s.id)!
  const tp = positions.get(t.id)!
  const y1 = columnAnchorY(s, sp, e.columns[0])
  const y2 = columnAnchorY(t, tp, e.refColumns[0])
  let d: string
  if (s === t) {
    const x = sp.x + s.width
    const back = Math.abs(y2 - y1) < 8 ? y1 + 14 : y2
    d = `M${r(x)},${r(y1)} C${r(x + LOOP)},${r(y1)} ${r(x + LOOP)},${r(back)} ${r(x)},${r(back)}`
  } else {
    const rightward = tp.x + t.width / 2 > sp.x + s.width / 2
    const x1 = rightward ? sp.x + s.width : sp.x
    const x2 = rightward ? tp.x : tp.x + t.width
    const bend = Math.max(40, Math.abs(x2 - x1) / 2) * (rightward ? 1 : -1)
    d = `M${r(x1)},${r(y1)} C${r(x1 + bend)},${r(y1)} ${r(x2 - bend)},${r(y2)} ${r(x2)},${r(y2)}`
  }
  const title = `${e.label}: ${e.source} (${e.columns.join(', ')}) → ${e.target} (${e.refColumns.join(', ')})`
  return `<path class="er-edge" data-from="${escapeXml(e.source)}" data-to="${escapeXml(e.target)}" data-fk="${escapeXml(e.label)}" d="${d}" marker-end="url(#${arrow})"><title>${escapeXml(title)}</title></path>`
}

function tableBox(n: ErdNode, pos: ErdPosition, name: string, options: ErdSvgOptions): string {
  const title = name + (n.kind === 'table' ? '' : ` (${n.kind.replace('_', ' ')})`)
  const slug = options.slug ? ` data-slug="${escapeXml(options.slug(n))}"` : ''
  const parts = [
    `<g class="er-table${n.focus ? ' er-focus' : ''}" data-id="${escapeXml(n.id)}" data-table="${escapeXml(title)}"${slug} transform="translate(${r(pos.x)},${r(pos.y)})">`,
    `<rect class="er-box" width="${n.width}" height="${n.height}" rx="4"/>`,
    `<path class="er-head" d="M0,4 a4,4 0 0 1 4,-4 h${n.width - 8} a4,4 0 0 1 4,4 v${HEADER_HEIGHT - 4} h${-n.width} z"/>`,
    `<text class="er-title" x="10" y="${HEADER_HEIGHT / 2 + 5}">${escapeXml(title)}</text>`
  ]
  n.columns.forEach((c, i) => {
    const y = HEADER_HEIGHT + i * ROW_HEIGHT + ROW_HEIGHT / 2 + 8
    const mark = c.pk ? 'PK' : c.fk ? 'FK' : ''
    if (mark) parts.push(`<text class="er-key" x="6" y="${y}">${mark}</text>`)
    parts.push(`<text class="er-col${c.nullable ? '' : ' er-required'}" x="30" y="${y}">${escapeXml(c.name)}</text>`)
    // Boxes have a maximum width: a long type gives way to the column's name.
    const room = Math.floor((n.width - 24) / CHAR_WIDTH) - 6 - c.name.length
    parts.push(`<text class="er-type" x="${n.width - 8}" y="${y}" text-anchor="end">${escapeXml(truncate(c.type, Math.max(6, room)))}</text>`)
  })
  if (n.hiddenColumns) parts.push(`<text class="er-more" x="30" y="${HEADER_HEIGHT + n.columns.length * ROW_HEIGHT + ROW_HEIGHT / 2 + 8}">+${n.hiddenColumns} more</text>`)
  parts.push('</g>')
  return parts.join('')
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s
}

function r(n: number): number {
  return Math.round(n * 10) / 10
}
