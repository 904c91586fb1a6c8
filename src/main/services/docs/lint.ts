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

function isIndexed(t: TableModel, cols: string[]): boolean {
  const candidates = [...t.indexes.filter((i) => !i.predicate).map((i) => i.columns), ...(t.primaryKey ? [t.primaryKey.columns] : [])]
  // The index must start with the FK's columns, in any order among those leading positions.
  return candidates.some((ix) => ix.length >= cols.length && cols.every((c) => ix.slice(0, cols.length).includes(c)))
}

function duplicateIndexes(t: TableModel): [IndexModel, IndexModel][] {
  const seen = new Map<string, IndexModel>()
  const dups: [IndexModel, IndexModel][] = []
  for (const i of t.indexes) {
    const key = JSON.stringify([i.columns, i.predicate ?? null, (i.method ?? '').toLowerCase()])
    const first = seen.get(key)
    if (first) dups.push([first, i])
    else seen.set(key, i)
  }
  return dups
}
