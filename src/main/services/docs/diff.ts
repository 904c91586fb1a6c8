import { qualifiedName, type ColumnModel, type ForeignKeyModel, type IndexModel, type SchemaModel, type TableModel } from '../../../shared/schema-model'

export type ChangeKind = 'added' | 'removed' | 'changed'

export interface PartChange {
  part: 'column' | 'primary key' | 'foreign key' | 'index' | 'table'
  name: string
  kind: ChangeKind
  /** For `changed`: what differs, e.g. `type: integer → bigint`. */
  details?: string[]
}

export interface TableChange {
  table: string
  kind: ChangeKind
  changes: PartChange[]
}

export interface SchemaDiff {
  drift: boolean
  added: string[]
  removed: string[]
  changed: TableChange[]
}

/** Structural drift between two models: tables, columns, keys and indexes (by name), plus table kind/comment. */
export function diffSchemas(before: SchemaModel, after: SchemaModel): SchemaDiff {
  const a = new Map(before.tables.map((t) => [qualifiedName(t), t]))
  const b = new Map(after.tables.map((t) => [qualifiedName(t), t]))
  const added = [...b.keys()].filter((k) => !a.has(k)).sort()
  const removed = [...a.keys()].filter((k) => !b.has(k)).sort()
  const changed: TableChange[] = []
  for (const [name, old] of [...a].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const cur = b.get(name)
    if (!cur) continue
    const changes = diffTable(old, cur)
    if (changes.length) changed.push({ table: name, kind: 'changed', changes })
  }
  return { drift: added.length + removed.length + changed.length > 0, added, removed, changed }
}

function diffTable(a: TableModel, b: TableModel): PartChange[] {
  const out: PartChange[] = []
  const tableDetails = fieldDiffs({ kind: a.kind, comment: a.comment ?? null, definition: norm(a.definition) }, { kind: b.kind, comment: b.comment ?? null, definition: norm(b.definition) })
  if (tableDetails.length) out.push({ part: 'table', name: qualifiedName(b), kind: 'changed', details: tableDetails })
  out.push(...diffNamed('column', a.columns, b.columns, columnShape))
  const pkA = a.primaryKey?.columns ?? []
  const pkB = b.primaryKey?.columns ?? []
  if (pkA.join('\0') !== pkB.join('\0')) {
    const kind: ChangeKind = !pkA.length ? 'added' : !pkB.length ? 'removed' : 'changed'
    out.push({ part: 'primary key', name: b.primaryKey?.name ?? a.primaryKey?.name ?? 'primary key', kind, details: kind === 'changed' ? [`columns: ${pkA.join(', ')} → ${pkB.join(', ')}`] : undefined })
  }
  out.push(...diffNamed('foreign key', a.foreignKeys, b.foreignKeys, fkShape))
  out.push(...diffNamed('index', a.indexes, b.indexes, indexShape))
  return out
}

function diffNamed<T extends { name: string }>(part: PartChange['part'], a: T[], b: T[], shape: (x: T) => Record<string, unknown>): PartChange[] {
  const ma = new Map(a.map((x) => [x.name, x]))
  const mb = new Map(b.map((x) => [x.name, x]))
  const out: PartChange[] = []
  for (const [name, x] of ma) {
    const y = mb.get(name)
    if (!y) out.push({ part, name, kind: 'removed' })
    else {
      const details = fieldDiffs(shape(x), shape(y))
      if (details.length) out.push({ part, name, kind: 'changed', details })
    }
  }
  for (const name of mb.keys()) if (!ma.has(name)) out.push({ part, name, kind: 'added' })
  return out
}

function fieldDiffs(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const out: string[] = []
  for (const key of Object.keys(a)) {
    const x = show(a[key])
    const y = show(b[key])
    if (x !== y) out.push(`${key}: ${x} → ${y}`)
  }
  return out
}

const columnShape = (c: ColumnModel) => ({ type: c.type, nullable: c.nullable, default: c.default ?? null, identity: c.identity ?? false, generated: c.generated ?? null, comment: c.comment ?? null })
const fkShape = (f: ForeignKeyModel) => ({ columns: f.columns, references: `${qualifiedName({ schema: f.refSchema, name: f.refTable })}(${f.refColumns.join(', ')})`, onDelete: f.onDelete ?? null, onUpdate: f.onUpdate ?? null })
const indexShape = (i: IndexModel) => ({ columns: i.columns, unique: i.unique, method: i.method ?? null, predicate: i.predicate ?? null })

function show(v: unknown): string {
  if (v === null || v === undefined) return 'none'
  if (Array.isArray(v)) return `(${v.join(', ')})`
  return String(v)
}

function norm(s: string | null | undefined): string | null {
  return s ? s.replace(/\s+/g, ' ').trim() : null
}

/** Human-readable report for the CLI and CI logs. */
export function formatDiff(d: SchemaDiff): string {
  if (!d.drift) return 'No drift: the database matches the snapshot.\n'
  const out: string[] = [`Drift: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed table(s).`]
  for (const t of d.added) out.push(`+ table ${t}`)
  for (const t of d.removed) out.push(`- table ${t}`)
  for (const t of d.changed) {
    out.push(`~ table ${t.table}`)
    for (const c of t.changes) {
      const sign = c.kind === 'added' ? '+' : c.kind === 'removed' ? '-' : '~'
      out.push(`    ${sign} ${c.part} ${c.name}${c.details ? ': ' + c.details.join('; ') : ''}`)
    }
  }
  return out.join('\n') + '\n'
}
