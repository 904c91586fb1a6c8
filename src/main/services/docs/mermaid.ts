import { foreignKeyColumns, primaryKeyColumns, qualifiedName, type ForeignKeyModel, type TableModel } from '../../../shared/schema-model'
import { neighbourhood, type DocSite } from './doc-site'

/**
 * Mermaid `erDiagram` text. Mermaid's attribute grammar only takes word-like types and names, so they are
 * squeezed into tokens here (`character varying(20)` → `character_varying(20)`); the originals stay in the docs.
 */
export function mermaidEr(site: DocSite, tables: TableModel[] = site.tables, opts: { columns?: boolean } = {}): string {
  const withColumns = opts.columns ?? true
  const included = new Set(tables)
  const relations: string[] = []
  const related = new Set<TableModel>()
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const target = site.target(fk)
      if (!target || !included.has(target)) continue
      relations.push(`  ${relationship(t, fk, target)}`)
      related.add(t).add(target)
    }
  }
  const lines = ['erDiagram']
  // Without columns, a relationship declares its entities; only unrelated tables need their own block.
  for (const t of tables) if (withColumns || !related.has(t)) lines.push(...entity(t, withColumns))
  return [...lines, ...relations].join('\n') + '\n'
}

/**
 * Past this many tables a page's diagram drops the column lists: GitHub renders Mermaid up to 50,000 characters
 * (Mermaid's default maxTextSize), and a hub table's neighbourhood with every column would pass that.
 */
export const NEIGHBOURHOOD_COLUMNS_MAX = 25

/** The table plus everything one foreign key away, for a table's own page. */
export function mermaidNeighbourhood(site: DocSite, t: TableModel): string {
  const near = neighbourhood(site, t)
  return mermaidEr(site, near, { columns: near.length <= NEIGHBOURHOOD_COLUMNS_MAX })
}

function entity(t: TableModel, withColumns: boolean): string[] {
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
