import { type ErdGraph, type ErdNode, HEADER_HEIGHT, ROW_HEIGHT } from './erd-graph'
import type { ErdPosition } from './erd-layout'

export interface SvgTheme {
  background: string
  header: string
  headerText: string
  body: string
  text: string
  muted: string
  border: string
  edge: string
  focus: string
}

export const lightSvgTheme: SvgTheme = { background: '#ffffff', header: '#2f5d8a', headerText: '#ffffff', body: '#ffffff', text: '#1d2733', muted: '#6b7785', border: '#9fb0c2', edge: '#7a8899', focus: '#e0a100' }

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Vertical centre of a column's row (or of the header when the column is not listed). */
export function columnAnchorY(node: ErdNode, pos: ErdPosition, column: string | undefined): number {
  const i = column ? node.columns.findIndex((c) => c.name === column) : -1
  return i < 0 ? pos.y + HEADER_HEIGHT / 2 : pos.y + HEADER_HEIGHT + i * ROW_HEIGHT + ROW_HEIGHT / 2 + 4
}

/** A standalone SVG of the diagram (tables with PK/FK marks, foreign-key edges), for export. */
export function erdToSvg(graph: ErdGraph, positions: Map<string, ErdPosition>, theme: SvgTheme = lightSvgTheme): string {
  const nodes = graph.nodes.filter((n) => positions.has(n.id))
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const pad = 20
  const maxX = Math.max(0, ...nodes.map((n) => positions.get(n.id)!.x + n.width))
  const maxY = Math.max(0, ...nodes.map((n) => positions.get(n.id)!.y + n.height))
  const width = Math.ceil(maxX + pad * 2)
  const height = Math.ceil(maxY + pad * 2)
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${-pad} ${-pad} ${width} ${height}" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect x="${-pad}" y="${-pad}" width="${width}" height="${height}" fill="${theme.background}"/>`,
    `<defs><marker id="erd-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${theme.edge}"/></marker></defs>`
  ]
  for (const e of graph.edges) {
    const s = byId.get(e.source)
    const t = byId.get(e.target)
    if (!s || !t) continue
    const sp = positions.get(s.id)!
    const tp = positions.get(t.id)!
    const y1 = columnAnchorY(s, sp, e.columns[0])
    const y2 = columnAnchorY(t, tp, e.refColumns[0])
    const rightward = tp.x + t.width / 2 > sp.x + s.width / 2
    const x1 = rightward ? sp.x + s.width : sp.x
    const x2 = rightward ? tp.x : tp.x + t.width
    const bend = Math.max(40, Math.abs(x2 - x1) / 2)
    const d = s === t
      ? `M${x1},${y1} C${x1 - 60},${y1} ${x1 - 60},${y2} ${x1},${y2}`
      : `M${x1},${y1} C${x1 + (rightward ? bend : -bend)},${y1} ${x2 + (rightward ? -bend : bend)},${y2} ${x2},${y2}`
    parts.push(`<path class="erd-edge" data-fk="${esc(e.label)}" d="${d}" fill="none" stroke="${theme.edge}" stroke-width="1.4" marker-end="url(#erd-arrow)"><title>${esc(`${e.source} (${e.columns.join(', ')}) → ${e.target} (${e.refColumns.join(', ')})`)}</title></path>`)
  }
  for (const n of nodes) {
    const { x, y } = positions.get(n.id)!
    parts.push(`<g class="erd-table" data-table="${esc(n.id)}" transform="translate(${x},${y})">`)
    parts.push(`<rect width="${n.width}" height="${n.height}" rx="4" fill="${theme.body}" stroke="${n.focus ? theme.focus : theme.border}" stroke-width="${n.focus ? 2 : 1}"/>`)
    parts.push(`<rect width="${n.width}" height="${HEADER_HEIGHT}" rx="4" fill="${theme.header}"/>`)
    parts.push(`<text x="10" y="${HEADER_HEIGHT / 2 + 4}" fill="${theme.headerText}" font-weight="600">${esc(n.name)}${n.kind === 'table' ? '' : ` (${n.kind.replace('_', ' ')})`}</text>`)
    n.columns.forEach((c, i) => {
      const cy = HEADER_HEIGHT + i * ROW_HEIGHT + ROW_HEIGHT / 2 + 8
      const mark = c.pk ? 'PK' : c.fk ? 'FK' : ''
      if (mark) parts.push(`<text x="8" y="${cy}" fill="${c.pk ? theme.focus : theme.muted}" font-size="10" font-weight="700">${mark}</text>`)
      parts.push(`<text x="30" y="${cy}" fill="${theme.text}"${c.nullable ? '' : ' font-weight="600"'}>${esc(c.name)}</text>`)
      parts.push(`<text x="${n.width - 8}" y="${cy}" fill="${theme.muted}" text-anchor="end">${esc(c.type)}</text>`)
    })
    if (n.hiddenColumns) parts.push(`<text x="30" y="${HEADER_HEIGHT + n.columns.length * ROW_HEIGHT + ROW_HEIGHT / 2 + 8}" fill="${theme.muted}">+${n.hiddenColumns} more</text>`)
    parts.push('</g>')
  }
  parts.push('</svg>')
  return parts.join('\n')
}
