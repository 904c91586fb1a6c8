import {
  qualifiedName,
  type ColumnModel,
  type CompositeTypeModel,
  type ConstraintModel,
  type DomainModel,
  type EnumModel,
  type ForeignKeyModel,
  type IndexModel,
  type RoutineModel,
  type SchemaModel,
  type SequenceModel,
  type TableModel,
  type TriggerModel
} from '../../../shared/schema-model'
import { textDiff } from './text-diff'

/**
 * Structural drift between two schema models (`querygenie docs diff`). Every object kind of the model is compared:
 * tables, views and materialized views (columns, primary key, foreign keys, indexes, constraints, triggers,
 * partitioning, partition bounds, table options, comments, view definitions), routines (by schema + signature, so
 * overloads are distinct), sequences, enums, domains and composite types.
 *
 * JSON shape (`--json`), version 1, stable: lists are sorted, absent optional keys are left out.
 *
 *   { version: 1, drift: boolean, summary: { added, removed, changed },
 *     objects: [ { object: 'table'|'view'|'materialized view'|'routine'|'sequence'|'enum'|'domain'|'type',
 *                  name: 'schema.name' (routines: 'schema.signature'), change: 'added'|'removed'|'changed',
 *                  definition?: string,                       // added/removed: a one-line summary
 *                  fields?: [ { field, before, after, diff? } ], // changed properties; diff = unified/word diff of bodies
 *                  parts?: [ { part: 'column'|'primary key'|'foreign key'|'index'|'constraint'|'trigger'|'option',
 *                              name, change, definition?, fields? } ] } ] }
 *
 * `before`/`after` are display strings (`null` = not set). Text bodies (view, routine and trigger definitions) are
 * compared with whitespace collapsed. Properties newer snapshots record (routine and trigger sources, sequence
 * parameters, domain checks, table options, partitioning) are compared only when both sides recorded them, so a
 * snapshot from an older QueryGenie does not report them all as changed.
 */

export type ChangeKind = 'added' | 'removed' | 'changed'
export type ObjectKind = 'table' | 'view' | 'materialized view' | 'routine' | 'sequence' | 'enum' | 'domain' | 'type'
export type PartKind = 'column' | 'primary key' | 'foreign key' | 'index' | 'constraint' | 'trigger' | 'option'

export interface FieldChange {
  field: string
  before: string | null
  after: string | null
  /** For text bodies: a unified diff (multi-line) or a `[-old-]{+new+}` word diff (one-line). */
  diff?: string
}

export interface PartChange {
  part: PartKind
  name: string
  change: ChangeKind
  /** Added/removed parts: the part in one line (a column with its type, an index with its columns…). */
  definition?: string
  fields?: FieldChange[]
}

export interface ObjectChange {
  object: ObjectKind
  name: string
  change: ChangeKind
  definition?: string
  fields?: FieldChange[]
  parts?: PartChange[]
}

export interface SchemaDiff {
  version: 1
  drift: boolean
  summary: { added: number; removed: number; changed: number }
  objects: ObjectChange[]
}

/** A property's value for comparison; `undefined` = not recorded (lenient fields are then skipped). */
type Value = string | number | boolean | null | undefined | string[]
interface Shape {
  [field: string]: Value | { text: string | null | undefined }
}
/** Fields compared only when both sides recorded them. */
type Lenient = ReadonlySet<string>

const NONE: Lenient = new Set()

export function diffSchemas(before: SchemaModel, after: SchemaModel): SchemaDiff {
  const objects: ObjectChange[] = []
  objects.push(...diffKeyed(before.tables, after.tables, qualifiedName, (t) => objectKindOf(t), diffTable, tableSummary))
  objects.push(...diffObjects('routine', before.routines, after.routines, routineKey, routineShape, ROUTINE_LENIENT, routineSummary))
  objects.push(...diffObjects('sequence', before.sequences, after.sequences, qualifiedName, sequenceShape, SEQUENCE_LENIENT, sequenceSummary))
  objects.push(...diffObjects('enum', before.enums, after.enums, qualifiedName, enumShape, NONE, (e) => `(${e.values.join(', ')})`))
  objects.push(...diffObjects('domain', before.domains, after.domains, qualifiedName, domainShape, DOMAIN_LENIENT, domainSummary))
  // Composite types: a model without the list did not record them.
  if (before.types && after.types) objects.push(...diffObjects('type', before.types, after.types, qualifiedName, typeShape, NONE, typeSummary))
  const summary = { added: 0, removed: 0, changed: 0 }
  for (const o of objects) summary[o.change]++
  return { version: 1, drift: objects.length > 0, summary, objects }
}

function objectKindOf(t: TableModel): ObjectKind {
  return t.kind === 'materialized_view' ? 'materialized view' : t.kind
}

function diffKeyed<T>(
  a: T[],
  b: T[],
  key: (x: T) => string,
  kind: (x: T) => ObjectKind,
  compare: (x: T, y: T) => { fields: FieldChange[]; parts: PartChange[] },
  summary: (x: T) => string
): ObjectChange[] {
  const ma = new Map(a.map((x) => [key(x), x]))
  const mb = new Map(b.map((x) => [key(x), x]))
  const out: ObjectChange[] = []
  for (const name of [...new Set([...ma.keys(), ...mb.keys()])].sort(cmp)) {
    const x = ma.get(name)
    const y = mb.get(name)
    if (!x) out.push({ object: kind(y!), name, change: 'added', definition: summary(y!) })
    else if (!y) out.push({ object: kind(x), name, change: 'removed', definition: summary(x) })
    else {
      const { fields, parts } = compare(x, y)
      if (fields.length || parts.length) out.push({ object: kind(y), name, change: 'changed', ...(fields.length ? { fields } : {}), ...(parts.length ? { parts } : {}) })
    }
  }
  return out
}

function diffObjects<T>(object: ObjectKind, a: T[], b: T[], key: (x: T) => string, shape: (x: T) => Shape, lenient: Lenient, summary: (x: T) => string): ObjectChange[] {
  return diffKeyed(
    a,
    b,
    key,
    () => object,
    (x, y) => ({ fields: fieldChanges(shape(x), shape(y), lenient), parts: [] }),
    summary
  )
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

const TABLE_LENIENT: Lenient = new Set(['partitioning', 'partition key', 'partitions'])

function diffTable(a: TableModel, b: TableModel): { fields: FieldChange[]; parts: PartChange[] } {
  const fields = fieldChanges(tableShape(a), tableShape(b), TABLE_LENIENT)
  const parts: PartChange[] = []
  // A view's column types follow from its query and the tables it reads: with the query unchanged, a changed type
  // or collation there is the echo of a table's change (reported on the table), so only comments count.
  const derived = a.kind !== 'table' && b.kind !== 'table' && norm(a.definition) === norm(b.definition)
  parts.push(...diffParts('column', a.columns, b.columns, derived ? viewColumnShape : columnShape, COLUMN_LENIENT, columnDefinition))
  const pkA = a.primaryKey?.columns ?? []
  const pkB = b.primaryKey?.columns ?? []
  if (pkA.join('\0') !== pkB.join('\0')) {
    const name = b.primaryKey?.name ?? a.primaryKey?.name ?? 'primary key'
    if (!pkA.length) parts.push({ part: 'primary key', name, change: 'added', definition: `(${pkB.join(', ')})` })
    else if (!pkB.length) parts.push({ part: 'primary key', name, change: 'removed', definition: `(${pkA.join(', ')})` })
    else parts.push({ part: 'primary key', name, change: 'changed', fields: [{ field: 'columns', before: pkA.join(', '), after: pkB.join(', ') }] })
  }
  // Keys marked inheritedFrom are copies (a partition's copy of its parent's key, or a partition's key listed on
  // the parent): the table that defines the key reports its change, once.
  const own = (fks: ForeignKeyModel[]) => fks.filter((f) => !f.inheritedFrom)
  parts.push(...diffParts('foreign key', own(a.foreignKeys), own(b.foreignKeys), fkShape, NONE, fkDefinition))
  parts.push(...diffParts('index', a.indexes, b.indexes, indexShape, NONE, indexDefinition))
  parts.push(...diffParts('constraint', a.constraints, b.constraints, constraintShape, NONE, constraintDefinition))
  parts.push(...diffParts('trigger', a.triggers, b.triggers, triggerShape, TRIGGER_LENIENT, triggerDefinition))
  if (a.options && b.options) {
    const keys = [...new Set([...Object.keys(a.options), ...Object.keys(b.options)])].sort(cmp)
    for (const k of keys) {
      const x = a.options[k]
      const y = b.options[k]
      if (x === y) continue
      if (x === undefined) parts.push({ part: 'option', name: k, change: 'added', definition: `${k} = ${y}` })
      else if (y === undefined) parts.push({ part: 'option', name: k, change: 'removed', definition: `${k} = ${x}` })
      else parts.push({ part: 'option', name: k, change: 'changed', fields: [{ field: 'value', before: x, after: y }] })
    }
  }
  return { fields, parts }
}

function tableShape(t: TableModel): Shape {
  return {
    kind: objectKindOf(t),
    comment: t.comment ?? null,
    definition: { text: t.definition ?? null },
    'partition of': t.partitionOf ? qualifiedName({ schema: t.partitionOf.schema, name: t.partitionOf.table }) : null,
    'partition bound': t.partitionOf?.bound ?? null,
    partitioning: t.partitioning ? t.partitioning.strategy : undefined,
    'partition key': t.partitioning ? t.partitioning.key : undefined,
    partitions: t.partitioning ? [...t.partitioning.partitions].sort(cmp) : undefined
  }
}

function tableSummary(t: TableModel): string {
  const bits = [`${t.columns.length} column${t.columns.length === 1 ? '' : 's'}`]
  if (t.partitionOf) bits.push(`partition of ${qualifiedName({ schema: t.partitionOf.schema, name: t.partitionOf.table })} ${t.partitionOf.bound}`)
  return bits.join(', ')
}

function diffParts<T extends { name: string }>(part: PartKind, a: T[], b: T[], shape: (x: T) => Shape, lenient: Lenient, definition: (x: T) => string): PartChange[] {
  const ma = new Map(a.map((x) => [x.name, x]))
  const mb = new Map(b.map((x) => [x.name, x]))
  const out: PartChange[] = []
  // Columns keep table order (old order, then new columns); other parts sort by name.
  const names = part === 'column' ? [...new Set([...ma.keys(), ...mb.keys()])] : [...new Set([...ma.keys(), ...mb.keys()])].sort(cmp)
  for (const name of names) {
    const x = ma.get(name)
    const y = mb.get(name)
    if (!x) out.push({ part, name, change: 'added', definition: definition(y!) })
    else if (!y) out.push({ part, name, change: 'removed', definition: definition(x) })
    else {
      const fields = fieldChanges(shape(x), shape(y), lenient)
      if (fields.length) out.push({ part, name, change: 'changed', fields })
    }
  }
  return out
}

const COLUMN_LENIENT: Lenient = new Set(['identity generation', 'generated kind'])

function columnShape(c: ColumnModel): Shape {
  return {
    type: c.type,
    nullable: c.nullable,
    default: c.default ?? null,
    identity: c.identity ?? false,
    'identity generation': c.identity ? c.identityGeneration : null,
    generated: c.generated ?? null,
    'generated kind': c.generated ? c.generatedKind : null,
    collation: c.collation ?? null,
    'on update': c.onUpdate ?? null,
    comment: c.comment ?? null
  }
}

const viewColumnShape = (c: ColumnModel): Shape => ({ comment: c.comment ?? null })

/** `note text NOT NULL DEFAULT now()`-style one-liner (without the name, which the part carries). */
export function columnDefinition(c: ColumnModel): string {
  const bits = [c.type || 'unknown']
  if (c.collation) bits.push(`COLLATE ${c.collation}`)
  if (!c.nullable) bits.push('NOT NULL')
  if (c.identity) bits.push(c.identityGeneration === 'always' ? 'GENERATED ALWAYS AS IDENTITY' : c.identityGeneration === 'by_default' ? 'GENERATED BY DEFAULT AS IDENTITY' : 'IDENTITY')
  if (c.generated) bits.push(`GENERATED ALWAYS AS (${c.generated})${c.generatedKind ? ' ' + c.generatedKind.toUpperCase() : ''}`)
  else if (c.default != null && c.default !== '') bits.push(`DEFAULT ${c.default}`)
  if (c.onUpdate) bits.push(`ON UPDATE ${c.onUpdate}`)
  return bits.join(' ')
}

function fkShape(f: ForeignKeyModel): Shape {
  return {
    columns: f.columns,
    references: fkTarget(f),
    'on delete': f.onDelete ?? null,
    'on update': f.onUpdate ?? null,
    deferrable: f.deferrable ?? false,
    'initially deferred': f.initiallyDeferred ?? false
  }
}
const fkTarget = (f: ForeignKeyModel) => `${qualifiedName({ schema: f.refSchema, name: f.refTable })}(${f.refColumns.join(', ')})`
function fkDefinition(f: ForeignKeyModel): string {
  const bits = [`(${f.columns.join(', ')}) → ${fkTarget(f)}`]
  if (f.onDelete && f.onDelete !== 'NO ACTION') bits.push(`ON DELETE ${f.onDelete}`)
  if (f.onUpdate && f.onUpdate !== 'NO ACTION') bits.push(`ON UPDATE ${f.onUpdate}`)
  if (f.deferrable) bits.push(f.initiallyDeferred ? 'DEFERRABLE INITIALLY DEFERRED' : 'DEFERRABLE')
  return bits.join(' ')
}

function indexShape(i: IndexModel): Shape {
  return { columns: i.columns, unique: i.unique, primary: i.primary ?? false, method: i.method ?? null, predicate: i.predicate ?? null }
}
function indexDefinition(i: IndexModel): string {
  return [i.unique ? 'UNIQUE' : '', i.method ? `USING ${i.method}` : '', `(${i.columns.join(', ')})`, i.predicate ? `WHERE ${i.predicate}` : ''].filter(Boolean).join(' ')
}

function constraintShape(c: ConstraintModel): Shape {
  return { kind: c.kind, columns: c.columns ?? [], expression: c.expression ?? null, deferrable: c.deferrable ?? false, 'initially deferred': c.initiallyDeferred ?? false }
}
function constraintDefinition(c: ConstraintModel): string {
  const body =
    c.kind === 'check' ? `CHECK ${paren(c.expression ?? '')}` : c.kind === 'unique' ? `UNIQUE (${(c.columns ?? []).join(', ')})` : c.expression ?? `EXCLUDE (${(c.columns ?? []).join(', ')})`
  return c.deferrable ? `${body} ${c.initiallyDeferred ? 'DEFERRABLE INITIALLY DEFERRED' : 'DEFERRABLE'}` : body
}

const TRIGGER_LENIENT: Lenient = new Set(['definition', 'function', 'enabled'])
function triggerShape(t: TriggerModel): Shape {
  return { timing: t.timing ?? null, events: t.events ?? [], function: t.function, enabled: t.enabled, definition: { text: t.definition } }
}
function triggerDefinition(t: TriggerModel): string {
  if (t.definition && !t.definition.includes('\n')) return t.definition
  return [t.timing, (t.events ?? []).join(' OR '), t.function ? `EXECUTE ${t.function}` : ''].filter(Boolean).join(' ')
}

// ---------------------------------------------------------------------------------------------------------------
// Schema-level objects

const routineKey = (r: RoutineModel) => qualifiedName({ schema: r.schema, name: r.signature || r.name })
const ROUTINE_LENIENT: Lenient = new Set(['language', 'definition'])
function routineShape(r: RoutineModel): Shape {
  return { kind: r.kind, returns: r.returns ?? null, language: r.language, comment: r.comment ?? null, definition: { text: r.definition } }
}
function routineSummary(r: RoutineModel): string {
  return [r.kind, r.returns ? `returns ${r.returns}` : '', r.language ? `language ${r.language}` : ''].filter(Boolean).join(' ')
}

const SEQUENCE_LENIENT: Lenient = new Set(['start', 'increment', 'min', 'max', 'cache', 'cycle', 'owned by', 'type'])
function sequenceShape(s: SequenceModel): Shape {
  return { type: s.dataType, start: s.start, increment: s.increment, min: s.min, max: s.max, cache: s.cache, cycle: s.cycle, 'owned by': s.ownedBy }
}
export function sequenceSummary(s: SequenceModel): string {
  const bits: string[] = []
  if (s.dataType) bits.push(s.dataType)
  if (s.start != null) bits.push(`start ${s.start}`)
  if (s.increment != null) bits.push(`increment ${s.increment}`)
  if (s.min != null) bits.push(`min ${s.min}`)
  if (s.max != null) bits.push(`max ${s.max}`)
  if (s.cache != null) bits.push(`cache ${s.cache}`)
  if (s.cycle) bits.push('cycle')
  if (s.ownedBy) bits.push(`owned by ${s.ownedBy}`)
  return bits.join(', ')
}

function enumShape(e: EnumModel): Shape {
  return { values: e.values }
}

const DOMAIN_LENIENT: Lenient = new Set(['nullable', 'collation'])
export function domainChecks(d: DomainModel): string[] {
  if (d.checks) return d.checks.map((c) => c.expression)
  return d.check ? [d.check] : []
}
function domainShape(d: DomainModel): Shape {
  return { 'base type': d.baseType, checks: domainChecks(d), nullable: d.nullable, default: d.default ?? null, collation: d.collation ?? (d.nullable === undefined ? undefined : null) }
}
function domainSummary(d: DomainModel): string {
  return [d.baseType, d.nullable === false ? 'NOT NULL' : '', d.default ? `DEFAULT ${d.default}` : '', ...domainChecks(d).map((c) => `CHECK ${paren(c)}`)].filter(Boolean).join(' ')
}

function typeShape(t: CompositeTypeModel): Shape {
  return { attributes: t.attributes.map(attributeText) }
}
const attributeText = (a: CompositeTypeModel['attributes'][number]) => `${a.name} ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}`
function typeSummary(t: CompositeTypeModel): string {
  return `(${t.attributes.map(attributeText).join(', ')})`
}

// ---------------------------------------------------------------------------------------------------------------

function fieldChanges(a: Shape, b: Shape, lenient: Lenient): FieldChange[] {
  const out: FieldChange[] = []
  for (const field of Object.keys(a)) {
    const x = a[field]
    const y = b[field]
    if (isText(x) || isText(y)) {
      const tx = isText(x) ? x.text : undefined
      const ty = isText(y) ? y.text : undefined
      if ((tx === undefined || ty === undefined) && (lenient.has(field) || tx === ty)) continue
      if (norm(tx) === norm(ty)) continue
      const change: FieldChange = { field, before: tx ?? null, after: ty ?? null }
      if (tx && ty) change.diff = textDiff(tx, ty)
      out.push(change)
      continue
    }
    if ((x === undefined || y === undefined) && lenient.has(field)) continue
    const sx = show(x as Value)
    const sy = show(y as Value)
    if (sx !== sy) out.push({ field, before: sx, after: sy })
  }
  return out
}

function isText(v: Shape[string]): v is { text: string | null | undefined } {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function show(v: Value): string | null {
  if (v === null || v === undefined) return null
  if (Array.isArray(v)) return `(${v.join(', ')})`
  return String(v)
}

function norm(s: string | null | undefined): string | null {
  return s ? s.replace(/\s+/g, ' ').trim() : null
}

function paren(s: string): string {
  const t = s.trim()
  return t.startsWith('(') && t.endsWith(')') ? t : `(${t})`
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

// ---------------------------------------------------------------------------------------------------------------
// Text report

const SIGN: Record<ChangeKind, string> = { added: '+', removed: '-', changed: '~' }

/** Human-readable report for the CLI and CI logs. */
export function formatDiff(d: SchemaDiff): string {
  if (!d.drift) return 'No drift: the database matches the snapshot.\n'
  const out: string[] = [`Drift: ${d.summary.added} added, ${d.summary.removed} removed, ${d.summary.changed} changed.`]
  for (const o of d.objects) {
    const head = `${SIGN[o.change]} ${o.object} ${o.name}`
    const oneLine = o.fields?.length === 1 && !o.fields[0].diff && !o.parts?.length
    if (o.change !== 'changed') {
      out.push(o.definition ? `${head}: ${o.definition}` : head)
      continue
    }
    if (oneLine) {
      out.push(`${head}: ${fieldLine(o.fields![0])}`)
      continue
    }
    out.push(head)
    for (const f of o.fields ?? []) out.push(...fieldLines(f, '    '))
    for (const p of o.parts ?? []) {
      const ph = `    ${SIGN[p.change]} ${p.part} ${p.name}`
      if (p.change !== 'changed') out.push(p.definition ? `${ph} ${p.definition}` : ph)
      else if (p.fields!.every((f) => !f.diff)) out.push(`${ph}: ${p.fields!.map(fieldLine).join('; ')}`)
      else {
        out.push(ph)
        for (const f of p.fields!) out.push(...fieldLines(f, '        '))
      }
    }
  }
  return out.join('\n') + '\n'
}

function fieldLine(f: FieldChange): string {
  return `${f.field}: ${f.before ?? 'none'} → ${f.after ?? 'none'}`
}

function fieldLines(f: FieldChange, indent: string): string[] {
  if (!f.diff) return [`${indent}~ ${fieldLine(f)}`]
  return [`${indent}~ ${f.field}:`, ...f.diff.split('\n').map((l) => `${indent}    ${l}`)]
}
