import type { LintFinding } from '../../../shared/contract/docs'
import { qualifiedName, type IndexModel, type TableModel } from '../../../shared/schema-model'
import type { DocSite } from './doc-site'

/**
 * tbls-style checks. A user note counts as documentation for the comment rules (the point is that a reader
 * learns what the table is); an AI description does not.
 */
export function lintSchema(site: DocSite): LintFinding[] {
  const findings: LintFinding[] = []
  for (const t of site.tables) {
    const table = qualifiedName(t)
    const desc = site.tableDescription(t)
    if (!desc.comment && !desc.note) findings.push({ rule: 'missing-table-comment', severity: 'info', table, message: `${table} has no comment.` })
    if (t.kind !== 'table') continue

    if (!t.primaryKey?.columns.length) findings.push({ rule: 'no-primary-key', severity: 'error', table, message: `${table} has no primary key.` })

    const undocumented = t.columns.filter((c) => {
      const d = site.columnDescription(t, c)
      return !d.comment && !d.note
    })
    if (undocumented.length)
      findings.push({
        rule: 'missing-column-comment',
        severity: 'info',
        table,
        columns: undocumented.map((c) => c.name),
        message: `${undocumented.length} of ${t.columns.length} columns of ${table} have no comment: ${undocumented.map((c) => c.name).join(', ')}.`
      })

    for (const fk of t.foreignKeys) {
      const label = `${fk.name ? fk.name + ' ' : ''}(${fk.columns.join(', ')})`
      if (!isIndexed(t, fk.columns))
        findings.push({
          rule: 'unindexed-foreign-key',
          severity: 'warning',
          table,
          columns: fk.columns,
          message: `Foreign key ${label} on ${table} has no index starting with its columns; deletes and joins on the referenced table scan ${table}.`
        })
      const nullable = t.columns.filter((c) => fk.columns.includes(c.name) && c.nullable).map((c) => c.name)
      if (nullable.length)
        findings.push({ rule: 'nullable-foreign-key', severity: 'info', table, columns: nullable, message: `Foreign key ${label} on ${table} is nullable (${nullable.join(', ')}).` })
    }

    for (const [a, b] of duplicateIndexes(t))
      findings.push({
        rule: 'duplicate-index',
        severity: 'warning',
        table,
        columns: a.columns,
        message: `Indexes ${a.name} and ${b.name} on ${table} cover the same columns (${a.columns.join(', ')}).`
      })
  }
  return findings
}

/**
 * Index-like column lists of a table: its indexes plus the primary key and unique constraints (introspectors list
 * the indexes backing those as keys/constraints, not as indexes). ` DESC` and MySQL prefix lengths are dropped.
 */
function keyedColumnLists(t: TableModel): { name: string; columns: string[]; predicate: string | null; method: string }[] {
  const clean = (c: string) => c.replace(/\s+(ASC|DESC)$/i, '').replace(/\(\d+\)$/, '')
  const out = t.indexes.map((i: IndexModel) => ({ name: i.name, columns: i.columns.map(clean), predicate: i.predicate ?? null, method: (i.method ?? '').toLowerCase() }))
  const pkName = t.primaryKey?.name ?? 'primary key'
  if (t.primaryKey?.columns.length && !out.some((i) => i.name === pkName)) out.unshift({ name: pkName, columns: t.primaryKey.columns, predicate: null, method: '' })
  for (const c of t.constraints)
    if (c.kind === 'unique' && c.columns?.length && !out.some((i) => i.name === c.name)) out.push({ name: c.name, columns: c.columns, predicate: null, method: '' })
  return out
}

function isIndexed(t: TableModel, cols: string[]): boolean {
  // Some index must start with the FK's columns (in any order among those leading positions).
  return keyedColumnLists(t).some((ix) => !ix.predicate && ix.columns.length >= cols.length && cols.every((c) => ix.columns.slice(0, cols.length).includes(c)))
}

function duplicateIndexes(t: TableModel): [{ name: string; columns: string[] }, { name: string; columns: string[] }][] {
  const seen = new Map<string, { name: string; columns: string[] }>()
  const dups: [{ name: string; columns: string[] }, { name: string; columns: string[] }][] = []
  for (const i of keyedColumnLists(t)) {
    // Keys and constraints are b-trees everywhere; an unnamed method counts as b-tree.
    const key = JSON.stringify([i.columns, i.predicate, i.method === '' ? 'btree' : i.method])
    const first = seen.get(key)
    if (first) dups.push([first, i])
    else seen.set(key, i)
  }
  return dups
}
