import type { LintFinding } from '../../../shared/contract/docs'
import { foreignKeyColumns, primaryKeyColumns, qualifiedName, type TableModel } from '../../../shared/schema-model'
import { kindLabel, schemaObjects, type Description, type DocSite } from './doc-site'
import { escapeXml as esc } from '../../../shared/escape-xml'
import { HTML_CSS, HTML_JS } from './html-assets'

/**
 * One self-contained HTML file: an index page, the ER diagram page, a page per table, search over tables and
 * columns, and a dark mode. `erSvg` is the full diagram (er-diagrams.ts), inlined as is.
 */
export function htmlSite(site: DocSite, lint: LintFinding[], erSvg: string, neighbourhoods: Map<TableModel, string> = new Map()): string {
  const body = [
    `<header><h1><a href="#index">${esc(site.title)}</a></h1><input id="search" type="search" placeholder="Search tables and columns  ( / )" autocomplete="off" aria-label="Search"><div class="spacer"></div><a href="#er">ER diagram</a><button id="theme" type="button" title="Toggle dark mode">◐ Theme</button></header>`,
    '<div id="results" hidden></div>',
    '<div class="layout">',
    `<nav>${navigation(site)}</nav>`,
    '<main>',
    indexPage(site, lint),
    `<section id="er" class="page" data-title="ER diagram"><h2>ER diagram</h2><div class="toolbar"><button id="zoom-in" type="button">Zoom in</button><button id="zoom-out" type="button">Zoom out</button><button id="zoom-fit" type="button">Fit</button><button id="zoom-reset" type="button">100%</button></div><div id="er-view">${erSvg}</div></section>`,
    ...site.tables.map((t) => tableSection(site, t, { diagram: neighbourhoods.get(t) })),
    '</main></div>',
    `<script type="application/json" id="search-data">${jsonForScript(searchIndex(site))}</script>`,
    `<script>${HTML_JS}</script>`
  ]
  return document(site.title, body.join('\n'))
}

/** One table's page as a standalone HTML document (the app's preview pane). */
export function htmlTablePreview(site: DocSite, t: TableModel): string {
  return document(qualifiedName(t), `<main>${tableSection(site, t, { preview: true })}</main>`)
}

function document(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="QueryGenie">
<title>${esc(title)}</title>
<style>${HTML_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`
}

function navigation(site: DocSite): string {
  const out = ['<a href="#index">Overview</a>', '<a href="#er">ER diagram</a>']
  let schema: string | null = null
  for (const t of site.tables) {
    if (t.schema !== schema) {
      schema = t.schema
      out.push(`<div class="group">${esc(schema || 'tables')}</div>`)
    }
    out.push(`<a href="#t-${attr(site.slug(t))}" title="${esc(qualifiedName(t))}">${esc(t.name)}${t.kind === 'table' ? '' : ' <small>(' + kindLabel(t) + ')</small>'}</a>`)
  }
  return out.join('')
}

function indexPage(site: DocSite, lint: LintFinding[]): string {
  const m = site.model
  const tables = site.tables.filter((t) => t.kind === 'table').length
  const out = [
    `<section id="index" class="page shown"><h2>${esc(site.title)}</h2>`,
    `<div class="meta">${esc(m.dialect)} · database <code>${esc(m.database)}</code> · introspected ${esc(m.introspectedAt)}</div>`,
    `<div class="stats"><div><b>${tables}</b>tables</div><div><b>${site.tables.length - tables}</b>views</div><div><b>${site.tables.reduce((n, t) => n + t.columns.length, 0)}</b>columns</div><div><b>${site.tables.reduce((n, t) => n + t.foreignKeys.length, 0)}</b>foreign keys</div><div><b>${lint.length}</b>lint findings</div></div>`,
    '<h3>Tables</h3><table class="grid"><thead><tr><th>Name</th><th>Kind</th><th>Columns</th><th>Comment</th></tr></thead><tbody>'
  ]
  for (const t of site.tables)
    out.push(`<tr><td><a href="#t-${attr(site.slug(t))}">${esc(qualifiedName(t))}</a></td><td>${kindLabel(t)}</td><td>${t.columns.length}</td><td>${describeInline(site.tableDescription(t))}</td></tr>`)
  out.push('</tbody></table>')
  const objects = schemaObjects(site)
  const code = (s: string | null | undefined) => (s ? `<code>${esc(s)}</code>` : '')
  const section = (title: string, head: string[], rows: string[][]) => {
    if (!rows.length) return
    out.push(`<h3>${title}</h3><table class="grid"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>`)
    for (const r of rows) out.push(`<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    out.push('</tbody></table>')
  }
  section('Enums', ['Name', 'Values'], objects.enums.map((e) => [esc(qualifiedName(e)), esc(e.values.join(', '))]))
  section('Domains', ['Name', 'Base type', 'Check'], objects.domains.map((d) => [esc(qualifiedName(d)), code(d.baseType), code(d.check)]))
  section('Routines', ['Name', 'Kind', 'Signature', 'Returns'], objects.routines.map((r) => [esc(qualifiedName(r)), r.kind, code(r.signature), code(r.returns)]))
  section('Sequences', ['Name', 'Type'], objects.sequences.map((q) => [esc(qualifiedName(q)), code(q.dataType)]))
  out.push(`<h3 id="lint">Lint</h3>`)
  if (!lint.length) out.push('<p>No findings.</p>')
  else {
    out.push('<table class="grid"><thead><tr><th>Severity</th><th>Rule</th><th>Table</th><th>Finding</th></tr></thead><tbody>')
    for (const f of lint) {
      const t = site.byName.get(f.table)
      const table = t ? `<a href="#t-${attr(site.slug(t))}">${esc(f.table)}</a>` : esc(f.table)
      out.push(`<tr><td class="sev-${f.severity}">${f.severity}</td><td>${f.rule}</td><td>${table}</td><td>${esc(f.message)}</td></tr>`)
    }
    out.push('</tbody></table>')
  }
  out.push('</section>')
  return out.join('\n')
}

function tableSection(site: DocSite, t: TableModel, opts: { preview?: boolean; diagram?: string } = {}): string {
  const slug = site.slug(t)
  const name = qualifiedName(t)
  const link = (target: TableModel) => (opts.preview ? esc(qualifiedName(target)) : `<a href="#t-${attr(site.slug(target))}">${esc(qualifiedName(target))}</a>`)
  const out = [
    `<section id="t-${attr(slug)}" class="page${opts.preview ? ' shown' : ''}" data-title="${esc(name)}"><h2>${esc(name)}</h2>`,
    `<div class="meta">${kindLabel(t)}${t.rowEstimate != null && t.rowEstimate > 0 ? ` · about ${t.rowEstimate} rows` : ''}${opts.preview ? '' : ` · <a href="#er/${attr(slug)}">Show in ER diagram</a>`}</div>`,
    describeBlock(site.tableDescription(t))
  ]
  const pk = primaryKeyColumns(t)
  const fkCols = foreignKeyColumns(t)
  out.push('<h3>Columns</h3><table class="grid"><thead><tr><th>Name</th><th>Type</th><th>Nullable</th><th>Default</th><th>Key</th><th>Comment</th></tr></thead><tbody>')
  t.columns.forEach((c, i) => {
    const keys = [pk.has(c.name) && 'PK', fkCols.has(c.name) && 'FK', c.identity && 'identity'].filter(Boolean).join(', ')
    const def = c.generated ? `generated: ${c.generated}` : (c.default ?? '')
    out.push(
      `<tr id="c-${attr(slug)}-${i}"><td><code>${esc(c.name)}</code></td><td><code>${esc(c.type)}</code></td><td>${c.nullable ? 'yes' : 'no'}</td><td>${def ? `<code>${esc(def)}</code>` : ''}</td><td class="key">${keys}</td><td>${describeInline(site.columnDescription(t, c))}</td></tr>`
    )
  })
  out.push('</tbody></table>')

  if (t.primaryKey?.columns.length) out.push(`<h3>Primary key</h3><p>${t.primaryKey.name ? `<code>${esc(t.primaryKey.name)}</code>: ` : ''}${t.primaryKey.columns.map((c) => `<code>${esc(c)}</code>`).join(', ')}</p>`)
  if (t.foreignKeys.length) {
    out.push('<h3>Foreign keys</h3><table class="grid"><thead><tr><th>Name</th><th>Columns</th><th>References</th><th>On delete</th><th>On update</th></tr></thead><tbody>')
    for (const fk of t.foreignKeys) {
      const target = site.target(fk)
      const ref = target ? link(target) : esc(qualifiedName({ schema: fk.refSchema, name: fk.refTable }))
      out.push(`<tr><td>${esc(fk.name)}</td><td>${esc(fk.columns.join(', '))}</td><td>${ref} (${esc(fk.refColumns.join(', '))})</td><td>${esc(fk.onDelete ?? '')}</td><td>${esc(fk.onUpdate ?? '')}</td></tr>`)
    }
    out.push('</tbody></table>')
  }
  const incoming = site.incoming(t)
  if (incoming.length) {
    out.push('<h3>Referenced by</h3><table class="grid"><thead><tr><th>Table</th><th>Columns</th><th>Foreign key</th></tr></thead><tbody>')
    for (const r of incoming) out.push(`<tr><td>${link(r.from)}</td><td>${esc(r.fk.columns.join(', '))}</td><td>${esc(r.fk.name)}</td></tr>`)
    out.push('</tbody></table>')
  }
  if (t.indexes.length) {
    out.push('<h3>Indexes</h3><table class="grid"><thead><tr><th>Name</th><th>Columns</th><th>Unique</th><th>Method</th><th>Predicate</th></tr></thead><tbody>')
    for (const i of t.indexes)
      out.push(`<tr><td>${esc(i.name)}${i.primary ? ' <small>(primary)</small>' : ''}</td><td>${esc(i.columns.join(', '))}</td><td>${i.unique ? 'yes' : 'no'}</td><td>${esc(i.method ?? '')}</td><td>${i.predicate ? `<code>${esc(i.predicate)}</code>` : ''}</td></tr>`)
    out.push('</tbody></table>')
  }
  if (t.constraints.length) {
    out.push('<h3>Constraints</h3><table class="grid"><thead><tr><th>Name</th><th>Kind</th><th>Definition</th></tr></thead><tbody>')
    for (const c of t.constraints) out.push(`<tr><td>${esc(c.name)}</td><td>${c.kind}</td><td>${c.expression ? `<code>${esc(c.expression)}</code>` : esc((c.columns ?? []).join(', '))}</td></tr>`)
    out.push('</tbody></table>')
  }
  if (t.triggers.length) {
    out.push('<h3>Triggers</h3><table class="grid"><thead><tr><th>Name</th><th>Timing</th><th>Events</th><th>Definition</th></tr></thead><tbody>')
    for (const tr of t.triggers)
      out.push(`<tr><td>${esc(tr.name)}</td><td>${esc(tr.timing ?? '')}</td><td>${esc((tr.events ?? []).join(', '))}</td><td>${tr.definition ? `<pre>${esc(tr.definition)}</pre>` : ''}</td></tr>`)
    out.push('</tbody></table>')
  }
  if (t.definition) out.push(`<h3>Definition</h3><pre>${esc(t.definition.trim())}</pre>`)
  if (opts.diagram) out.push(`<h3>Relations</h3><div class="er-mini">${opts.diagram}</div>`)
  out.push('</section>')
  return out.join('\n')
}

function describeBlock(d: Description): string {
  const out: string[] = []
  if (d.comment) out.push(`<p>${multiline(d.comment)}</p>`)
  if (d.note) out.push(`<div class="note"><span class="note-tag">Note</span>${multiline(d.note)}</div>`)
  if (d.ai && !d.comment) out.push(`<div class="ai"><span class="ai-tag">AI-generated</span>${multiline(d.ai)}</div>`)
  return out.join('')
}

function describeInline(d: Description): string {
  const out: string[] = []
  if (d.comment) out.push(multiline(d.comment))
  else if (d.ai) out.push(`<span class="ai"><span class="ai-tag">AI</span>${multiline(d.ai)}</span>`)
  if (d.note) out.push(`<div class="note"><span class="note-tag">Note</span>${multiline(d.note)}</div>`)
  return out.join('')
}

type SearchEntry = [kind: 'table' | 'view' | 'column', label: string, anchor: string, detail: string]

function searchIndex(site: DocSite): SearchEntry[] {
  const out: SearchEntry[] = []
  for (const t of site.tables) {
    const slug = site.slug(t)
    const d = site.tableDescription(t)
    out.push([t.kind === 'table' ? 'table' : 'view', qualifiedName(t), `t-${slug}`, d.comment ?? d.note ?? d.ai ?? ''])
    t.columns.forEach((c, i) => {
      const cd = site.columnDescription(t, c)
      out.push(['column', `${qualifiedName(t)}.${c.name}`, `c-${slug}-${i}`, [c.type, cd.comment ?? cd.note ?? cd.ai ?? ''].filter(Boolean).join(' · ')])
    })
  }
  return out
}

/** JSON inside <script> must not contain `</script` or an HTML comment opener. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

function multiline(s: string): string {
  return esc(s).replace(/\r?\n/g, '<br>')
}

/** Slugs are already file-safe ([A-Za-z0-9._-]); this only guards attribute context. */
function attr(s: string): string {
  return esc(s)
}
