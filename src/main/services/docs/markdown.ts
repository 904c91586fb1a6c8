import type { LintFinding } from '../../../shared/contract/docs'
import { foreignKeyColumns, primaryKeyColumns, qualifiedName, type TableModel } from '../../../shared/schema-model'
import { domainChecks } from './diff'
import { docObjects, partitionsOf, viewReads } from './doc-objects'
import { kindLabel, type Description, type DocSite } from './doc-site'
import { mermaidEr, mermaidNeighbourhood } from './mermaid'

/** Above this many tables the index page links the SVG instead of inlining a Mermaid diagram GitHub cannot lay out. */
export const INDEX_MERMAID_MAX_TABLES = 60
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
    const kind = t.partitionOf ? `partition of ${cell(qualifiedName({ schema: t.partitionOf.schema, name: t.partitionOf.table }))}` : t.partitioning ? `partitioned ${kindLabel(t)}` : kindLabel(t)
    out.push(`| [${cell(qualifiedName(t))}](${link(site.slug(t) + '.md')}) | ${kind} | ${t.columns.length} | ${describeCell(site.tableDescription(t))} |`)
  }
  out.push('')

  out.push(...objectSections(site))

  out.push('## Relations', '')
  if (site.tables.length <= INDEX_MERMAID_MAX_TABLES) out.push('```mermaid', mermaidEr(site, site.tables, { columns: false }).trimEnd(), '```', '')
  if (opts.svgFile) out.push(`![ER diagram](${link(opts.svgFile)})`, '')

  out.push(...lintSection(lint))
  return out.join('\n').trimEnd() + '\n'
}

/** Enums, domains, composite types, sequences, routines (with their source) and objects that could not be read. */
export function objectSections(site: DocSite): string[] {
  const objects = docObjects(site)
  const out: string[] = []
  if (objects.enums.length) {
    out.push('## Enums', '', '| Name | Values |', '|---|---|')
    for (const e of objects.enums) out.push(`| ${cell(qualifiedName(e))} | ${cell(e.values.join(', '))} |`)
    out.push('')
  }
  if (objects.domains.length) {
    out.push('## Domains', '', '| Name | Base type | Nullable | Default | Check |', '|---|---|---|---|---|')
    for (const d of objects.domains) {
      const checks = d.checks?.length ? d.checks.map((c) => `${code(c.name)}: ${code(c.expression)}`).join('<br>') : domainChecks(d).map(code).join('<br>')
      const base = d.collation ? `${code(d.baseType)} collate ${code(d.collation)}` : code(d.baseType)
      out.push(`| ${cell(qualifiedName(d))} | ${base} | ${d.nullable === false ? 'no' : d.nullable ? 'yes' : ''} | ${d.default ? code(d.default) : ''} | ${checks} |`)
    }
    out.push('')
  }
  if (objects.types.length) {
    out.push('## Composite types', '', '| Name | Attributes |', '|---|---|')
    for (const t of objects.types) out.push(`| ${cell(qualifiedName(t))} | ${t.attributes.map((a) => code(`${a.name} ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}`)).join('<br>')} |`)
    out.push('')
  }
  if (objects.sequences.length) {
    const full = objects.sequences.some((q) => q.start != null || q.increment != null || q.ownedBy)
    if (full) {
      out.push('## Sequences', '', '| Name | Type | Start | Increment | Min | Max | Cache | Cycle | Owned by |', '|---|---|---|---|---|---|---|---|---|')
      for (const q of objects.sequences)
        out.push(
          `| ${cell(qualifiedName(q))} | ${q.dataType ? code(q.dataType) : ''} | ${cell(q.start ?? '')} | ${cell(q.increment ?? '')} | ${cell(q.min ?? '')} | ${cell(q.max ?? '')} | ${cell(q.cache ?? '')} | ${q.cycle ? 'yes' : q.cycle === false ? 'no' : ''} | ${cell(q.ownedBy ?? '')} |`
        )
    } else {
      out.push('## Sequences', '', '| Name | Type |', '|---|---|')
      for (const q of objects.sequences) out.push(`| ${cell(qualifiedName(q))} | ${q.dataType ? code(q.dataType) : ''} |`)
    }
    out.push('')
  }
  if (objects.routines.length) {
    out.push('## Routines', '', '| Name | Kind | Signature | Returns | Language |', '|---|---|---|---|---|')
    for (const r of objects.routines) out.push(`| ${cell(qualifiedName(r))} | ${r.kind} | ${code(r.signature)} | ${r.returns ? code(r.returns) : ''} | ${cell(r.language ?? '')} |`)
    out.push('')
    for (const r of objects.routines) {
      if (!r.definition && !r.comment) continue
      out.push(`### ${text(qualifiedName({ schema: r.schema, name: r.signature || r.name }))}`, '')
      if (r.comment) out.push(text(r.comment), '')
      if (r.definition) out.push(...fence('sql', r.definition), '')
    }
  }
  if (objects.errors?.length) {
    out.push('## Objects that could not be read', '', '| Kind | Name | Error |', '|---|---|---|')
    for (const e of objects.errors) out.push(`| ${cell(e.kind)} | ${cell(qualifiedName(e))} | ${cell(e.message)} |`)
    out.push('')
  }
  return out
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
  const parent = t.partitionOf ? site.byName.get(qualifiedName({ schema: t.partitionOf.schema, name: t.partitionOf.table })) : undefined
  const parentName = t.partitionOf ? qualifiedName({ schema: t.partitionOf.schema, name: t.partitionOf.table }) : ''
  const partitionOf = t.partitionOf ? ` · partition of ${parent ? `[${cell(parentName)}](${link(site.slug(parent) + '.md')})` : cell(parentName)} ${code(t.partitionOf.bound)}` : ''
  const out: string[] = [`# ${text(name)}`, '', `[← Index](README.md) · ${kindLabel(t)}${partitionOf}${t.rowEstimate != null && t.rowEstimate > 0 ? ` · about ${t.rowEstimate} rows` : ''}`, '']
  out.push(...descriptionBlock(site.tableDescription(t)))

  const pk = primaryKeyColumns(t)
  const fkCols = foreignKeyColumns(t)
  const collations = t.columns.some((c) => c.collation)
  const classified = site.classified ? ' Classification |' : ''
  out.push('## Columns', '', `| Name | Type | Nullable | Default |${collations ? ' Collation |' : ''} Key | Comment |${classified}`, `|---|---|---|---|${collations ? '---|' : ''}---|---|${classified ? '---|' : ''}`)
  for (const c of t.columns) {
    const keys = [pk.has(c.name) && 'PK', fkCols.has(c.name) && 'FK', c.identity && 'identity'].filter(Boolean).join(', ')
    const def = [c.generated ? `generated: ${c.generated}` : (c.default ?? ''), c.onUpdate ? `on update ${c.onUpdate}` : ''].filter(Boolean).join('; ')
    out.push(`| ${cell(c.name)} | ${code(c.type)} | ${c.nullable ? 'yes' : 'no'} | ${def ? code(def) : ''} |${collations ? ` ${c.collation ? code(c.collation) : ''} |` : ''} ${keys} | ${describeCell(site.columnDescription(t, c))} |${classified ? ` ${cell(site.classification(t, c) ?? '')} |` : ''}`)
  }
  out.push('')

  if (t.partitioning) {
    out.push('## Partitions', '', `Partitioned by ${code(`${t.partitioning.strategy} (${t.partitioning.key})`)}.`, '')
    const parts = partitionsOf(site, t)
    if (parts.length) {
      out.push('| Partition | Bound |', '|---|---|')
      for (const p of parts) out.push(`| ${p.table ? `[${cell(qualifiedName(p.table))}](${link(site.slug(p.table) + '.md')})` : cell(p.name)} | ${p.bound ? code(p.bound) : ''} |`)
      out.push('')
    }
  }

  if (t.options && Object.keys(t.options).length) {
    out.push('## Options', '', '| Option | Value |', '|---|---|')
    for (const [k, v] of Object.entries(t.options).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out.push(`| ${cell(k)} | ${code(v)} |`)
    out.push('')
  }

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
    for (const c of t.constraints) {
      const deferrable = c.deferrable ? ` (${c.initiallyDeferred ? 'deferrable, initially deferred' : 'deferrable'})` : ''
      out.push(`| ${cell(c.name)} | ${c.kind}${deferrable} | ${c.expression ? code(c.expression) : cell((c.columns ?? []).join(', '))} |`)
    }
    out.push('')
  }

  if (t.triggers.length) {
    const fn = t.triggers.some((x) => x.function || x.enabled === false)
    out.push('## Triggers', '', `| Name | Timing | Events |${fn ? ' Function | Enabled |' : ''}`, `|---|---|---|${fn ? '---|---|' : ''}`)
    for (const tr of t.triggers)
      out.push(`| ${cell(tr.name)} | ${cell(tr.timing ?? '')} | ${cell((tr.events ?? []).join(', '))} |${fn ? ` ${tr.function ? code(tr.function) : ''} | ${tr.enabled === false ? 'no' : 'yes'} |` : ''}`)
    out.push('')
    for (const tr of t.triggers.filter((x) => x.definition)) out.push(`### ${text(tr.name)}`, '', ...fence('sql', tr.definition ?? ''), '')
  }

  if (t.kind !== 'table') {
    const reads = viewReads(site, t)
    if (reads?.length) {
      out.push('## Reads', '')
      for (const r of reads) {
        const target = site.byName.get(r)
        out.push(`- ${target ? `[${cell(r)}](${link(site.slug(target) + '.md')})` : cell(r)}`)
      }
      out.push('')
    }
  }

  if (t.definition) out.push('## Definition', '', ...fence('sql', t.definition), '')

  // the neighbourhood diagram caps a hub's neighbours itself (with a "+N more" box), so every table gets one
  out.push('## Relations', '', ...fence('mermaid', mermaidNeighbourhood(site, t).trimEnd()), '')
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
