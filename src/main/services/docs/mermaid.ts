import { foreignKeyColumns, primaryKeyColumns, qualifiedName, type ForeignKeyModel, type TableModel } from '../../../shared/schema-model'
import { diagramNeighbourhood, type DocSite, type ErDistance } from './doc-site'

/**
 * Mermaid `erDiagram` text. Mermaid's attribute grammar only takes word-like types and names, so they are
 * squeezed into tokens here (`character varying(20)` → `character_varying(20)`); the originals stay in the docs.
 */
export function mermaidEr(
  site: DocSite,
  tables: TableModel[] = site.tables,
  opts: { columns?: boolean; outside?: boolean; direction?: 'LR'; more?: number; /** Only key columns on tables other than this one. */ keysExcept?: TableModel } = {}
): string {
  const withColumns = opts.columns ?? true
  const included = new Set(tables)
  const relations: string[] = []
  const related = new Set<TableModel>()
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const target = site.target(fk)
      // `outside`: a part of a split diagram still shows its relations to other parts (as bare boxes).
      if (!target || (!included.has(target) && !opts.outside)) continue
      relations.push(`  ${relationship(t, fk, target)}`)
      related.add(t).add(target)
    }
  }
  const lines = ['erDiagram']
  if (opts.direction) lines.push(`  direction ${opts.direction}`)
  // Without columns, a relationship declares its entities; only unrelated tables need their own block.
  for (const t of tables) if (withColumns || !related.has(t)) lines.push(...entity(t, withColumns, !!opts.keysExcept && t !== opts.keysExcept))
  if (opts.more) lines.push(`  "+${opts.more} more related tables (listed in the page's tables)" {`, '  }')
  return [...lines, ...relations].join('\n') + '\n'
}

/** Mermaid's default maxTextSize, and GitHub's limit: longer diagrams are not rendered at all. */
export const MERMAID_MAX_CHARS = 50_000

/**
 * Past this many tables a page's diagram drops the column lists: GitHub renders Mermaid up to 50,000 characters
 * (Mermaid's default maxTextSize), and a hub table's neighbourhood with every column would pass that.
 */
export const NEIGHBOURHOOD_COLUMNS_MAX = 25
/** Neighbours drawn in a page's Mermaid diagram at most; the rest are counted in a "+N more" box. */
export const MERMAID_NEIGHBOURS_MAX = 16
/** From this many neighbours on the diagram runs left to right: Mermaid puts a hub's children in one rank, a tall column reads, a 5,000 px row shrinks to a strip. */
const LEFT_TO_RIGHT_FROM = 6

/** The table plus everything within the site's ER distance (1 or 2 hops), capped, for a table's own page. */
export function mermaidNeighbourhood(site: DocSite, t: TableModel, opts: { distance?: ErDistance } = {}): string {
  const near = diagramNeighbourhood(site, t, { distance: opts.distance, max: MERMAID_NEIGHBOURS_MAX })
  const hub = near.tables.length - 1 >= LEFT_TO_RIGHT_FROM
  // A hub's neighbours by their keys only (the relation is the point; their own pages list every column).
  const base = { direction: hub ? ('LR' as const) : undefined, more: near.hidden, keysExcept: hub ? t : undefined }
  const full = mermaidEr(site, near.tables, { ...base, columns: near.tables.length <= NEIGHBOURHOOD_COLUMNS_MAX })
  return full.length <= MERMAID_MAX_CHARS ? full : mermaidEr(site, near.tables, { ...base, columns: false })
}

export interface MermaidOutput {
  /** File name → diagram text; every text is at most MERMAID_MAX_CHARS long. */
  files: Map<string, string>
  /** Set when the schema was split: a Markdown paragraph naming the parts, for the README. */
  note?: string
}

/**
 * `schema.mmd`, or, when that would pass 50,000 characters, one file per schema (`schema.<schema>.mmd`), a
 * big schema cut further into `schema.<schema>.<n>.mmd` and, as a last resort, parts without column lists.
 * Parts keep their relations to other parts, drawn as bare boxes.
 */
export function mermaidFiles(site: DocSite): MermaidOutput {
  const whole = mermaidEr(site)
  if (whole.length <= MERMAID_MAX_CHARS) return { files: new Map([['schema.mmd', whole]]) }
  const files = new Map<string, string>()
  const bySchema = new Map<string, TableModel[]>()
  for (const t of site.tables) bySchema.set(t.schema, [...(bySchema.get(t.schema) ?? []), t])
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '_') || '_'
  const taken = new Set<string>()
  const unique = (name: string) => {
    let out = name
    for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${name}_${i}`
    taken.add(out.toLowerCase())
    return out
  }
  const rows: string[] = []
  for (const [schema, tables] of bySchema) {
    const base = unique(`schema.${safe(schema || 'tables')}`)
    const parts = splitToFit(site, tables)
    parts.forEach((p, i) => {
      const name = parts.length === 1 ? `${base}.mmd` : `${base}.${i + 1}.mmd`
      files.set(name, p.text)
      rows.push(`| [${name}](${name}) | ${schema || '(none)'} | ${p.tables.length} | ${p.columns ? 'yes' : 'no'} |`)
    })
  }
  const note = [
    `The whole-schema Mermaid diagram would be ${whole.length.toLocaleString('en-US')} characters, more than Mermaid and GitHub render (${MERMAID_MAX_CHARS.toLocaleString('en-US')}), so it is split by schema into the files below. Each part also shows its relations to tables in other parts, as boxes without columns.`,
    '',
    '| File | Schema | Tables | Columns |',
    '|---|---|---|---|',
    ...rows
  ].join('\n')
  return { files, note }
}

function splitToFit(site: DocSite, tables: TableModel[]): { text: string; tables: TableModel[]; columns: boolean }[] {
  const text = mermaidEr(site, tables, { outside: true })
  if (text.length <= MERMAID_MAX_CHARS) return [{ text, tables, columns: true }]
  if (tables.length === 1) {
    const bare = mermaidEr(site, tables, { outside: true, columns: false })
    // One table whose relations alone pass the limit: its own box, relations dropped.
    return [{ text: bare.length <= MERMAID_MAX_CHARS ? bare : mermaidEr(site, tables, { columns: false }), tables, columns: false }]
  }
  const half = Math.ceil(tables.length / 2)
  return [...splitToFit(site, tables.slice(0, half)), ...splitToFit(site, tables.slice(half))]
}

function entity(t: TableModel, withColumns: boolean, keysOnly = false): string[] {
  const name = entityName(t)
  if (!withColumns || !t.columns.length) return [`  ${name} {`, '  }']
  const pk = primaryKeyColumns(t)
  const fkCols = foreignKeyColumns(t)
  const unique = new Set([
    ...t.indexes.filter((i) => i.unique && !i.primary && i.columns.length === 1).map((i) => i.columns[0]),
    ...t.constraints.filter((c) => c.kind === 'unique' && c.columns?.length === 1).map((c) => c.columns![0])
  ])
  const out = [`  ${name} {`]
  for (const c of t.columns) {
    if (keysOnly && !pk.has(c.name) && !fkCols.has(c.name)) continue
    const keys = [pk.has(c.name) && 'PK', fkCols.has(c.name) && 'FK', unique.has(c.name) && !pk.has(c.name) && 'UK'].filter(Boolean)
    const renamed = attributeName(c.name) !== c.name
    const comment = renamed ? `"${quoteText(c.name)}"` : ''
    out.push(`    ${attributeType(c.type)} ${attributeName(c.name)}${keys.length ? ' ' + keys.join(', ') : ''}${comment ? ' ' + comment : ''}`)
  }
  out.push('  }')
  return out
}

function relationship(child: TableModel, fk: ForeignKeyModel, parent: TableModel): string {
  const cols = child.columns.filter((c) => fk.columns.includes(c.name))
  const optional = cols.some((c) => c.nullable)
  const oneToOne =
    sameSet(child.primaryKey?.columns ?? [], fk.columns) ||
    child.indexes.some((i) => i.unique && sameSet(i.columns, fk.columns)) ||
    child.constraints.some((c) => c.kind === 'unique' && sameSet(c.columns ?? [], fk.columns))
  const pk = primaryKeyColumns(child)
  const identifying = fk.columns.every((c) => pk.has(c))
  const parentSide = optional ? '|o' : '||'
  const childSide = oneToOne ? 'o|' : 'o{'
  return `${entityName(parent)} ${parentSide}${identifying ? '--' : '..'}${childSide} ${entityName(child)} : "${quoteText(fk.name || fk.columns.join(', '))}"`
}

export function entityName(t: TableModel): string {
  return `"${quoteText(qualifiedName(t))}"`
}

const PLAIN_TOKEN = /^[A-Za-z_][A-Za-z0-9_]*$/

function attributeType(type: string): string {
  if (PLAIN_TOKEN.test(type)) return type
  const token = (type || 'unknown').trim().replace(/\s+/g, '_').replace(/[^\p{L}\p{N}_()[\],.*-]/gu, '_')
  return /^[\p{L}_*]/u.test(token) ? token : `_${token}`
}

function attributeName(name: string): string {
  if (PLAIN_TOKEN.test(name)) return name
  const token = name.replace(/[^\p{L}\p{N}_-]/gu, '_')
  return /^[\p{L}_]/u.test(token) ? token : `_${token}`
}

function quoteText(s: string): string {
  return s.replace(/"/g, "'").replace(/[\r\n]+/g, ' ')
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x))
}
