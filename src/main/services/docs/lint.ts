import type { LintFinding, LintRule } from '../../../shared/contract/docs'
import { qualifiedName, type ColumnModel, type IndexModel, type TableModel } from '../../../shared/schema-model'
import { yieldIfDue } from '../statements/split-bounded'
import type { DocSite } from './doc-site'
import { globToRegExp } from './filter'
import type { LintConfig, RuleSetting } from './lint-config'

export type Severity = LintFinding['severity']
export type SeveritySetting = Severity | 'off'

export interface RuleInfo {
  id: LintRule
  severity: SeveritySetting
  description: string
}

/** Every rule with its default severity. `off` rules run only when a config turns them on. */
export const LINT_RULES: readonly RuleInfo[] = [
  { id: 'no-primary-key', severity: 'error', description: 'A table has no primary key.' },
  { id: 'unindexed-foreign-key', severity: 'warning', description: 'No index starts with the columns of a foreign key.' },
  { id: 'duplicate-index', severity: 'warning', description: 'Two indexes (or keys) cover the same columns, in the same order, with the same method, collation and predicate.' },
  { id: 'redundant-index', severity: 'warning', description: 'A non-unique index is a leading prefix of another index or key.' },
  { id: 'duplicate-foreign-key', severity: 'warning', description: 'Two foreign keys link the same columns to the same target.' },
  { id: 'foreign-key-type-mismatch', severity: 'error', description: 'A foreign-key column has a different type than the column it references.' },
  { id: 'nullable-foreign-key', severity: 'info', description: 'A foreign-key column is nullable.' },
  { id: 'missing-table-comment', severity: 'info', description: 'A table or view has neither a comment nor a note.' },
  { id: 'missing-column-comment', severity: 'off', description: 'Columns have neither a comment nor a note.' },
  { id: 'table-naming', severity: 'warning', description: 'A table name does not match the naming pattern (default snake_case).' },
  { id: 'column-naming', severity: 'warning', description: 'A column name does not match the naming pattern (default snake_case).' },
  { id: 'reserved-word', severity: 'warning', description: 'A table or column is named with an SQL reserved word and needs quoting everywhere.' },
  { id: 'too-many-columns', severity: 'warning', description: 'A table has more columns than the limit (default 50).' },
  { id: 'too-many-indexes', severity: 'warning', description: 'A table has more indexes than the limit (default 10).' },
  { id: 'no-relations', severity: 'info', description: 'A table neither references nor is referenced by another table.' },
  { id: 'varchar-without-length', severity: 'info', description: 'A varchar column has no length limit.' },
  { id: 'boolean-name-not-boolean', severity: 'info', description: 'A column named like a flag (is_…, has_…) is not a boolean.' },
  { id: 'object-error', severity: 'error', description: 'An object could not be read by the introspector.' }
]

export const DEFAULT_NAMING = '^[a-z_][a-z0-9_]*$'
const DEFAULT_MAX: Partial<Record<LintRule, number>> = { 'too-many-columns': 50, 'too-many-indexes': 10 }

/** Reserved in SQL:2016 and in at least one of PostgreSQL, MySQL/MariaDB, SQLite and SQL Server. */
const RESERVED = new Set(
  (
    'add all alter and any as asc between both by case cast check collate column constraint create cross current_date current_time ' +
    'current_timestamp current_user default delete desc distinct drop else end except exists false fetch for foreign from full grant ' +
    'group having in index inner insert intersect into is join key leading left like limit natural not null offset on or order outer ' +
    'primary references right select session_user set table then to trailing true union unique update user using values when where window with'
  ).split(' ')
)

interface Resolved {
  severity: SeveritySetting
  max?: number
  exclude: RegExp[]
}

/**
 * tbls-style checks, configured by a LintConfig (see lint-config.ts). A user note counts as documentation for the
 * comment rules (the point is that a reader learns what the table is); an AI description does not.
 */
export function lintSchema(site: DocSite, config: LintConfig = {}): LintFinding[] {
  const run = lintRun(site, config)
  for (const t of site.tables) run.table(t)
  return run.finish()
}

/** lintSchema with the same findings, yielding to the event loop between slices of tables (big schemas). */
export async function lintSchemaSliced(site: DocSite, config: LintConfig = {}): Promise<LintFinding[]> {
  const run = lintRun(site, config)
  let since = performance.now()
  for (const t of site.tables) {
    run.table(t)
    since = await yieldIfDue(since)
  }
  return run.finish()
}

function lintRun(site: DocSite, config: LintConfig): { table(t: TableModel): void; finish(): LintFinding[] } {
  const rules = new Map<LintRule, Resolved>(LINT_RULES.map((r) => [r.id, resolve(r, config.rules?.[r.id])]))
  const globalExclude = (config.exclude ?? []).map(globToRegExp)
  const tableRe = new RegExp(config.naming?.table ?? DEFAULT_NAMING)
  const columnRe = new RegExp(config.naming?.column ?? DEFAULT_NAMING)
  const findings: LintFinding[] = []

  const lintTable = (t: TableModel): void => {
    const table = qualifiedName(t)
    if (matches(globalExclude, t)) return
    const add = (rule: LintRule, message: string, columns?: string[]) => {
      const r = rules.get(rule)!
      if (r.severity === 'off' || matches(r.exclude, t)) return
      findings.push({ rule, severity: r.severity, table, ...(columns ? { columns } : {}), message })
    }
    const on = (rule: LintRule) => rules.get(rule)!.severity !== 'off'
    const isPartition = !!t.partitionOf

    if (!isPartition) {
      const desc = site.tableDescription(t)
      if (!desc.comment && !desc.note) add('missing-table-comment', `${table} has no comment.`)
    }
    if (!tableRe.test(t.name)) add('table-naming', `Table name "${t.name}" does not match ${tableRe.source}.`)
    if (RESERVED.has(t.name.toLowerCase())) add('reserved-word', `Table name "${t.name}" is an SQL reserved word.`)
    const badNames = t.columns.filter((c) => !columnRe.test(c.name)).map((c) => c.name)
    if (badNames.length) add('column-naming', `Columns of ${table} do not match ${columnRe.source}: ${badNames.join(', ')}.`, badNames)
    const reserved = t.columns.filter((c) => RESERVED.has(c.name.toLowerCase())).map((c) => c.name)
    if (reserved.length) add('reserved-word', `Columns of ${table} are SQL reserved words: ${reserved.join(', ')}.`, reserved)
    if (t.kind !== 'table') return

    // A partition shares its parent's keys and indexes (the model lists them once, on the parent), so the
    // parent's count for it; a partition without a parent in the model is checked on its own.
    const parent = t.partitionOf ? site.model.tables.find((x) => x.schema === t.partitionOf!.schema && x.name === t.partitionOf!.table) : undefined
    if (!parent && !t.primaryKey?.columns.length) add('no-primary-key', `${table} has no primary key.`)

    if (on('missing-column-comment')) {
      const undocumented = t.columns.filter((c) => {
        const d = site.columnDescription(t, c)
        return !d.comment && !d.note
      })
      if (undocumented.length)
        add(
          'missing-column-comment',
          `${undocumented.length} of ${t.columns.length} columns of ${table} have no comment: ${undocumented.map((c) => c.name).join(', ')}.`,
          undocumented.map((c) => c.name)
        )
    }

    const maxColumns = rules.get('too-many-columns')!.max ?? DEFAULT_MAX['too-many-columns']!
    if (t.columns.length > maxColumns) add('too-many-columns', `${table} has ${t.columns.length} columns (limit ${maxColumns}).`)
    const maxIndexes = rules.get('too-many-indexes')!.max ?? DEFAULT_MAX['too-many-indexes']!
    if (t.indexes.length > maxIndexes) add('too-many-indexes', `${table} has ${t.indexes.length} indexes (limit ${maxIndexes}).`)

    const seenFks = new Map<string, string>()
    // Keys marked inheritedFrom are copies (a partition's copy of its parent's key, or a partition's key listed on the
    // parent): the table that defines the key is checked, once.
    for (const fk of t.foreignKeys.filter((f) => !f.inheritedFrom)) {
      const label = `${fk.name ? fk.name + ' ' : ''}(${fk.columns.join(', ')})`
      if (!isIndexed(t, fk.columns) && !(parent && isIndexed(parent, fk.columns)))
        add('unindexed-foreign-key', `Foreign key ${label} on ${table} has no index starting with its columns; deletes and joins on the referenced table scan ${table}.`, fk.columns)
      const nullable = t.columns.filter((c) => fk.columns.includes(c.name) && c.nullable).map((c) => c.name)
      if (nullable.length) add('nullable-foreign-key', `Foreign key ${label} on ${table} is nullable (${nullable.join(', ')}).`, nullable)
      const key = JSON.stringify([fk.columns, fk.refSchema, fk.refTable, fk.refColumns])
      const first = seenFks.get(key)
      if (first !== undefined) add('duplicate-foreign-key', `Foreign keys ${first} and ${fk.name} on ${table} link (${fk.columns.join(', ')}) to the same target.`, fk.columns)
      else seenFks.set(key, fk.name)
      const target = site.byName.get(qualifiedName({ schema: fk.refSchema, name: fk.refTable }))
      if (target) {
        const mismatched = fk.columns.flatMap((c, i) => {
          const from = t.columns.find((x) => x.name === c)
          const to = target.columns.find((x) => x.name === fk.refColumns[i])
          return from && to && comparableType(from.type) !== comparableType(to.type) ? [`${c} ${from.type} → ${fk.refColumns[i]} ${to.type}`] : []
        })
        if (mismatched.length) add('foreign-key-type-mismatch', `Foreign key ${label} on ${table} joins different types: ${mismatched.join('; ')}.`, fk.columns)
      }
    }

    if (!isPartition && !t.foreignKeys.length && !site.incoming(t).length) add('no-relations', `${table} has no foreign keys and no table references it.`)

    for (const [a, b] of duplicateIndexes(t)) add('duplicate-index', `Indexes ${a.name} and ${b.name} on ${table} cover the same columns (${a.columns.join(', ')}).`, a.columns)
    for (const [a, b] of redundantIndexes(t)) add('redundant-index', `Index ${a.name} on ${table} (${a.columns.join(', ')}) is a prefix of ${b.name} (${b.columns.join(', ')}).`, a.columns)

    const unbounded = t.columns.filter((c) => /^(character varying|varchar|nvarchar)$/i.test(c.type.trim())).map((c) => c.name)
    if (unbounded.length) add('varchar-without-length', `Columns of ${table} are varchar without a length: ${unbounded.join(', ')}.`, unbounded)
    const flags = t.columns.filter((c) => /^(is|has|can|should|was|allow)_/i.test(c.name) && !isBooleanType(c)).map((c) => c.name)
    if (flags.length) add('boolean-name-not-boolean', `Columns of ${table} are named like flags but are not boolean: ${flags.join(', ')}.`, flags)
  }

  const finish = (): LintFinding[] => {
    const errorRule = rules.get('object-error')!
    if (errorRule.severity !== 'off')
      for (const e of site.model.errors ?? []) {
        const name = qualifiedName(e)
        if (errorRule.exclude.some((re) => re.test(name) || re.test(e.name)) || globalExclude.some((re) => re.test(name) || re.test(e.name))) continue
        findings.push({ rule: 'object-error', severity: errorRule.severity, table: name, message: `The ${e.kind} ${name} could not be read: ${e.message}` })
      }
    return findings
  }
  return { table: lintTable, finish }
}

function resolve(rule: RuleInfo, setting: RuleSetting | undefined): Resolved {
  if (setting === undefined) return { severity: rule.severity, exclude: [] }
  if (typeof setting === 'string') return { severity: setting, exclude: [] }
  // An object without a severity turns an `off` rule on at warning.
  return { severity: setting.severity ?? (rule.severity === 'off' ? 'warning' : rule.severity), max: setting.max, exclude: (setting.exclude ?? []).map(globToRegExp) }
}

function matches(res: RegExp[], t: TableModel): boolean {
  if (!res.length) return false
  const q = qualifiedName(t)
  return res.some((re) => re.test(q) || re.test(t.name))
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 }

/** True when some finding is at `level` or worse (`--fail-on`). */
export function failsAt(findings: LintFinding[], level: Severity): boolean {
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[level])
}

/** `Lint: 1 error, 3 warnings, 2 info (no-primary-key 1, …)` */
export function lintSummary(findings: LintFinding[]): string {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`
  const counts = new Map<string, number>()
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1)
  const byRule = [...counts].map(([r, k]) => `${r} ${k}`).join(', ')
  return `Lint: ${plural(n('error'), 'error')}, ${plural(n('warning'), 'warning')}, ${n('info')} info${byRule ? ` (${byRule})` : ''}`
}

/** Type text for comparing the two ends of a foreign key: case, MySQL integer display widths and spacing ignored. */
function comparableType(type: string): string {
  return type
    .toLowerCase()
    .replace(/\b(tinyint|smallint|mediumint|int|integer|bigint)\s*\(\d+\)/g, '$1')
    .replace(/\binteger\b/g, 'int')
    .replace(/\s+/g, ' ')
    .trim()
}

function isBooleanType(c: ColumnModel): boolean {
  return /^(boolean|bool|bit|bit\(1\)|tinyint\(1\))$/i.test(c.type.trim())
}

interface KeyedList {
  name: string
  /** Columns as printed (direction and collation kept). */
  columns: string[]
  predicate: string | null
  method: string
  unique: boolean
}

/**
 * Index-like column lists of a table: its indexes plus the primary key and unique constraints (introspectors list
 * the indexes backing those as keys/constraints, not as indexes).
 */
function keyedColumnLists(t: TableModel): KeyedList[] {
  const out: KeyedList[] = t.indexes.map((i: IndexModel) => ({
    name: i.name,
    columns: i.columns.map((c) => c.replace(/\s+ASC$/i, '')),
    predicate: i.predicate ?? null,
    method: (i.method ?? '').toLowerCase() || 'btree',
    unique: i.unique || !!i.primary
  }))
  const pkName = t.primaryKey?.name ?? 'primary key'
  if (t.primaryKey?.columns.length && !out.some((i) => i.name === pkName)) out.unshift({ name: pkName, columns: t.primaryKey.columns, predicate: null, method: 'btree', unique: true })
  for (const c of t.constraints)
    if (c.kind === 'unique' && c.columns?.length && !out.some((i) => i.name === c.name)) out.push({ name: c.name, columns: c.columns, predicate: null, method: 'btree', unique: true })
  return out
}

/** For "is this foreign key indexed": direction and MySQL prefix lengths do not matter. */
const bare = (c: string) => c.replace(/\s+(ASC|DESC)$/i, '').replace(/\(\d+\)$/, '')

function isIndexed(t: TableModel, cols: string[]): boolean {
  // Some index must start with the FK's columns (in any order among those leading positions).
  return keyedColumnLists(t).some((ix) => {
    const lead = ix.columns.slice(0, cols.length).map(bare)
    return !ix.predicate && ix.columns.length >= cols.length && cols.every((c) => lead.includes(c))
  })
}

/**
 * Identity of an index for duplicates: its columns as printed, collation included (`name COLLATE "C"` differs from
 * `name`), its method and predicate. A one-column index reads both ways, so its direction does not count.
 */
function identity(i: KeyedList): string[] {
  return i.columns.length === 1 ? [i.columns[0].replace(/\s+DESC$/i, '')] : i.columns
}

function duplicateIndexes(t: TableModel): [KeyedList, KeyedList][] {
  const seen = new Map<string, KeyedList>()
  const dups: [KeyedList, KeyedList][] = []
  for (const i of keyedColumnLists(t)) {
    const key = JSON.stringify([identity(i), i.predicate, i.method])
    const first = seen.get(key)
    if (first) dups.push([first, i])
    else seen.set(key, i)
  }
  return dups
}

/** A non-unique b-tree index whose columns are a strict leading prefix of another b-tree index without predicate. */
function redundantIndexes(t: TableModel): [KeyedList, KeyedList][] {
  const lists = keyedColumnLists(t)
  const out: [KeyedList, KeyedList][] = []
  for (const a of lists) {
    if (a.unique || a.predicate || a.method !== 'btree') continue
    // A one-column index is read both ways, so its direction does not count.
    const same = (x: string, y: string) => (a.columns.length === 1 ? x.replace(/\s+DESC$/i, '') === y.replace(/\s+DESC$/i, '') : x === y)
    const wider = lists.find((b) => b !== a && !b.predicate && b.method === 'btree' && b.columns.length > a.columns.length && a.columns.every((c, k) => same(c, b.columns[k])))
    if (wider) out.push([a, wider])
  }
  return out
}
