import { qualifiedName, type ColumnModel, type SchemaModel, type SchemaObjectRef, type TableModel } from '../../../../shared/schema-model'
import { engineFor, generateDdl, generateObjectDdl } from '../../engines'
import { makeContext, type DdlContext } from '../../schema/ddl/common'
import type { AlignedPair } from '../compare'
import type { MigrationDialect } from './dialect'
import { boundedCount } from './risk'

/** One statement; a destructive one says what it risks, `{count}` filled in from `count` when a session is at hand. */
export interface PlannedStep {
  sql: string
  summary: string
  risk?: string
  count?: { sql: string; unit: string }
}

export interface MigrationPlan {
  steps: PlannedStep[]
  warnings: string[]
}

/** A difference as `compareModels` reports it (the parts of the docs diff the planner reads). */
export interface ObjectChange {
  object: string
  name: string
  change: 'added' | 'removed' | 'changed'
  fields?: { field: string; before: string | null; after: string | null }[]
  parts?: { part: string; name: string; change: 'added' | 'removed' | 'changed' }[]
}

/** The phases a script runs in, so that nothing is created before what it needs or dropped before what needs it. */
interface Phases {
  dropViews: PlannedStep[]
  dropTriggers: PlannedStep[]
  dropForeignKeys: PlannedStep[]
  dropRoutines: PlannedStep[]
  createTypes: PlannedStep[]
  dropTables: PlannedStep[]
  alterTables: PlannedStep[]
  createTables: PlannedStep[]
  addForeignKeys: PlannedStep[]
  createRoutines: PlannedStep[]
  createTriggers: PlannedStep[]
  createViews: PlannedStep[]
  dropTypes: PlannedStep[]
}

/**
 * The ordered DDL that turns the left model into the right one (both aligned to the left's schema), from the
 * differences `compareModels` found: dependent views dropped before and recreated after the tables they read,
 * foreign keys dropped before their tables and added after every table exists, routines before the triggers and
 * views that call them; ALTER where the engine can, a table rebuild where it cannot.
 */
export function planMigration(pair: AlignedPair, objects: ObjectChange[], d: MigrationDialect): MigrationPlan {
  const { left, right } = pair
  const dialect = left.dialect
  const ctx = makeContext(dialect)
  const p: Phases = {
    dropViews: [],
    dropTriggers: [],
    dropForeignKeys: [],
    dropRoutines: [],
    createTypes: [],
    dropTables: [],
    alterTables: [],
    createTables: [],
    addForeignKeys: [],
    createRoutines: [],
    createTriggers: [],
    createViews: [],
    dropTypes: []
  }
  const warnings: string[] = []
  const step = (sql: string | null, summary: string, extra: Partial<PlannedStep> = {}): PlannedStep[] => (sql ? [{ sql, summary, ...extra }] : [])
  const leftTable = (name: string) => left.tables.find((t) => qualifiedName(t) === name)
  const rightTable = (name: string) => right.tables.find((t) => qualifiedName(t) === name)
  const triggerDdl = (model: SchemaModel, t: TableModel, name: string) =>
    generateObjectDdl(dialect, model, { kind: 'trigger', schema: t.schema, name, table: t.name })

  // --- tables (views are handled below, around everything else)
  const changedNames = new Set<string>()
  const addedTables: TableModel[] = []
  for (const o of objects) {
    const a = leftTable(o.name)
    const b = rightTable(o.name)
    if (a && b && a.kind !== b.kind) {
      warnings.push(`${o.name} is a ${a.kind.replace('_', ' ')} on the left and a ${b.kind.replace('_', ' ')} on the right: not migrated (drop it and compare again).`)
      continue
    }
    if (o.object !== 'table' || (a && a.kind !== 'table') || (b && b.kind !== 'table')) continue
    if (o.change === 'added') addedTables.push(b!)
    else if (o.change === 'removed') {
      changedNames.add(a!.name)
      // a partition goes before its parent (dropping the parent takes it along)
      if (a!.partitionOf && right.tables.every((t) => t.name !== a!.partitionOf!.table) && left.tables.some((t) => t.name === a!.partitionOf!.table)) continue
      for (const fk of a!.foreignKeys.filter((f) => !f.inheritedFrom)) p.dropForeignKeys.push(...step(d.dropForeignKey(a!, fk, ctx), `drop foreign key ${fk.name} of ${a!.name}`))
      p.dropTables.push(
        ...step(d.dropTable(a!, ctx), `drop table ${a!.name}`, { risk: `drops table ${a!.name} ({count})`, count: { sql: boundedCount(a!, ctx), unit: 'rows' } })
      )
    } else {
      changedNames.add(a!.name)
      const referencing = left.tables.filter((t) => t !== a && t.foreignKeys.some((fk) => fk.refTable === a!.name && fk.refSchema === a!.schema))
      if (d.referencedTablesFixed && referencing.length)
        warnings.push(`table ${a!.name} is referenced by the foreign keys of ${referencing.map((t) => t.name).join(', ')}: this engine cannot alter it, so the script will fail there (drop those keys' tables first).`)
      alterTable(a!, b!, o, d, ctx, p, warnings, right)
    }
  }
  // partitions after their parent; with inline keys, referenced tables first
  for (const t of creationOrder(addedTables, d.inlineForeignKeys)) {
    const body = d.inlineForeignKeys ? t : { ...t, foreignKeys: [] }
    p.createTables.push(...step(generateDdl(dialect, body, { includeTriggers: false }).trim(), `create table ${t.name}`))
    if (!d.inlineForeignKeys)
      for (const fk of t.foreignKeys.filter((f) => !f.inheritedFrom)) p.addForeignKeys.push(...step(d.addForeignKey(t, fk, ctx), `add foreign key ${fk.name} to ${t.name}`))
    for (const trigger of t.triggers) p.createTriggers.push(...step(triggerDdl(right, t, trigger.name)?.trim() ?? null, `create trigger ${trigger.name} on ${t.name}`))
  }

  // --- routines
  const routineRef = (r: SchemaModel['routines'][number]): SchemaObjectRef => ({ kind: 'routine', schema: r.schema, name: r.name, signature: r.signature })
  const routineKey = (r: SchemaModel['routines'][number]) => qualifiedName({ schema: r.schema, name: r.signature || r.name })
  for (const o of objects.filter((x) => x.object === 'routine')) {
    const a = left.routines.find((r) => routineKey(r) === o.name)
    const b = right.routines.find((r) => routineKey(r) === o.name)
    if (a) changedNames.add(a.name)
    if (a && (o.change === 'removed' || !d.replacesRoutines)) p.dropRoutines.push(...step(d.dropRoutine(a, ctx), `drop ${a.kind} ${a.signature}`))
    if (b) {
      const ddl = generateObjectDdl(dialect, right, routineRef(b))
      if (ddl) p.createRoutines.push({ sql: ddl.trim(), summary: `${o.change === 'added' ? 'create' : 'replace'} ${b.kind} ${b.signature}` })
      else warnings.push(`${b.kind} ${b.signature}: the model has no source for it; not created.`)
    }
  }

  // --- sequences, enums, domains, composite types
  for (const o of objects) {
    const kind = o.object
    if (kind !== 'sequence' && kind !== 'enum' && kind !== 'domain' && kind !== 'type') continue
    const list = (m: SchemaModel): { schema: string; name: string }[] =>
      kind === 'sequence' ? m.sequences : kind === 'enum' ? m.enums : kind === 'domain' ? m.domains : m.types ?? []
    const a = list(left).find((x) => qualifiedName(x) === o.name)
    const b = list(right).find((x) => qualifiedName(x) === o.name)
    // a sequence a column owns (serial) comes and goes with its column
    if ((a && 'ownedBy' in a && a.ownedBy) || (b && 'ownedBy' in b && b.ownedBy)) continue
    const create = (): PlannedStep[] => step(generateObjectDdl(dialect, right, { kind, schema: b!.schema, name: b!.name })?.trim() ?? null, `create ${kind} ${b!.name}`)
    const drop = (): string | null =>
      kind === 'sequence' ? d.dropSequence(a as SchemaModel['sequences'][number], ctx) : kind === 'domain' ? d.dropDomain?.(a as SchemaModel['domains'][number], ctx) ?? null : d.dropEnum?.(a as SchemaModel['enums'][number], ctx) ?? null
    if (o.change === 'added') p.createTypes.push(...create())
    else if (o.change === 'removed') p.dropTypes.push(...step(drop(), `drop ${kind} ${a!.name}`))
    else {
      const altered =
        kind === 'sequence'
          ? d.alterSequence?.(a as SchemaModel['sequences'][number], b as SchemaModel['sequences'][number], ctx)
          : kind === 'enum'
            ? d.alterEnum?.(a as SchemaModel['enums'][number], b as SchemaModel['enums'][number], ctx)
            : kind === 'domain'
              ? d.alterDomain?.(a as SchemaModel['domains'][number], b as SchemaModel['domains'][number], ctx)
              : null
      if (altered) for (const sql of altered) p.createTypes.push({ sql, summary: `alter ${kind} ${b!.name}` })
      else if (kind === 'sequence') {
        p.createTypes.push(...step(drop(), `drop sequence ${a!.name} (recreated: its next value restarts)`), ...create())
        warnings.push(`sequence ${b!.name} is dropped and created again: its next value starts over.`)
      } else warnings.push(`${kind} ${b!.name}: this change (${(o.fields ?? []).map((f) => f.field).join(', ')}) cannot be made in place; not migrated.`)
    }
  }

  // --- views: every view that reads something changed is dropped first and created again last
  planViews(left, right, objects, changedNames, d, ctx, p)

  const steps = [
    ...p.dropViews,
    ...p.dropTriggers,
    ...p.dropForeignKeys,
    ...p.dropRoutines,
    ...p.createTypes,
    ...p.dropTables,
    ...p.alterTables,
    ...p.createTables,
    ...p.addForeignKeys,
    ...p.createRoutines,
    ...p.createTriggers,
    ...p.createViews,
    ...p.dropTypes
  ]
  return { steps, warnings }
}

function alterTable(a: TableModel, b: TableModel, o: ObjectChange, d: MigrationDialect, ctx: DdlContext, p: Phases, warnings: string[], right: SchemaModel): void {
  const parts = o.parts ?? []
  const col = (t: TableModel, name: string) => t.columns.find((c) => c.name === name)!
  const of = (kind: string, change?: string) => parts.filter((x) => x.part === kind && (!change || x.change === change))
  const gone = (kind: string) => parts.filter((x) => x.part === kind && x.change !== 'added')
  const come = (kind: string) => parts.filter((x) => x.part === kind && x.change !== 'removed')
  const where = `${a.name}`
  // partitions follow their parent's columns and keys
  const inherited = !!a.partitionOf

  // Drops of indexes and constraints go before column changes (a column drop takes its indexes with it).
  const before: (PlannedStep | null)[] = []
  const after: (PlannedStep | null)[] = []
  const sql = (s: string | null, summary: string, extra: Partial<PlannedStep> = {}): PlannedStep | null => (s === null ? null : { sql: s, summary, ...extra })
  const ddl = engineFor(right.dialect).ddl
  for (const x of gone('index')) {
    const i = a.indexes.find((y) => y.name === x.name)!
    before.push(sql(d.dropIndex(a, i, ctx), `drop index ${i.name}`, i.unique ? { risk: `drops unique index ${i.name} on ${where}: duplicates become possible` } : {}))
  }
  for (const x of gone('constraint')) {
    const c = a.constraints.find((y) => y.name === x.name)!
    before.push(sql(d.dropConstraint(a, c, ctx), `drop constraint ${c.name}`, { risk: `drops ${c.kind} constraint ${c.name} on ${where}: rows it rejected become possible` }))
  }
  const pk = of('primary key')[0]
  if (pk && a.primaryKey?.columns.length) before.push(sql(d.dropPrimaryKey(a, ctx), `drop primary key of ${where}`, { risk: `drops the primary key of ${where}: duplicate keys become possible` }))
  if (!inherited) {
    for (const x of of('column', 'removed')) {
      const c = col(a, x.name)
      before.push(
        sql(d.dropColumn(a, c, ctx), `drop column ${where}.${c.name}`, {
          risk: `drops column ${where}.${c.name} ({count})`,
          count: { sql: boundedCount(a, ctx, `${ctx.q(c.name)} IS NOT NULL`), unit: 'non-null values' }
        })
      )
    }
    for (const x of of('column', 'added')) {
      const c = col(b, x.name)
      const risk = !c.nullable && !c.default && !c.identity && !c.generated ? { risk: `adds NOT NULL column ${where}.${c.name} without a default: fails if the table has rows ({count})`, count: { sql: boundedCount(a, ctx), unit: 'rows' } } : {}
      before.push(sql(d.addColumn(a, c, ctx), `add column ${where}.${c.name}`, risk))
    }
    for (const x of of('column', 'changed')) {
      const ca = col(a, x.name)
      const cb = col(b, x.name)
      const stmts = d.alterColumn(a, ca, cb, ctx)
      const risky = riskOfColumnChange(a, ca, cb, ctx)
      if (stmts === null) {
        // cannot be altered in place: dropped and added again (the engine rebuilds instead when it can)
        const drop = d.rebuildTable ? null : d.dropColumn(a, ca, ctx)
        const add = d.rebuildTable ? null : d.addColumn(a, cb, ctx)
        before.push(
          drop === null ? null : sql(drop, `drop column ${where}.${ca.name} (to add it again changed)`, { risk: `re-creates column ${where}.${ca.name}: its values are lost ({count})`, count: { sql: boundedCount(a, ctx, `${ctx.q(ca.name)} IS NOT NULL`), unit: 'non-null values' } }),
          add === null ? null : sql(add, `add column ${where}.${cb.name}`)
        )
      } else stmts.forEach((s, i) => before.push(sql(s, `alter column ${where}.${cb.name}`, i === 0 ? risky : {})))
    }
  }
  if (pk && b.primaryKey?.columns.length) after.push(sql(d.addPrimaryKey(b, ctx), `add primary key to ${where}`))
  for (const x of come('constraint')) {
    const c = b.constraints.find((y) => y.name === x.name)!
    after.push(sql(d.addConstraint(b, c, ctx), `add constraint ${c.name} to ${where}`))
  }
  for (const x of come('index')) {
    const i = b.indexes.find((y) => y.name === x.name)!
    after.push(sql(ddl.createIndex(i, b, ctx), `create index ${i.name}`))
  }
  const fkDrops = gone('foreign key').map((x) => {
    const fk = a.foreignKeys.find((y) => y.name === x.name)!
    return sql(d.dropForeignKey(a, fk, ctx), `drop foreign key ${fk.name} of ${where}`)
  })
  const fkAdds = come('foreign key').map((x) => {
    const fk = b.foreignKeys.find((y) => y.name === x.name)!
    return sql(d.addForeignKey(b, fk, ctx), `add foreign key ${fk.name} to ${where}`)
  })
  const comment = (o.fields ?? []).some((f) => f.field === 'comment')
  const commentStep = comment ? sql(d.setTableComment?.(b, ctx) ?? null, `comment on ${where}`) : null
  for (const f of o.fields ?? []) if (f.field !== 'comment') warnings.push(`table ${where}: ${f.field} changed (${f.before ?? 'none'} → ${f.after ?? 'none'}); not migrated.`)
  for (const x of of('option')) warnings.push(`table ${where}: option ${x.name} changed; not migrated.`)

  const structural = [...before, ...after, ...fkDrops, ...fkAdds]
  const rebuild = structural.some((s) => s === null) || (comment && !commentStep && !!d.rebuildTable)
  if (rebuild && d.rebuildTable) {
    const dropped = of('column', 'removed').map((x) => x.name)
    p.alterTables.push(
      ...d.rebuildTable(a, b, ctx).map((s, i) => ({
        sql: s,
        summary: `rebuild table ${where} (step ${i + 1})`,
        ...(i === 0
          ? { risk: `rebuilds table ${where}, copying its rows ({count})${dropped.length ? `; drops column${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')}` : ''}`, count: { sql: boundedCount(a, ctx), unit: 'rows' } }
          : {})
      }))
    )
    // the rebuilt table has none of its triggers: all come back
    for (const t of a.triggers) if (!of('trigger').some((x) => x.name === t.name)) p.dropTriggers.push({ sql: d.dropTrigger(a, t, ctx), summary: `drop trigger ${t.name}` })
    for (const t of b.triggers) {
      const text = generateObjectDdl(right.dialect, right, { kind: 'trigger', schema: b.schema, name: t.name, table: b.name })
      if (text) p.createTriggers.push({ sql: text.trim(), summary: `create trigger ${t.name} on ${where}` })
    }
    for (const x of gone('trigger')) p.dropTriggers.push({ sql: d.dropTrigger(a, a.triggers.find((t) => t.name === x.name)!, ctx), summary: `drop trigger ${x.name}` })
    return
  }
  if (rebuild) warnings.push(`table ${where}: some changes cannot be made by this engine's ALTER TABLE; they are left out.`)
  p.alterTables.push(...(before.filter(Boolean) as PlannedStep[]), ...(after.filter(Boolean) as PlannedStep[]))
  if (commentStep) p.alterTables.push(commentStep)
  p.dropForeignKeys.push(...(fkDrops.filter(Boolean) as PlannedStep[]))
  p.addForeignKeys.push(...(fkAdds.filter(Boolean) as PlannedStep[]))
  for (const x of gone('trigger')) p.dropTriggers.push({ sql: d.dropTrigger(a, a.triggers.find((t) => t.name === x.name)!, ctx), summary: `drop trigger ${x.name}` })
  for (const x of come('trigger')) {
    const text = generateObjectDdl(right.dialect, right, { kind: 'trigger', schema: b.schema, name: x.name, table: b.name })
    if (text) p.createTriggers.push({ sql: text.trim(), summary: `create trigger ${x.name} on ${where}` })
    else warnings.push(`trigger ${x.name} on ${where}: the model has no source for it; not created.`)
  }
}

/** What a column change risks: NOT NULL on existing NULLs, a new type on existing values (both said when both). */
function riskOfColumnChange(t: TableModel, a: ColumnModel, b: ColumnModel, ctx: DdlContext): Partial<PlannedStep> {
  const notNull = a.nullable && !b.nullable
  const retyped = a.type !== b.type
  if (!notNull && !retyped) return {}
  const risks = [
    retyped ? `changes the type of ${t.name}.${b.name} from ${a.type} to ${b.type}: values may be truncated or fail to convert` : '',
    notNull ? `makes ${t.name}.${b.name} NOT NULL: fails on its NULL values` : ''
  ].filter(Boolean)
  return {
    risk: `${risks.join('; ')} ({count})`,
    count: notNull ? { sql: boundedCount(t, ctx, `${ctx.q(b.name)} IS NULL`), unit: 'NULL values' } : { sql: boundedCount(t, ctx, `${ctx.q(b.name)} IS NOT NULL`), unit: 'non-null values' }
  }
}

function creationOrder(tables: TableModel[], byForeignKeys: boolean): TableModel[] {
  const byName = new Map(tables.map((t) => [t.name, t]))
  const done = new Set<string>()
  const out: TableModel[] = []
  const visit = (t: TableModel): void => {
    if (done.has(t.name)) return
    done.add(t.name)
    const parent = t.partitionOf && byName.get(t.partitionOf.table)
    if (parent) visit(parent)
    if (byForeignKeys)
      for (const fk of t.foreignKeys) {
        const ref = byName.get(fk.refTable)
        if (ref) visit(ref)
      }
    out.push(t)
  }
  tables.forEach(visit)
  return out
}

/** Whether a view's text names `name` as a whole word (quoted or not). */
const reads = (view: TableModel, name: string): boolean =>
  new RegExp(`(^|[^A-Za-z0-9_$])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_$])`, 'i').test(view.definition ?? '')

function planViews(left: SchemaModel, right: SchemaModel, objects: ObjectChange[], changed: Set<string>, d: MigrationDialect, ctx: DdlContext, p: Phases): void {
  const isView = (t: TableModel) => t.kind !== 'table'
  const kindChanged = (name: string) => {
    const a = left.tables.find((t) => qualifiedName(t) === name)
    const b = right.tables.find((t) => qualifiedName(t) === name)
    return !!a && !!b && a.kind !== b.kind
  }
  const changedViews = new Set(objects.filter((o) => o.change !== 'added' && !kindChanged(o.name)).map((o) => o.name))
  const drop = new Set(left.tables.filter((t) => isView(t) && changedViews.has(qualifiedName(t))).map((t) => t.name))
  // every view that reads a changed table, routine or dropped view goes too, transitively
  for (let grew = true; grew; ) {
    grew = false
    for (const v of left.tables.filter(isView)) {
      if (drop.has(v.name)) continue
      if ([...changed, ...drop].some((n) => reads(v, n))) {
        drop.add(v.name)
        grew = true
      }
    }
  }
  const dropped = left.tables.filter((t) => isView(t) && drop.has(t.name))
  // dependents before what they read
  for (const v of order(dropped).reverse()) p.dropViews.push({ sql: d.dropView(v, ctx), summary: `drop ${v.kind.replace('_', ' ')} ${v.name}` })
  const added = new Set(objects.filter((o) => o.change === 'added').map((o) => o.name))
  const create = right.tables.filter((t) => isView(t) && !kindChanged(qualifiedName(t)) && (drop.has(t.name) || added.has(qualifiedName(t))))
  for (const v of order(create)) p.createViews.push({ sql: generateDdl(right.dialect, v).trim(), summary: `create ${v.kind.replace('_', ' ')} ${v.name}` })
}

/** Views after the views they read. */
function order(views: TableModel[]): TableModel[] {
  const out: TableModel[] = []
  const seen = new Set<string>()
  const visit = (v: TableModel): void => {
    if (seen.has(v.name)) return
    seen.add(v.name)
    for (const w of views) if (w !== v && reads(v, w.name)) visit(w)
    out.push(v)
  }
  views.forEach(visit)
  return out
}
