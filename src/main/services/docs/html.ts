import type { LintFinding } from '../../../shared/contract/docs'
import { foreignKeyColumns, primaryKeyColumns, qualifiedName, type TableModel } from '../../../shared/schema-model'
import { docObjects, partitionsOf, viewReads } from './doc-objects'
import { kindLabel, type Description, type DocSite } from './doc-site'
import { escapeXml as esc } from '../../../shared/escape-xml'
import type { HtmlDiagram } from './er-diagrams'
import { HTML_CSS, HTML_JS } from './html-assets'

/**
 * One self-contained HTML file: an index page, the ER diagram page, a page per table, a page of other schema
 * objects, search over all of them, and a dark mode. Fast on thousands of tables: only the index and the
 * navigation are HTML at load; each table page, the objects page and the ER diagram (er-diagrams.ts) wait as
 * inert text in `<script type="text/html">` until first shown, and search runs over a precomputed index.
 */
export function htmlSite(site: DocSite, lint: LintFinding[], er: string | HtmlDiagram, neighbourhoods: Map<TableModel, string> = new Map()): string {
  const diagram: HtmlDiagram = typeof er === 'string' ? { svg: er, parts: new Map<string, string>() } : er
  const schemas = [...new Set(site.tables.map((t) => t.schema))]
  const filter =
    schemas.length > 1
      ? `<label>Schema <select id="er-schema"><option value="">All schemas (${site.tables.length} tables)</option>${schemas.map((x) => `<option value="${esc(x)}">${esc(x || '(none)')} (${site.tables.filter((t) => t.schema === x).length})</option>`).join('')}</select></label>`
      : ''
  const objects = objectsPage(site)
  const body = [
    `<header><h1><a href="#index">${esc(site.title)}</a></h1><input id="search" type="search" placeholder="Search tables, columns and objects  ( / )" autocomplete="off" aria-label="Search"><div class="spacer"></div><a href="#er">ER diagram</a><button id="theme" type="button" title="Toggle dark mode">◐ Theme</button></header>`,
    '<div id="results" hidden></div>',
    '<div class="layout">',
    `<nav>${navigation(site, !!objects)}</nav>`,
    '<main>',
    indexPage(site, lint),
    `<section id="er" class="page" data-title="ER diagram"><h2>ER diagram</h2><div class="toolbar">${filter}<button id="zoom-in" type="button">Zoom in</button><button id="zoom-out" type="button">Zoom out</button><button id="zoom-fit" type="button">Fit</button><button id="zoom-reset" type="button">100%</button><span id="er-scale"></span><span class="hint" id="er-hint"></span></div>${diagram.overview ?? ''}<div id="er-view"></div></section>`,
    objects ? '<section id="objects" class="page" data-title="Schema objects" data-lazy></section>' : '',
    ...site.tables.map((t) => `<section id="t-${attr(site.slug(t))}" class="page" data-title="${esc(qualifiedName(t))}" data-lazy></section>`),
    '</main></div>',
    lazy('er-view', diagram.svg),
    ...[...diagram.parts].map(([id, part]) => lazy(id, part)),
    objects ? lazy('objects', objects) : '',
    ...site.tables.map((t) => lazy(`t-${site.slug(t)}`, tableSection(site, t, { diagram: neighbourhoods.get(t), inner: true }))),
    `<script type="application/json" id="search-data">${jsonForScript(searchIndex(site))}</script>`,
    `<script>${HTML_JS}</script>`
  ]
  return document(site.title, body.filter(Boolean).join('\n'))
}

/**
 * A page's HTML kept as raw script text: the parser only scans it for `</script`, no DOM is built until the page
 * is shown. Everything from the model is escaped, so neither `</script` nor `<!--` can occur; guarded anyway.
 */
function lazy(id: string, html: string): string {
  return `<script type="text/html" id="src-${attr(id)}">${html.replace(/<(\/script|!--)/gi, '&lt;$1')}</script>`
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

function navigation(site: DocSite, objects: boolean): string {
  const out = ['<a href="#index">Overview</a>', '<a href="#er">ER diagram</a>']
  if (objects) out.push('<a href="#objects">Schema objects</a>')
  let schema: string | null = null
  const item = (t: TableModel, cls = '') =>
    `<a href="#t-${attr(site.slug(t))}"${cls ? ` class="${cls}"` : ''} title="${esc(qualifiedName(t))}">${esc(t.name)}${t.kind === 'table' ? '' : ' <small>(' + kindLabel(t) + ')</small>'}</a>`
  for (const t of site.tables) {
    if (isListedPartition(site, t)) continue
    if (t.schema !== schema) {
      schema = t.schema
      out.push(`<div class="group">${esc(schema || 'tables')}</div>`)
    }
    out.push(item(t))
    for (const p of site.partitions(t)) out.push(item(p, 'part'))
  }
  return out.join('')
}

/** A partition whose parent is documented: listed under the parent, not on its own. */
function isListedPartition(site: DocSite, t: TableModel): boolean {
  return !!t.partitionOf && site.byName.has(qualifiedName({ schema: t.partitionOf.schema, name: t.partitionOf.table }))
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
  for (const t of site.tables) {
    if (isListedPartition(site, t)) continue
    const parts = site.partitions(t).length
    out.push(
      `<tr><td><a href="#t-${attr(site.slug(t))}">${esc(qualifiedName(t))}</a>${parts ? ` <small>(${parts} partition${parts === 1 ? '' : 's'})</small>` : ''}</td><td>${kindLabel(t)}</td><td>${t.columns.length}</td><td>${describeInline(site.tableDescription(t))}</td></tr>`
    )
  }
  out.push('</tbody></table>')
  const objects = objectsOf(site)
  const counts = (
    [
      ['routines', objects.routines.length],
      ['sequences', objects.sequences.length],
      ['enums', objects.enums.length],
      ['domains', objects.domains.length],
      ['composite types', objects.types.length],
      ['triggers', site.tables.reduce((n, t) => n + t.triggers.length, 0)],
      ['objects that could not be read', objects.errors.length]
    ] as const
  ).filter(([, n]) => n > 0)
  if (counts.some(([k]) => k !== 'triggers'))
    out.push(`<h3>Schema objects</h3><p>${counts.map(([k, n]) => `<a href="#objects-${k.replace(/ /g, '-')}">${n} ${k}</a>`).join(' · ')}</p>`)
  if (objects.errors.length) out.push(`<p class="sev-error">${objects.errors.length} object${objects.errors.length === 1 ? '' : 's'} could not be read: <a href="#objects-objects-that-could-not-be-read">see the list</a>.</p>`)
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

/** A table's page; `inner`: without its <section>, which the page already holds (lazy pages). */
function tableSection(site: DocSite, t: TableModel, opts: { preview?: boolean; diagram?: string; inner?: boolean } = {}): string {
  const slug = site.slug(t)
  const name = qualifiedName(t)
  const link = (target: TableModel) => (opts.preview ? esc(qualifiedName(target)) : `<a href="#t-${attr(site.slug(target))}">${esc(qualifiedName(target))}</a>`)
  const parent = t.partitionOf ? site.byName.get(qualifiedName({ schema: t.partitionOf.schema, name: t.partitionOf.table })) : undefined
  const partitionOf = t.partitionOf
    ? ` · partition of ${parent ? link(parent) : esc(qualifiedName({ schema: t.partitionOf.schema, name: t.partitionOf.table }))} <code>${esc(t.partitionOf.bound)}</code>`
    : ''
  const inErd = !opts.preview && !(parent && t.partitionOf)
  const out = [
    opts.inner ? '' : `<section id="t-${attr(slug)}" class="page${opts.preview ? ' shown' : ''}" data-title="${esc(name)}">`,
    `<h2>${esc(name)}</h2>`,
    `<div class="meta">${kindLabel(t)}${partitionOf}${t.rowEstimate != null && t.rowEstimate > 0 ? ` · about ${t.rowEstimate} rows` : ''}${inErd ? ` · <a href="#er/${attr(slug)}">Show in ER diagram</a>` : ''}</div>`,
    describeBlock(site.tableDescription(t))
  ]
  const options = Object.entries(t.options ?? {})
  if (options.length) out.push(`<div class="meta">${options.map(([k, v]) => `${esc(k)} <code>${esc(v)}</code>`).join(' · ')}</div>`)
  const pk = primaryKeyColumns(t)
  const fkCols = foreignKeyColumns(t)
  out.push(`<h3>Columns</h3><table class="grid"><thead><tr><th>Name</th><th>Type</th><th>Nullable</th><th>Default</th><th>Key</th><th>Comment</th>${site.classified ? '<th>Classification</th>' : ''}</tr></thead><tbody>`)
  t.columns.forEach((c, i) => {
    const keys = [pk.has(c.name) && 'PK', fkCols.has(c.name) && 'FK', c.identity && 'identity'].filter(Boolean).join(', ')
    const def = [c.generated ? `generated: ${c.generated}${c.generatedKind ? ` ${c.generatedKind}` : ''}` : (c.default ?? ''), c.onUpdate ? `on update ${c.onUpdate}` : ''].filter(Boolean).join(' · ')
    const type = `<code>${esc(c.type)}</code>${c.collation ? ` <small>collate <code>${esc(c.collation)}</code></small>` : ''}${c.identityGeneration ? ` <small>generated ${c.identityGeneration === 'always' ? 'always' : 'by default'} as identity</small>` : ''}`
    out.push(
      `<tr id="c-${attr(slug)}-${i}"><td><code>${esc(c.name)}</code></td><td>${type}</td><td>${c.nullable ? 'yes' : 'no'}</td><td>${def ? `<code>${esc(def)}</code>` : ''}</td><td class="key">${keys}</td><td>${describeInline(site.columnDescription(t, c))}</td>${site.classified ? `<td class="classification">${esc(site.classification(t, c) ?? '')}</td>` : ''}</tr>`
    )
  })
  out.push('</tbody></table>')

  if (t.partitioning) {
    const parts = partitionsOf(site, t)
    out.push(`<h3>Partitions</h3><p>Partitioned by ${esc(t.partitioning.strategy)} <code>${esc(t.partitioning.key)}</code>; ${parts.length} partition${parts.length === 1 ? '' : 's'}.</p>`)
    if (parts.length) {
      out.push('<table class="grid"><thead><tr><th>Partition</th><th>Bound</th><th>Rows</th></tr></thead><tbody>')
      for (const p of parts)
        out.push(`<tr><td>${p.table ? link(p.table) : `${esc(p.name)} <small>(not documented here)</small>`}</td><td>${p.bound ? `<code>${esc(p.bound)}</code>` : ''}</td><td>${p.table?.rowEstimate != null && p.table.rowEstimate >= 0 ? p.table.rowEstimate : ''}</td></tr>`)
      out.push('</tbody></table>')
    }
  }
  if (t.kind !== 'table') {
    const reads = viewReads(site, t)
    if (reads?.length) out.push(`<p>Reads ${reads.map((n) => { const r = site.byName.get(n); return r ? link(r) : `<code>${esc(n)}</code>` }).join(', ')}</p>`)
  }
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
    for (const tr of t.triggers) {
      const fn = tr.function ? routineAnchor(site, t.schema, tr.function) : undefined
      const fnText = tr.function ? `<div>executes ${fn && !opts.preview ? `<a href="#${fn}">${esc(tr.function)}</a>` : `<code>${esc(tr.function)}</code>`}${tr.enabled === false ? ' · <b>disabled</b>' : ''}</div>` : tr.enabled === false ? '<div><b>disabled</b></div>' : ''
      out.push(`<tr><td>${esc(tr.name)}</td><td>${esc(tr.timing ?? '')}</td><td>${esc((tr.events ?? []).join(', '))}</td><td>${fnText}${tr.definition ? `<pre>${esc(tr.definition)}</pre>` : ''}</td></tr>`)
    }
    out.push('</tbody></table>')
  }
  if (t.definition) out.push(`<h3>Definition</h3><pre>${esc(t.definition.trim())}</pre>`)
  if (opts.diagram) out.push(`<h3>Relations</h3>${opts.diagram}`)
  if (!opts.inner) out.push('</section>')
  return out.join('\n')
}

/** docObjects with the optional lists filled in. */
function objectsOf(site: DocSite) {
  const o = docObjects(site)
  return { ...o, errors: o.errors ?? [] }
}

const routineAnchors = new WeakMap<DocSite, Map<string, string>>()

/** The objects page's anchor of the routine a trigger executes (`fn`, `schema.fn` or `schema.fn()`), if documented. */
function routineAnchor(site: DocSite, schema: string, fn: string): string | undefined {
  let map = routineAnchors.get(site)
  if (!map) {
    map = new Map()
    objectsOf(site).routines.forEach((r, i) => {
      for (const key of [qualifiedName(r), r.name]) if (!map!.has(key)) map!.set(key, `obj-routine-${i}`)
    })
    routineAnchors.set(site, map)
  }
  const name = fn.replace(/\(.*$/s, '').replace(/"/g, '')
  return map.get(name) ?? map.get(qualifiedName({ schema, name })) ?? map.get(name.split('.').pop()!)
}

/** Routines (with their source), triggers, sequences, types and the objects that could not be read; '' when there are none. */
function objectsPage(site: DocSite): string {
  const o = objectsOf(site)
  const triggers = site.tables.flatMap((t) => t.triggers.map((tr) => ({ t, tr })))
  if (!o.routines.length && !o.sequences.length && !o.enums.length && !o.domains.length && !o.types.length && !o.errors.length && !triggers.length) return ''
  const code = (s: string | null | undefined) => (s ? `<code>${esc(s)}</code>` : '')
  const out = ['<h2>Schema objects</h2>']
  const section = (id: string, title: string, head: string[], rows: { id?: string; cells: string[] }[]) => {
    if (!rows.length) return
    out.push(`<h3 id="objects-${id}">${title} <small>(${rows.length})</small></h3><table class="grid"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>`)
    for (const r of rows) out.push(`<tr${r.id ? ` id="${r.id}"` : ''}>${r.cells.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    out.push('</tbody></table>')
  }
  section(
    'objects-that-could-not-be-read',
    'Objects that could not be read',
    ['Kind', 'Name', 'Error'],
    o.errors.map((e, i) => ({ id: `obj-error-${i}`, cells: [esc(e.kind), esc(qualifiedName(e)), `<span class="sev-error">${multiline(e.message)}</span>`] }))
  )
  section(
    'routines',
    'Routines',
    ['Name', 'Kind', 'Signature', 'Returns', 'Language', 'Source'],
    o.routines.map((r, i) => ({
      id: `obj-routine-${i}`,
      cells: [
        `${esc(qualifiedName(r))}${r.comment ? `<div class="meta">${multiline(r.comment)}</div>` : ''}`,
        r.kind,
        code(r.signature),
        code(r.returns),
        esc(r.language ?? ''),
        r.definition ? `<details><summary>${lines(r.definition)}</summary><pre>${esc(r.definition)}</pre></details>` : ''
      ]
    }))
  )
  section(
    'triggers',
    'Triggers',
    ['Table', 'Trigger', 'Timing', 'Events', 'Executes'],
    triggers.map(({ t, tr }) => {
      const fn = tr.function ? routineAnchor(site, t.schema, tr.function) : undefined
      return { cells: [`<a href="#t-${attr(site.slug(t))}">${esc(qualifiedName(t))}</a>`, esc(tr.name), esc(tr.timing ?? ''), esc((tr.events ?? []).join(', ')), fn ? `<a href="#${fn}">${esc(tr.function!)}</a>` : code(tr.function)] }
    })
  )
  section(
    'sequences',
    'Sequences',
    ['Name', 'Type', 'Start', 'Increment', 'Min', 'Max', 'Cache', 'Cycle', 'Owned by'],
    o.sequences.map((q, i) => ({
      id: `obj-sequence-${i}`,
      cells: [esc(qualifiedName(q)), code(q.dataType), esc(q.start ?? ''), esc(q.increment ?? ''), esc(q.min ?? ''), esc(q.max ?? ''), esc(q.cache ?? ''), q.cycle == null ? '' : q.cycle ? 'yes' : 'no', code(q.ownedBy)]
    }))
  )
  section('enums', 'Enums', ['Name', 'Values'], o.enums.map((e, i) => ({ id: `obj-enum-${i}`, cells: [esc(qualifiedName(e)), e.values.map((v) => code(v)).join(', ')] })))
  section(
    'domains',
    'Domains',
    ['Name', 'Base type', 'Nullable', 'Default', 'Collation', 'Checks'],
    o.domains.map((d, i) => ({
      id: `obj-domain-${i}`,
      cells: [
        esc(qualifiedName(d)),
        code(d.baseType),
        d.nullable == null ? '' : d.nullable ? 'yes' : 'no',
        code(d.default),
        code(d.collation),
        (d.checks?.length ? d.checks : d.check ? [{ name: '', expression: d.check }] : []).map((c) => `${c.name ? esc(c.name) + ': ' : ''}${code(c.expression)}`).join('<br>')
      ]
    }))
  )
  section(
    'composite-types',
    'Composite types',
    ['Name', 'Attributes'],
    o.types.map((ty, i) => ({ id: `obj-type-${i}`, cells: [esc(qualifiedName(ty)), ty.attributes.map((a) => `<code>${esc(a.name)}</code> ${code(a.type)}${a.collation ? ` collate ${code(a.collation)}` : ''}`).join('<br>')] }))
  )
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

/**
 * The search index, column-wise so the page parses it once and scans one lowercased text: kinds, labels,
 * anchors and details. Kinds: t table, v view, c column, r routine, s sequence, y type (enum, domain, composite).
 */
interface SearchIndex {
  k: string
  l: string[]
  a: string[]
  d: string[]
}

function searchIndex(site: DocSite): SearchIndex {
  const out: SearchIndex = { k: '', l: [], a: [], d: [] }
  const push = (kind: string, label: string, anchor: string, detail: string) => {
    out.k += kind
    out.l.push(label)
    out.a.push(anchor)
    out.d.push(detail.length > 160 ? detail.slice(0, 159) + '…' : detail)
  }
  for (const t of site.tables) {
    const slug = site.slug(t)
    const d = site.tableDescription(t)
    push(t.kind === 'table' ? 't' : 'v', qualifiedName(t), `t-${slug}`, d.comment ?? d.note ?? d.ai ?? '')
    t.columns.forEach((c, i) => {
      const cd = site.columnDescription(t, c)
      push('c', `${qualifiedName(t)}.${c.name}`, `c-${slug}-${i}`, [c.type, cd.comment ?? cd.note ?? cd.ai ?? ''].filter(Boolean).join(' · '))
    })
  }
  const o = objectsOf(site)
  o.routines.forEach((r, i) => push('r', qualifiedName(r), `obj-routine-${i}`, [r.kind, r.signature].join(' · ')))
  o.sequences.forEach((q, i) => push('s', qualifiedName(q), `obj-sequence-${i}`, q.ownedBy ?? ''))
  o.enums.forEach((e, i) => push('y', qualifiedName(e), `obj-enum-${i}`, `enum · ${e.values.join(', ')}`))
  o.domains.forEach((x, i) => push('y', qualifiedName(x), `obj-domain-${i}`, `domain · ${x.baseType}`))
  o.types.forEach((x, i) => push('y', qualifiedName(x), `obj-type-${i}`, 'composite type'))
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

function lines(s: string): string {
  const n = s.trimEnd().split('\n').length
  return `${n} line${n === 1 ? '' : 's'}`
}
