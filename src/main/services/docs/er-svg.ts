import { ER_HEADER_H, ER_ROW_H, type ErLayout } from './er-layout'
import type { TableModel } from '../../../shared/schema-model'

/**
 * Renders an ER layout as SVG. Colours come from CSS variables with light defaults, so the standalone file
 * renders on its own and the HTML page can switch it to dark mode.
 */
export function erSvg(layout: ErLayout, opts: { href?: (t: TableModel) => string; slug?: (t: TableModel) => string; idPrefix?: string; focus?: TableModel; /** false when the page already carries ER_SVG_STYLE */ style?: boolean } = {}): string {
  const margin = 10
  const w = layout.width + 2 * margin
  const h = layout.height + 2 * margin
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="er" width="${w}" height="${h}" viewBox="${-margin} ${-margin} ${w} ${h}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="12">`,
    ...(opts.style === false ? [] : [`<style>${ER_SVG_STYLE}</style>`]),
    `<defs><marker id="${opts.idPrefix ?? ''}er-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="er-arrowhead"/></marker></defs>`,
    `<rect class="er-bg" x="${-margin}" y="${-margin}" width="${w}" height="${h}"/>`
  ]
  out.push('<g class="er-edges">')
  for (const e of layout.edges) {
    if (e.points.length < 2) continue
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${r(p.x)},${r(p.y)}`).join(' ')
    out.push(`<path class="er-edge" data-from="${e.from}" data-to="${e.to}" d="${d}" marker-end="url(#${opts.idPrefix ?? ''}er-arrow)"><title>${esc(e.label)}</title></path>`)
  }
  out.push('</g>')
  for (const b of layout.boxes) {
    const inner: string[] = [
      `<g class="er-table${b.table === opts.focus ? ' er-focus' : ''}" data-id="${b.id}" transform="translate(${r(b.x)},${r(b.y)})" data-table="${esc(b.title)}"${opts.slug ? ` data-slug="${esc(opts.slug(b.table))}"` : ''}>`,
      `<rect class="er-box" width="${b.width}" height="${b.height}" rx="4"/>`,
      `<path class="er-head" d="M0,4 a4,4 0 0 1 4,-4 h${b.width - 8} a4,4 0 0 1 4,4 v${ER_HEADER_H - 4} h${-b.width} z"/>`,
      `<text class="er-title" x="10" y="${ER_HEADER_H / 2 + 5}">${esc(b.title)}</text>`
    ]
    b.rows.forEach((row, i) => {
      const y = ER_HEADER_H + i * ER_ROW_H + 14
      const key = row.key ? `<tspan class="er-key">${row.key} </tspan>` : ''
      inner.push(`<text class="er-col" x="10" y="${y}">${key}${esc(row.name)}</text>`)
      inner.push(`<text class="er-type" x="${b.typeX}" y="${y}">${esc(truncate(row.type, 28))}</text>`)
    })
    if (b.more > 0) inner.push(`<text class="er-more" x="10" y="${ER_HEADER_H + b.rows.length * ER_ROW_H + 14}">… ${b.more} more</text>`)
    inner.push('</g>')
    const href = opts.href?.(b.table)
    out.push(href ? `<a href="${esc(href)}">${inner.join('')}</a>` : inner.join(''))
  }
  out.push('</svg>')
  return out.join('\n') + '\n'
}

export const ER_SVG_STYLE = [
  '.er-bg{fill:var(--er-bg,#ffffff)}',
  '.er-box{fill:var(--er-box,#ffffff);stroke:var(--er-border,#8c959f);stroke-width:1}',
  '.er-head{fill:var(--er-head,#ddf4ff)}',
  '.er-title{font-weight:700;font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:13px;fill:var(--er-text,#1f2328)}',
  '.er-col{fill:var(--er-text,#1f2328)}',
  '.er-type,.er-more{fill:var(--er-muted,#656d76)}',
  '.er-key{fill:var(--er-key,#9a6700);font-weight:700}',
  '.er-edge{fill:none;stroke:var(--er-edge,#57606a);stroke-width:1.2}',
  '.er-arrowhead{fill:var(--er-edge,#57606a)}',
  'a:hover .er-box{stroke:var(--er-accent,#0969da);stroke-width:2}',
  '.er-dim .er-edge{opacity:.12}',
  '.er-dim .er-edge.er-hl{opacity:1;stroke:var(--er-accent,#0969da);stroke-width:2.5}'
].join('')

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s
}

function r(n: number): number {
  return Math.round(n * 10) / 10
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
