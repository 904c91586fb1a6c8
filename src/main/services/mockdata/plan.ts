import type { Dialect } from '../../../shared/cells'
import type { MockOverride, MockPlan, MockTable, MockTablePlan } from '../../../shared/contract/mockdata'
import { AppError } from '../../../shared/errors'
import { qualifiedName, type ColumnModel, type ForeignKeyModel, type SchemaModel, type TableModel } from '../../../shared/schema-model'
import { qualifiedIdentifier } from '../../../shared/sql-identifiers'
import { readCheck, type ColumnOrder, type ColumnRule } from './checks'
import { columnSpec, describe, type ColumnSpec, type Spec } from './column-spec'
import { fillOrder, refKey } from './order'
import { patternSpace } from './values'

/** Values of a parent's referenced columns, one tuple per row (chosen tables: the rows written; others: rows read). */
export interface Pool {
  columns: string[]
  tuples: (string | null)[][]
}

export interface ColumnJob {
  name: string
  spec: ColumnSpec
  /** 0–1; 0 for NOT NULL. */
  nullShare: number
  unique: boolean
  description: string
  overridden: boolean
}

export interface ForeignKeyJob {
  name: string
  /** Indexes into the table's written columns. */
  columns: number[]
  parent: string
  refColumns: string[]
  /** Each parent row at most once (the key's columns are unique in the child). */
  distinct: boolean
  nullable: boolean
  /** A self reference: a row points at an earlier row (a tree). */
  self: boolean
}

export interface TableJob {
  key: string
  table: TableModel
  /** The table in SQL, quoted as the engine needs. */
  sqlName: string
  rows: number
  /** Written columns, in table order. */
  columns: ColumnJob[]
  foreignKeys: ForeignKeyJob[]
  /** Cut to break a cycle: NULL on insert, filled by UPDATEs after every table is written. */
  deferred: ForeignKeyJob[]
  /** Sets of column indexes whose values must not repeat (primary key, unique constraints and indexes). */
  uniqueKeys: number[][]
  /** The primary key's column indexes (the second pass names rows by it). */
  primaryKey: number[]
  /** Column pairs a CHECK orders (`cost <= price`): the row's two values are swapped when they come out the other way. */
  orders: { low: number; high: number; strict: boolean }[]
  /** Columns of this table that children reference: kept for their pools. */
  referenced: string[]
  plan: MockTablePlan
}

export interface PlanContext {
  model: SchemaModel
  dialect: Dialect
  tables: MockTable[]
  rowsPerTable: number
  overrides: MockOverride[]
  /** The largest value already in each chosen table's integer key column (sequences start after it), by table key. */
  maxKeys: Map<string, bigint>
  /** Rows of parents outside the chosen tables, by table key. */
  external: Map<string, Pool>
}

const DEFAULT_NULL_SHARE = 0.1

export function findTable(model: SchemaModel, ref: { schema?: string; name: string }): TableModel | undefined {
  const schema = ref.schema || model.defaultSchema
  return (
    model.tables.find((t) => t.name === ref.name && t.schema === schema) ??
    model.tables.find((t) => t.name === ref.name && (!ref.schema || t.schema === ref.schema)) ??
    model.tables.find((t) => t.name.toLowerCase() === ref.name.toLowerCase() && (!ref.schema || t.schema.toLowerCase() === ref.schema.toLowerCase()))
  )
}

/** The chosen tables from the model, or NOT_FOUND naming the missing one; views are refused. */
export function chosenTables(model: SchemaModel, tables: MockTable[]): TableModel[] {
  return tables.map((ref) => {
    const t = findTable(model, ref)
    if (!t) throw new AppError('NOT_FOUND', `No table ${ref.schema ? `${ref.schema}.` : ''}${ref.name}`)
    if (t.kind !== 'table') throw new AppError('INVALID_INPUT', `${qualifiedName(t)} is a ${t.kind.replace('_', ' ')}: only tables can be filled`)
    return t
  })
}

/** Integer primary-key columns that a sequence fills (one column, an integer type). */
export function sequenceColumn(t: TableModel): ColumnModel | undefined {
  const pk = t.primaryKey?.columns ?? []
  if (pk.length !== 1) return undefined
  const c = t.columns.find((x) => x.name === pk[0])
  return c && /int|serial|^number$/i.test(c.type) && !/point|interval/i.test(c.type) ? c : undefined
}

function overrideSpec(base: ColumnSpec, o: NonNullable<MockOverride['generator']>, where: string): Spec {
  switch (o.kind) {
    case 'constant':
      return { kind: 'constant', value: o.value }
    case 'list':
      return { kind: 'enum', values: o.values }
    case 'pattern':
      return { kind: 'pattern', pattern: o.pattern }
    case 'range': {
      const s = base.spec
      if (s.kind === 'int' || s.kind === 'decimal' || s.kind === 'float' || s.kind === 'sequence') {
        const [min, max] = [Number(o.min), Number(o.max)]
        if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) throw new AppError('INVALID_INPUT', `${where}: the range ${o.min}–${o.max} is not two numbers, low first`)
        if (s.kind === 'decimal') return { ...s, min, max }
        if (s.kind === 'float') return { ...s, min, max }
        return { kind: 'int', min: Math.ceil(min), max: Math.floor(max) }
      }
      if (s.kind === 'date' || s.kind === 'timestamp') {
        const [from, to] = [Date.parse(`${o.min.replace(' ', 'T')}${o.min.length <= 10 ? 'T00:00:00Z' : 'Z'}`), Date.parse(`${o.max.replace(' ', 'T')}${o.max.length <= 10 ? 'T23:59:59Z' : 'Z'}`)]
        if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) throw new AppError('INVALID_INPUT', `${where}: the range ${o.min}–${o.max} is not two dates, earliest first`)
        return { ...s, from, to }
      }
      throw new AppError('INVALID_INPUT', `${where}: a range needs a number or date column`)
    }
  }
}

/** The columns' check rules merged over every understood CHECK; each check listed with whether it is understood. */
function checkRules(t: TableModel): { rules: Map<string, ColumnRule>; orders: ColumnOrder[]; checks: MockTablePlan['checks'] } {
  const rules = new Map<string, ColumnRule>()
  const orders: ColumnOrder[] = []
  const checks: MockTablePlan['checks'] = []
  for (const c of t.constraints.filter((x) => x.kind === 'check' && x.expression)) {
    const read = readCheck(c.expression!)
    orders.push(...read.orders)
    checks.push({ name: c.name, expression: c.expression!, understood: read.understood })
    for (const [col, r] of read.rules) {
      const had = rules.get(col) ?? {}
      rules.set(col, {
        ...had,
        ...r,
        ...(had.min !== undefined && r.min !== undefined ? { min: Math.max(had.min, r.min) } : {}),
        ...(had.max !== undefined && r.max !== undefined ? { max: Math.min(had.max, r.max) } : {})
      })
    }
  }
  return { rules, orders, checks }
}

/** A column of a domain type as its base type, with the domain's checks (`VALUE > 0`) read as the column's. */
function throughDomain(model: SchemaModel, c: ColumnModel, rule: ColumnRule | undefined): { column: ColumnModel; rule: ColumnRule | undefined } {
  const bare = c.type.replace(/"/g, '').toLowerCase()
  const d = model.domains.find((x) => x.name.toLowerCase() === bare || `${x.schema}.${x.name}`.toLowerCase() === bare)
  if (!d) return { column: c, rule }
  let merged = rule
  for (const check of d.checks ?? (d.check ? [{ name: d.name, expression: d.check }] : [])) {
    const read = readCheck(check.expression.replace(/\bVALUE\b/gi, 'value'))
    const r = read.rules.get('value')
    if (r) merged = { ...merged, ...r }
  }
  return { column: { ...c, type: d.baseType, nullable: c.nullable && d.nullable !== false }, rule: merged }
}

function uniqueSets(t: TableModel): string[][] {
  const sets: string[][] = []
  if (t.primaryKey?.columns.length) sets.push(t.primaryKey.columns)
  for (const c of t.constraints) if (c.kind === 'unique' && c.columns?.length) sets.push(c.columns)
  for (const i of t.indexes) if (i.unique && !i.predicate && i.columns.every((c) => t.columns.some((x) => x.name === c))) sets.push(i.columns)
  return sets
}

/** Builds every table's job: order, columns with their generators, keys, and the plan the user sees. */
export function buildJobs(ctx: PlanContext): { jobs: TableJob[]; plan: MockPlan } {
  const chosen = chosenTables(ctx.model, ctx.tables)
  const rowsOf = new Map(chosen.map((t, i) => [qualifiedName(t), ctx.tables[i]!.rows ?? ctx.rowsPerTable]))
  const { order, deferred, impossible } = fillOrder(chosen)
  const byKey = new Map(chosen.map((t) => [qualifiedName(t), t]))
  const warnings: string[] = []
  // columns each table's children reference
  const referenced = new Map<string, Set<string>>()
  for (const t of chosen) {
    for (const fk of t.foreignKeys) {
      const set = referenced.get(refKey(fk)) ?? new Set()
      fk.refColumns.forEach((c) => set.add(c))
      referenced.set(refKey(fk), set)
    }
  }
  const isDeferred = (t: TableModel, fk: ForeignKeyModel) => deferred.some((d) => d.table === qualifiedName(t) && d.fk === fk.name)
  const jobs: TableJob[] = []
  const skipped = new Set<string>()
  for (const key of [...order, ...impossible.keys()]) {
    const t = byKey.get(key)!
    const tableWarnings: string[] = []
    let skip = impossible.get(key)
    const { rules, orders, checks } = checkRules(t)
    for (const c of checks.filter((x) => !x.understood)) tableWarnings.push(`CHECK ${c.name} (${c.expression}) not understood; rows that violate it are rejected and counted`)
    const uniques = uniqueSets(t)
    const uniqueCols = new Set(uniques.filter((u) => u.length === 1).map((u) => u[0]!))
    const fkCols = new Set(t.foreignKeys.flatMap((fk) => fk.columns))
    const seqCol = sequenceColumn(t)
    const childRefs = referenced.get(key) ?? new Set()
    const hasDeferred = t.foreignKeys.some((fk) => isDeferred(t, fk))
    const columns: ColumnJob[] = []
    const rowCount = rowsOf.get(key)!
    for (const c of t.columns) {
      const where = `${key}.${c.name}`
      if (c.generated) continue
      // a generated key nobody references is left to the database (its sequence stays right)
      const autoKey = (c.identity || /nextval\(|autoincrement/i.test(c.default ?? '')) && c === seqCol
      if (c.identityGeneration === 'always' || (autoKey && !childRefs.size && !hasDeferred)) continue
      const o = ctx.overrides.find((x) => x.table === t.name && (!x.schema || x.schema === t.schema) && x.column === c.name)
      const { column, rule } = throughDomain(ctx.model, c, rules.get(c.name.toLowerCase()))
      let spec = columnSpec(column, t.name, ctx.model.enums, rule)
      let description: string
      if (c === seqCol && !fkCols.has(c.name) && !o?.generator) {
        const start = (ctx.maxKeys.get(key) ?? 0n) + 1n
        spec = { ...spec, spec: { kind: 'sequence', start }, unsupported: undefined }
        // SQLite's rowid and MariaDB's AUTO_INCREMENT move past explicit values; a sequence does not
        if (/nextval\(/i.test(c.default ?? '') || c.identityGeneration) tableWarnings.push(`${c.name}: values given from ${start} because other rows reference them; its sequence is not moved past them`)
      }
      if (o?.generator) spec = { ...spec, spec: overrideSpec(spec, o.generator, where), unsupported: undefined }
      if (fkCols.has(c.name) && !o?.generator) {
        const fk = t.foreignKeys.find((x) => x.columns.includes(c.name))!
        const target = `foreign key → ${refKey(fk)}(${fk.refColumns.join(', ')})`
        description = isDeferred(t, fk) ? `${target}, filled after (breaks a cycle)` : refKey(fk) === key ? `${target}, an earlier row` : target
        if (refKey(fk) === key && !c.nullable) skip ??= `${c.name} references the table itself and is NOT NULL: the first row would have no parent`
        spec = { ...spec, unsupported: undefined }
      } else description = describe(spec.spec)
      if (spec.unsupported) {
        if (c.nullable) tableWarnings.push(`${c.name}: ${spec.unsupported}; left NULL`)
        else if (c.default != null) {
          tableWarnings.push(`${c.name}: ${spec.unsupported}; left to its default`)
          continue
        } else skip ??= `${c.name}: ${spec.unsupported}, and it is NOT NULL without a default`
      }
      const unique = uniqueCols.has(c.name)
      if (unique && spec.spec.kind === 'constant' && rowCount > 1) skip ??= `${c.name} is unique but its override is a constant`
      if (unique && spec.spec.kind === 'pattern' && patternSpace(spec.spec.pattern) < rowCount) tableWarnings.push(`${c.name}: the pattern ${spec.spec.pattern} has only ${patternSpace(spec.spec.pattern)} values; fewer rows are made`)
      const nullShare = !c.nullable || unique ? 0 : (o?.nullShare ?? (spec.unsupported ? 1 : DEFAULT_NULL_SHARE))
      if (unique && description !== 'NULL' && !description.startsWith('sequence')) description += ' (unique)'
      if (nullShare > 0 && nullShare < 1) description += `, ${Math.round(nullShare * 100)}% NULL`
      columns.push({ name: c.name, spec, nullShare, unique, description, overridden: !!o })
    }
    const index = (name: string) => columns.findIndex((c) => c.name === name)
    const fkJob = (fk: ForeignKeyModel): ForeignKeyJob => ({
      name: fk.name,
      columns: fk.columns.map(index),
      parent: refKey(fk),
      refColumns: fk.refColumns,
      distinct: uniques.some((u) => u.every((c) => fk.columns.includes(c))),
      nullable: fk.columns.every((c) => t.columns.find((x) => x.name === c)?.nullable !== false),
      self: refKey(fk) === key
    })
    const overriddenFk = (fk: ForeignKeyModel) => fk.columns.some((c) => columns[index(c)]?.overridden && ctx.overrides.some((o) => o.table === t.name && o.column === c && o.generator))
    const fks = t.foreignKeys.filter((fk) => fk.columns.every((c) => index(c) >= 0) && !overriddenFk(fk)).map(fkJob)
    const later = fks.filter((f) => deferred.some((d) => d.table === key && d.fk === f.name))
    const now = fks.filter((f) => !later.includes(f))
    for (const f of now) {
      const parentChosen = byKey.has(f.parent)
      if (parentChosen && (skipped.has(f.parent) || impossible.has(f.parent))) {
        if (!f.nullable) skip ??= `its parent ${f.parent} cannot be filled`
      }
      if (!parentChosen && !ctx.external.get(f.parent)?.tuples.length) {
        if (f.nullable) tableWarnings.push(`${f.parent} has no rows: ${t.foreignKeys.find((x) => x.name === f.name)!.columns.join(', ')} left NULL`)
        else skip ??= `its parent ${f.parent} is not chosen and has no rows`
      }
    }
    const primaryKey = (t.primaryKey?.columns ?? []).map(index)
    if (later.length && (primaryKey.length === 0 || primaryKey.some((i) => i < 0))) {
      tableWarnings.push(`no primary key to name rows by: ${later.map((f) => t.foreignKeys.find((x) => x.name === f.name)!.columns.join(', ')).join('; ')} stay NULL`)
      later.length = 0
    }
    const uniqueKeys = uniques.map((u) => u.map(index)).filter((u) => u.every((i) => i >= 0))
    const byLower = (name: string) => columns.findIndex((c) => c.name.toLowerCase() === name)
    const pairs = orders.map((o) => ({ low: byLower(o.low), high: byLower(o.high), strict: o.strict })).filter((o) => o.low >= 0 && o.high >= 0 && !fkCols.has(columns[o.low]!.name) && !fkCols.has(columns[o.high]!.name))
    if (skip) skipped.add(key)
    const deferredCols = new Set(later.flatMap((f) => f.columns))
    jobs.push({
      key,
      table: t,
      sqlName: qualifiedIdentifier(ctx.dialect, t.name, t.schema && t.schema !== ctx.model.defaultSchema ? t.schema : null),
      rows: skip ? 0 : rowCount,
      columns,
      foreignKeys: now,
      deferred: later,
      uniqueKeys,
      primaryKey,
      orders: pairs,
      referenced: [...new Set([...childRefs, ...(later.length ? (t.primaryKey?.columns ?? []) : [])])],
      plan: {
        schema: t.schema,
        name: t.name,
        rows: skip ? 0 : rowCount,
        columns: t.columns.map((c) => {
          const job = columns.find((x) => x.name === c.name)
          return {
            name: c.name,
            type: c.type,
            generator: job?.description ?? (c.generated ? 'omitted: computed by the database' : 'omitted: generated by the database'),
            nullable: c.nullable,
            omitted: !job,
            overridden: !!job?.overridden,
            deferred: deferredCols.has(columns.indexOf(job!))
          }
        }),
        checks,
        warnings: tableWarnings,
        ...(skip ? { skipped: skip } : {})
      }
    })
  }
  for (const d of deferred) warnings.push(`The cycle is broken at ${d.table} (${byKey.get(d.table)!.foreignKeys.find((f) => f.name === d.fk)!.columns.join(', ')}): NULL on insert, filled by UPDATEs once every table is written`)
  for (const [k, why] of impossible) warnings.push(`${k} cannot be filled: ${why}`)
  return { jobs, plan: { tables: jobs.map((j) => j.plan), warnings } }
}
