import type { LintFinding } from '../../../shared/contract/docs'
import { foreignKeyColumns, primaryKeyColumns, qualifiedName, type TableModel } from '../../../shared/schema-model'
import { kindLabel, neighbourhood, schemaObjects, type Description, type DocSite } from './doc-site'
import { mermaidEr, mermaidNeighbourhood } from './mermaid'

/** Above this many tables the index page links the SVG instead of inlining a Mermaid diagram GitHub cannot lay out. */
export const INDEX_MERMAID_MAX_TABLES = 60
/** A page's own Mermaid diagram stays well under GitHub's 50,000-character limit up to this many tables. */
export const NEIGHBOURHOOD_DIAGRAM_MAX = 400

export interface MarkdownFiles {
  /** File name → content; `README.md` is the index. */
  [file: string]: string
}

export function markdownSite(site: DocSite, lint: LintFinding[], opts: { svgFile?: string } = {}): MarkdownFiles {
  const files: MarkdownFiles = { 'README.md': markdownIndex(site, lint, opts) }
  for (const t of site.tables) files[`${site.slug(t)}.md`] = markdownTable(site, t)
  return files
}

export function markdownIndex(site: DocSite, lint: LintFinding[], opts: { svgFile?: string } = {}): string {
  const m = site.model
  const out: string[] = [`# ${text(site.title)}`, '']
  out.push(`| | |`, `|---|---|`, `| Database | ${cell(m.database)} |`, `| Engine | ${cell(m.dialect)} |`)
  out.push(`| Tables | ${site.tables.filter((t) => t.kind === 'table').length} |`, `| Views | ${site.tables.filter((t) => t.kind !== 'table').length} |`, '')

  out.push('## Tables', '', '| Name | Kind | Columns | Comment |', '|---|---|---|---|')
  for (const t of site.tables) {
    out.push(`| [${cell(qualifiedName(t))}](${link(site.slug(t) + '.md')}) | ${kindLabel(t)} | ${t.columns.length} | ${describeCell(site.tableDescription(t))} |`)
  }
  out.push('')

  const objects = schemaObjects(site)
  if (objects.enums.length) {
    out.push('## Enums', '', '| Name | Values |', '|---|---|')
    for (const e of objects.enums) out.push(`| ${cell(qualifiedName(e))} | ${cell(e.values.join(', '))} |`)
    out.push('')
  }
  if (objects.domains.length) {
    out.push('## Domains', '', '| Name | Base type | Check |', '|---|---|---|')
    for (const d of objects.domains) out.push(`| ${cell(qualifiedName(d))} | ${code(d.baseType)} | ${d.check ? code(d.check) : ''} |`)
    out.push('')
  }
  if (objects.routines.length) {
    out.push('## Routines', '', '| Name | Kind | Signature | Returns |', '|---|---|---|---|')
    for (const r of objects.routines) out.push(`| ${cell(qualifiedName(r))} | ${r.kind} | ${code(r.signature)} | ${r.returns ? code(r.returns) : ''} |`)
    out.push('')
  }
  if (objects.sequences.length) {
    out.push('## Sequences', '', '| Name | Type |', '|---|---|')
    for (const q of objects.sequences) out.push(`| ${cell(qualifiedName(q))} | ${q.dataType ? code(q.dataType) : ''} |`)
    out.push('')
  }

  out.push('## Relations', '')
  if (site.tables.length <= INDEX_MERMAID_MAX_TABLES) out.push('```mermaid', mermaidEr(site, site.tables, { columns: false }).trimEnd(), '```', '')
  if (opts.svgFile) out.push(`![ER diagram](${link(opts.svgFile)})`, '')

  out.push(...lintSection(lint))
  return out.join('\n').trimEnd() + '\n'
}

export function lintSection(lint: LintFinding[]): string[] {
  const out = ['## Lint', '']
  if (!lint.length) return [...out, 'No findings.', '']
  const counts = new Map<string, number>()
  for (const f of lint) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1)
  out.push('| Rule | Findings |', '|---|---|', ...[...counts].map(([r, n]) => `| ${r} | ${n} |`), '')
  out.push('| Severity | Rule | Table | Finding |', '|---|---|---|---|')
  for (const f of lint) out.push(`| ${f.severity} | ${f.rule} | ${cell(f.table)} | ${cell(f.message)} |`)
  out.push('')
  return out
}

export function markdownTable(site: DocSite, t: TableModel): string {
  const name = qualifiedName(t)
  const out: string[] = [`# ${text(name)}`, '', `[← Index](README.md) · ${kindLabel(t)}${t.rowEstimate != null && t.rowEstimate > 0 ? ` · about ${t.rowEstimate} rows` : ''}`, '']
  out.push(...descriptionBlock(site.tableDescription(t)))

  const pk = primaryKeyColumns(t)
  const fkCols = foreignKeyColumns(t)
  out.push('## Columns', '', '| Name | Type | Nullable | Default | Key | Comment |', '|---|---|---|---|---|---|')
  for (const c of t.columns) {
    const keys = [pk.has(c.name) && 'PK', fkCols.has(c.name) && 'FK', c.identity && 'identity'].filter(Boolean).join(', ')
    const def = c.generated ? `generated: ${c.generated}` : (c.default ?? '')
    out.push(`| ${cell(c.name)} | ${code(c.type)} | ${c.nullable ? 'yes' : 'no'} | ${def ? code(def) : ''} | ${keys} | ${describeCell(site.columnDescription(t, c))} |`)
  }
  out.push('')

  if (t.primaryKey?.columns.length) out.push('## Primary key', '', `${t.primaryKey.name ? code(t.primaryKey.name) + ': ' : ''}${t.primaryKey.columns.map(code).join(', ')}`, '')

  if (t.foreignKeys.length) {
    out.push('## Foreign keys', '', '| Name | Columns | References | On delete | On update |', '|---|---|---|---|---|')
    for (const fk of t.foreignKeys) {
      const target = site.target(fk)
      const refName = qualifiedName({ schema: fk.refSchema, name: fk.refTable })
      const ref = target ? `[${cell(refName)}](${link(site.slug(target) + '.md')})` : cell(refName)
      out.push(`| ${cell(fk.name)} | ${cell(fk.columns.join(', '))} | ${ref} (${cell(fk.refColumns.join(', '))}) | ${cell(fk.onDelete ?? '')} | ${cell(fk.onUpdate ?? '')} |`)
    }
    out.push('')
  }

  const incoming = site.incoming(t)
  if (incoming.length) {
    out.push('## Referenced by', '', '| Table | Columns | Foreign key |', '|---|---|---|')
    for (const r of incoming) out.push(`| [${cell(qualifiedName(r.from))}](${link(site.slug(r.from) + '.md')}) | ${cell(r.fk.columns.join(', '))} | ${cell(r.fk.name)} |`)
    out.push('')
  }

  if (t.indexes.length) {
    out.push('## Indexes', '', '| Name | Columns | Unique | Method | Predicate |', '|---|---|---|---|---|')
    for (const i of t.indexes) out.push(`| ${cell(i.name)}${i.primary ? ' (primary)' : ''} | ${cell(i.columns.join(', '))} | ${i.unique ? 'yes' : 'no'} | ${cell(i.method ?? '')} | ${i.predicate ? code(i.predicate) : ''} |`)
    out.push('')
  }

  if (t.constraints.length) {
    out.push('## Constraints', '', '| Name | Kind | Definition |', '|---|---|---|')
    for (const c of t.constraints) out.push(`| ${cell(c.name)} | ${c.kind} | ${c.expression ? code(c.expression) : cell((c.columns ?? []).join(', '))} |`)
    out.push('')
  }

  if (t.triggers.length) {
    out.push('## Triggers', '', '| Name | Timing | Events |', '|---|---|---|')
    for (const tr of t.triggers) out.push(`| ${cell(tr.name)} | ${cell(tr.timing ?? '')} | ${cell((tr.events ?? []).join(', '))} |`)
    out.push('')
    for (const tr of t.triggers.filter((x) => x.definition)) out.push(`### ${text(tr.name)}`, '', ...fence('sql', tr.definition ?? ''), '')
  }

  if (t.definition) out.push('## Definition', '', ...fence('sql', t.definition), '')

  const near = neighbourhood(site, t).length
  if (near > NEIGHBOURHOOD_DIAGRAM_MAX) out.push('## Relations', '', `${near - 1} tables are related to this one: too many for a diagram here; see the index's ER diagram.`, '')
  else out.push('## Relations', '', ...fence('mermaid', mermaidNeighbourhood(site, t).trimEnd()), '')
  return out.join('\n').trimEnd() + '\n'
}

function descriptionBlock(d: Description): string[] {
  const out: string[] = []
  if (d.comment) out.push(text(d.comment), '')
  if (d.note) out.push(...quoteBlock(`**Note:** ${text(d.note)}`), '')
  if (d.ai && !d.comment) out.push(...quoteBlock(`**AI-generated description:** ${text(d.ai)}`), '')
  return out
}

/** A table cell: the real comment, then the user's note; AI text only where no comment exists, marked. */
function describeCell(d: Description): string {
  const parts: string[] = []
  if (d.comment) parts.push(cell(d.comment))
  else if (d.ai) parts.push(`*AI:* ${cell(d.ai)}`)
  if (d.note) parts.push(`**Note:** ${cell(d.note)}`)
  return parts.join('<br>')
}

function quoteBlock(s: string): string[] {
  return s.split('\n').map((l) => `> ${l}`)
}

function fence(lang: string, body: string): string[] {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((m) => m.length))
  const ticks = '`'.repeat(longest + 1)
  return [`${ticks}${lang}`, body.trimEnd(), ticks]
}

/** Text outside tables: keep Markdown from interpreting HTML. */
function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function cell(s: string): string {
  return text(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')
}

function code(s: string): string {
  if (!s) return ''
  // Inside a table a code span still ends the cell at `|`; HTML <code> with entities is the portable form.
  return `<code>${cell(s).replace(/`/g, '&#96;')}</code>`
}

function link(file: string): string {
  return encodeURI(file).replace(/\(/g, '%28').replace(/\)/g, '%29')
}
