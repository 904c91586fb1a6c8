import type { DocNote } from '../../../shared/contract/docs'
import { qualifiedName, type ColumnModel, type ForeignKeyModel, type SchemaModel, type TableModel } from '../../../shared/schema-model'

/** A foreign key seen from the table it points at. */
export interface IncomingRef {
  from: TableModel
  fk: ForeignKeyModel
}

export interface Description {
  /** The database's own comment. */
  comment: string | null
  /** The user's note from the local store. */
  note: string | null
  /** AI-written text; shown marked, never in place of `comment`. */
  ai: string | null
}

/**
 * Everything the generators share, computed once per export: tables in a stable order, a unique file-safe
 * slug per table, incoming references and note lookups. Generators stay pure functions of a DocSite.
 */
export interface DocSite {
  model: SchemaModel
  title: string
  tables: TableModel[]
  byName: Map<string, TableModel>
  slug(t: TableModel): string
  incoming(t: TableModel): IncomingRef[]
  tableDescription(t: TableModel): Description
  columnDescription(t: TableModel, c: ColumnModel): Description
  /** The referenced table when it is part of the documented set. */
  target(fk: ForeignKeyModel): TableModel | undefined
  /** How far a table page's own diagram reaches: 1 (direct relations) or 2 foreign-key hops. */
  erDistance: ErDistance
  /** A partitioned table's partitions that are documented, in order. */
  partitions(t: TableModel): TableModel[]
  /** Some column has a classification (a PII scan ran): the column tables get a Classification column. */
  classified: boolean
  /** What a PII scan found in the column (`email (0.97)`), or null. */
  classification(t: TableModel, c: ColumnModel): string | null
}

/** A column's classification from the app's PII scan (never available headless: the docs then have no such column). */
export interface ColumnClassification {
  schema: string
  table: string
  column: string
  label: string
}

export type ErDistance = 1 | 2

export function fkTargetName(fk: ForeignKeyModel): string {
  return qualifiedName({ schema: fk.refSchema, name: fk.refTable })
}

const RESERVED_SLUGS = new Set(['readme', 'index', 'lint', 'schema', 'notes'])

function baseSlug(t: TableModel): string {
  return qualifiedName(t).replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[.-]+/, '_') || '_'
}

export function buildDocSite(model: SchemaModel, notes: DocNote[] = [], title?: string, opts: { erDistance?: ErDistance; classifications?: ColumnClassification[] } = {}): DocSite {
  const tables = [...model.tables].sort((a, b) => cmp(a.schema, b.schema) || cmp(a.name, b.name))
  const byName = new Map(tables.map((t) => [qualifiedName(t), t]))

  // Slugs must stay unique on case-insensitive file systems too.
  const slugs = new Map<TableModel, string>()
  const taken = new Set<string>()
  for (const t of tables) {
    const base = baseSlug(t)
    let slug = base
    for (let i = 2; taken.has(slug.toLowerCase()) || RESERVED_SLUGS.has(slug.toLowerCase()); i++) slug = `${base}_${i}`
    taken.add(slug.toLowerCase())
    slugs.set(t, slug)
  }

  const incoming = new Map<string, IncomingRef[]>()
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const key = fkTargetName(fk)
      if (!byName.has(key)) continue
      const list = incoming.get(key) ?? []
      list.push({ from: t, fk })
      incoming.set(key, list)
    }
  }

  const partitions = new Map<string, TableModel[]>()
  for (const t of tables) {
    if (!t.partitionOf) continue
    const key = qualifiedName({ schema: t.partitionOf.schema, name: t.partitionOf.table })
    if (!byName.has(key)) continue
    partitions.set(key, [...(partitions.get(key) ?? []), t])
  }

  const classifications = new Map((opts.classifications ?? []).map((c) => [noteKey(c.schema, c.table, c.column), c.label]))
  const noteMap = new Map<string, DocNote>()
  for (const n of notes) noteMap.set(noteKey(n.schema, n.table, n.column), n)
  const describe = (comment: string | null | undefined, n: DocNote | undefined): Description => ({
    comment: nonEmpty(comment),
    note: nonEmpty(n?.note),
    ai: nonEmpty(n?.aiDescription)
  })
  // Most exports have no notes at all: skip building lookup keys for every column then.
  const lookup = (schema: string, table: string, column: string | null) => (noteMap.size ? noteMap.get(noteKey(schema, table, column)) : undefined)

  return {
    model,
    title: title ?? `${model.database || 'Database'} schema`,
    tables,
    byName,
    slug: (t) => slugs.get(t) ?? baseSlug(t),
    incoming: (t) => incoming.get(qualifiedName(t)) ?? [],
    tableDescription: (t) => describe(t.comment, lookup(t.schema, t.name, null)),
    columnDescription: (t, c) => describe(c.comment, lookup(t.schema, t.name, c.name)),
    target: (fk) => byName.get(fkTargetName(fk)),
    erDistance: opts.erDistance === 2 ? 2 : 1,
    partitions: (t) => partitions.get(qualifiedName(t)) ?? [],
    classified: classifications.size > 0,
    classification: (t, c) => classifications.get(noteKey(t.schema, t.name, c.name)) ?? null
  }
}

export function noteKey(schema: string, table: string, column: string | null | undefined): string {
  // NUL cannot occur in identifiers, so the key is unambiguous; a table note gets a distinct marker.
  return `${schema}\u0000${table}\u0000${column == null ? '\u0001' : column}`
}

/** Enums, routines, sequences and domains of the schemas that have documented tables. */
export function schemaObjects(site: DocSite): Pick<SchemaModel, 'enums' | 'routines' | 'sequences' | 'domains'> {
  const schemas = new Set(site.tables.map((t) => t.schema))
  const m = site.model
  return {
    enums: m.enums.filter((x) => schemas.has(x.schema)),
    routines: m.routines.filter((x) => schemas.has(x.schema)),
    sequences: m.sequences.filter((x) => schemas.has(x.schema)),
    domains: m.domains.filter((x) => schemas.has(x.schema))
  }
}

/** The table itself, the tables it references and the tables referencing it. */
export function neighbourhood(site: DocSite, t: TableModel): TableModel[] {
  const set = new Set<TableModel>([t])
  for (const fk of t.foreignKeys) {
    const target = site.target(fk)
    if (target) set.add(target)
  }
  for (const ref of site.incoming(t)) set.add(ref.from)
  return [...set]
}

/** A table's diagram neighbourhood: who is shown, on which side and hop, and how many were left out. */
export interface DiagramNeighbourhood {
  centre: TableModel
  /** The centre first, then the shown neighbours (direct ones before two-hop ones). */
  tables: TableModel[]
  /** Hop (1 or 2) and side (`out`: referenced by the centre's side, `in`: referencing) of each shown neighbour. */
  place: Map<TableModel, { hop: 1 | 2; side: 'in' | 'out' }>
  /** Related tables within the distance that are not shown. */
  hidden: number
}

/**
 * The tables within `distance` foreign-key hops of `t`, at most `max` of them: the tables it references first
 * (few, and what the table means), then the ones referencing it, then two-hop tables. A hub with 300 neighbours
 * gets `max` of them and a count of the rest, so its diagram stays readable instead of vanishing.
 */
export function diagramNeighbourhood(site: DocSite, t: TableModel, opts: { distance?: ErDistance; max?: number } = {}): DiagramNeighbourhood {
  const distance = opts.distance ?? site.erDistance
  const max = opts.max ?? Infinity
  const place = new Map<TableModel, { hop: 1 | 2; side: 'in' | 'out' }>()
  const order: TableModel[] = []
  const seen = new Set<TableModel>([t])
  let total = 0
  // Partitions repeat their parent's keys (PostgreSQL copies foreign keys onto each): the parent stands for them.
  const listedPartition = (x: TableModel) => !!x.partitionOf && site.byName.has(qualifiedName({ schema: x.partitionOf.schema, name: x.partitionOf.table }))
  const add = (x: TableModel, hop: 1 | 2, side: 'in' | 'out') => {
    if (seen.has(x) || listedPartition(x)) return
    seen.add(x)
    total++
    if (order.length < max) {
      order.push(x)
      place.set(x, { hop, side })
    }
  }
  const out = (x: TableModel) => x.foreignKeys.map((fk) => site.target(fk)).filter((y): y is TableModel => !!y)
  const inc = (x: TableModel) => site.incoming(x).map((r) => r.from)
  for (const x of out(t)) add(x, 1, 'out')
  for (const x of inc(t)) add(x, 1, 'in')
  if (distance === 2) {
    const direct = [...seen].filter((x) => x !== t)
    for (const d of direct) {
      const side = d.foreignKeys.some((fk) => site.target(fk) === t) && !t.foreignKeys.some((fk) => site.target(fk) === d) ? 'in' : 'out'
      for (const x of out(d)) add(x, 2, side)
      for (const x of inc(d)) add(x, 2, side)
    }
  }
  return { centre: t, tables: [t, ...order], place, hidden: total - order.length }
}

export function kindLabel(t: TableModel): string {
  return t.kind === 'materialized_view' ? 'materialized view' : t.kind
}

function nonEmpty(s: string | null | undefined): string | null {
  return s && s.trim() ? s : null
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
