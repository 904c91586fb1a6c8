import type { SchemaNames } from '../../../../shared/contract/schema'
import { foreignKeyColumns, primaryKeyColumns, type ObjectError, type SchemaModel, type SchemaObjectRef, type TableModel } from '../../../../shared/schema-model'

export type TreeRow =
  | { kind: 'schema'; key: string; depth: 0; schema: string; count: number; open: boolean }
  | {
      kind: 'table'
      key: string
      depth: number
      schema: string
      name: string
      tableKind: TableModel['kind']
      open: boolean
      /** A partitioned table: `RANGE (created_at)`. */
      partitioning?: string
      /** A partition: its bound (`FOR VALUES FROM (…) TO (…)`). */
      partitionBound?: string
      /** The introspector could not read this object. */
      error?: string
    }
  | { kind: 'column'; key: string; depth: number; schema: string; table: string; name: string; type: string; pk: boolean; fk: boolean; nullable: boolean; comment?: string | null }
  | { kind: 'info'; key: string; depth: number; text: string }
  | { kind: 'group'; key: string; depth: number; label: string; count: number; open: boolean }
  /** A routine, sequence, type or trigger: a leaf with actions (Show source). */
  | { kind: 'object'; key: string; depth: number; ref: SchemaObjectRef; label: string; detail?: string }
  /** An object the introspector could not read, named so the rest still shows. */
  | { kind: 'error'; key: string; depth: number; text: string; title: string }

/** Where the full model stands when a table's details are missing. */
export type DetailsState = 'loading' | 'failed'

export const tableKey = (schema: string, name: string): string => `${schema}\u0000${name}`

type NameEntry = SchemaNames['tables'][number]

/** Derived once per names list: lower-cased plain and qualified names for the filter. */
interface NamesIndex {
  lower: string[]
  qualified: string[]
}
const namesIndexes = new WeakMap<SchemaNames['tables'], NamesIndex>()
function namesIndex(tables: SchemaNames['tables']): NamesIndex {
  let index = namesIndexes.get(tables)
  if (!index) {
    index = { lower: tables.map((t) => t.name.toLowerCase()), qualified: tables.map((t) => qualified(t.schema, t.name).toLowerCase()) }
    namesIndexes.set(tables, index)
  }
  return index
}

interface ObjectItem {
  schema: string
  name: string
  group: 'Routines' | 'Sequences' | 'Types'
  ref: SchemaObjectRef
  label: string
  detail?: string
}

/** Derived once per model: details by key, partitions by parent, errors, and the other objects of each schema. */
interface ModelIndex {
  details: Map<string, TableModel>
  /** Parent key → its partitions (as the model lists them). */
  partitions: Map<string, TableModel[]>
  /** Keys of partitions whose parent is in the model: they are listed under it, not at the top. */
  nested: Set<string>
  errorsBySchema: Map<string, ObjectError[]>
  /** Errors of tables and views, by key. */
  errorsByKey: Map<string, ObjectError>
  objects: ObjectItem[]
}
const modelIndexes = new WeakMap<SchemaModel, ModelIndex>()
function modelIndex(model: SchemaModel): ModelIndex {
  let index = modelIndexes.get(model)
  if (index) return index
  const details = new Map(model.tables.map((t) => [tableKey(t.schema, t.name), t]))
  const partitions = new Map<string, TableModel[]>()
  const nested = new Set<string>()
  for (const t of model.tables) {
    if (!t.partitionOf) continue
    const parent = tableKey(t.partitionOf.schema, t.partitionOf.table)
    if (!details.has(parent) || parent === tableKey(t.schema, t.name)) continue
    nested.add(tableKey(t.schema, t.name))
    const list = partitions.get(parent)
    if (list) list.push(t)
    else partitions.set(parent, [t])
  }
  // The order the parent lists its partitions in, where it does; by name otherwise.
  for (const [parent, list] of partitions) {
    const order = details.get(parent)?.partitioning?.partitions ?? []
    const rank = (t: TableModel): number => {
      const i = order.indexOf(t.name)
      return i < 0 ? order.length : i
    }
    list.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
  }
  const errorsBySchema = new Map<string, ObjectError[]>()
  const errorsByKey = new Map<string, ObjectError>()
  for (const e of model.errors ?? []) {
    const list = errorsBySchema.get(e.schema)
    if (list) list.push(e)
    else errorsBySchema.set(e.schema, [e])
    if (/^(table|view|materialized[ _]view|relation)$/i.test(e.kind)) errorsByKey.set(tableKey(e.schema, e.name), e)
  }
  const objects: ObjectItem[] = []
  for (const r of model.routines) {
    objects.push({
      schema: r.schema,
      name: r.name,
      group: 'Routines',
      ref: { kind: 'routine', schema: r.schema, name: r.name, signature: r.signature },
      label: r.signature || r.name,
      detail: r.kind === 'function' ? (r.returns ? `→ ${r.returns}` : 'function') : r.kind
    })
  }
  for (const s of model.sequences) {
    objects.push({ schema: s.schema, name: s.name, group: 'Sequences', ref: { kind: 'sequence', schema: s.schema, name: s.name }, label: s.name, detail: s.dataType })
  }
  for (const e of model.enums) {
    objects.push({ schema: e.schema, name: e.name, group: 'Types', ref: { kind: 'enum', schema: e.schema, name: e.name }, label: e.name, detail: `enum (${e.values.join(', ')})` })
  }
  for (const d of model.domains) {
    const check = d.checks?.length ? d.checks.map((c) => c.expression).join(' ') : d.check
    objects.push({ schema: d.schema, name: d.name, group: 'Types', ref: { kind: 'domain', schema: d.schema, name: d.name }, label: d.name, detail: `domain ${d.baseType}${check ? ` ${check}` : ''}` })
  }
  for (const c of model.types ?? []) {
    objects.push({
      schema: c.schema,
      name: c.name,
      group: 'Types',
      ref: { kind: 'type', schema: c.schema, name: c.name },
      label: c.name,
      detail: `composite (${c.attributes.map((a) => `${a.name} ${a.type}`).join(', ')})`
    })
  }
  index = { details, partitions, nested, errorsBySchema, errorsByKey, objects }
  modelIndexes.set(model, index)
  return index
}

const qualified = (schema: string, name: string): string => (schema ? `${schema}.${name}` : name)

/**
 * The filter: a plain text matches names; with a dot it matches schema-qualified names, so `sales.ord` finds
 * sales.orders and `sales.` everything in sales. Double quotes are ignored (`"Sales".orders`).
 */
export function nameMatcher(filter: string): ((schema: string, name: string) => boolean) | undefined {
  const q = filter.trim().replace(/"/g, '').toLowerCase()
  if (!q) return undefined
  return q.includes('.') ? (schema, name) => qualified(schema, name).toLowerCase().includes(q) : (_schema, name) => name.toLowerCase().includes(q)
}

const GROUPS = ['Routines', 'Sequences', 'Types'] as const

/**
 * The visible rows of the explorer: schemas (only when there are several), objects the introspector could not read,
 * tables and views filtered by name (partitions under their partitioned parent), the columns, keys, partitions and
 * triggers of expanded tables, and each schema's routines, sequences and types in groups. Only expanded tables cost
 * rows, so 10,000 tables stay cheap.
 */
export function treeRows(names: SchemaNames, model: SchemaModel | undefined, open: Set<string>, filter: string, detailsState: DetailsState = 'loading'): TreeRow[] {
  const q = filter.trim().replace(/"/g, '').toLowerCase()
  const dotted = q.includes('.')
  const matches = nameMatcher(filter)
  const rows: TreeRow[] = []
  const index = model ? modelIndex(model) : undefined
  const names_ = namesIndex(names.tables)

  // Partitions whose parent is known are nested under it, not listed at the top. Before details arrive that is what
  // the listing says (`partitionOf`); a partition whose parent is not listed stays at the top.
  const namedPartitions = new Map<string, NameEntry[]>()
  const topLevel: number[] = []
  if (!index && names.tables.some((t) => t.partitionOf)) {
    const listed = new Set(names.tables.map((t) => tableKey(t.schema, t.name)))
    names.tables.forEach((t, i) => {
      const parent = t.partitionOf ? tableKey(t.partitionOf.schema, t.partitionOf.table) : undefined
      if (!parent || !listed.has(parent)) return topLevel.push(i)
      const list = namedPartitions.get(parent)
      if (list) list.push(t)
      else namedPartitions.set(parent, [t])
    })
  } else {
    const nested = index?.nested
    for (let i = 0; i < names.tables.length; i++) {
      const t = names.tables[i]!
      if (!nested?.size || !nested.has(tableKey(t.schema, t.name))) topLevel.push(i)
    }
  }
  const anyPartitions = (index ? index.partitions.size : namedPartitions.size) > 0
  function childrenOf(key: string): { schema: string; name: string }[] {
    return index ? (index.partitions.get(key) ?? []) : (namedPartitions.get(key) ?? [])
  }
  function partitionMatches(key: string): boolean {
    if (!matches || !anyPartitions) return false
    return childrenOf(key).some((c) => matches(c.schema, c.name) || partitionMatches(tableKey(c.schema, c.name)))
  }

  // Top-level tables by schema; a filter keeps those that match (or hold a partition that does).
  const bySchema = new Map<string, NameEntry[]>()
  for (const i of topLevel) {
    const t = names.tables[i]!
    if (q && !(dotted ? names_.qualified[i]!.includes(q) : names_.lower[i]!.includes(q)) && !partitionMatches(tableKey(t.schema, t.name))) continue
    const list = bySchema.get(t.schema)
    if (list) list.push(t)
    else bySchema.set(t.schema, [t])
  }

  const objectsBySchema = new Map<string, Map<string, ObjectItem[]>>()
  for (const o of index?.objects ?? []) {
    if (matches && !matches(o.schema, o.name)) continue
    let groups = objectsBySchema.get(o.schema)
    if (!groups) objectsBySchema.set(o.schema, (groups = new Map()))
    const list = groups.get(o.group)
    if (list) list.push(o)
    else groups.set(o.group, [o])
  }
  const errorsOf = (schema: string): ObjectError[] => (index?.errorsBySchema.get(schema) ?? []).filter((e) => !matches || matches(e.schema, e.name))

  const pushTable = (t: { schema: string; name: string; kind?: TableModel['kind'] }, depth: number): void => {
    const key = tableKey(t.schema, t.name)
    const detail = index?.details.get(key)
    const isOpen = open.has(key)
    const error = index?.errorsByKey.get(key)
    const p = detail?.partitioning
    rows.push({
      kind: 'table',
      key,
      depth,
      schema: t.schema,
      name: t.name,
      tableKind: detail?.kind ?? t.kind ?? 'table',
      open: isOpen,
      ...(p && { partitioning: `${p.strategy.toUpperCase()} (${p.key})` }),
      ...(detail?.partitionOf && { partitionBound: detail.partitionOf.bound }),
      ...(error && { error: error.message })
    })
    const children = childrenOf(key)
    // A filter that matched partitions (and not this table) lists them right under it, open or not.
    const shownChildren = matches && !matches(t.schema, t.name) ? children.filter((c) => matches(c.schema, c.name) || partitionMatches(tableKey(c.schema, c.name))) : children
    if (!isOpen) {
      if (matches && shownChildren !== children) for (const c of shownChildren) pushTable(c, depth + 1)
      return
    }
    // What could not be read about it is said first; whatever was read still follows.
    if (error) rows.push({ kind: 'error', key: `${key}:error`, depth: depth + 1, text: error.message, title: `${t.name}: ${error.message}` })
    if (!detail) {
      if (!index) rows.push({ kind: 'info', key: `${key}:loading`, depth: depth + 1, text: detailsState === 'failed' ? 'Columns not loaded: the schema could not be read.' : 'Loading columns…' })
      else if (!error) rows.push({ kind: 'info', key: `${key}:missing`, depth: depth + 1, text: 'No details in the schema model (refresh the schema).' })
    } else {
      const pk = primaryKeyColumns(detail)
      const fk = foreignKeyColumns(detail)
      for (const c of detail.columns) {
        rows.push({ kind: 'column', key: `${key}:c:${c.name}`, depth: depth + 1, schema: t.schema, table: t.name, name: c.name, type: c.type, pk: pk.has(c.name), fk: fk.has(c.name), nullable: c.nullable, comment: c.comment })
      }
      for (const f of detail.foreignKeys) {
        rows.push({ kind: 'info', key: `${key}:fk:${f.name}`, depth: depth + 1, text: `FK (${f.columns.join(', ')}) → ${f.refTable} (${f.refColumns.join(', ')})` })
      }
      for (const i of detail.indexes) {
        rows.push({ kind: 'info', key: `${key}:ix:${i.name}`, depth: depth + 1, text: `${i.unique ? 'UNIQUE ' : ''}INDEX ${i.name} (${i.columns.join(', ')})${i.predicate ? ` WHERE ${i.predicate}` : ''}` })
      }
    }
    if (children.length) {
      const gkey = `${key}:partitions`
      const gOpen = open.has(gkey) || (!!matches && shownChildren !== children && shownChildren.length > 0)
      rows.push({ kind: 'group', key: gkey, depth: depth + 1, label: 'Partitions', count: shownChildren.length, open: gOpen })
      if (gOpen) for (const c of shownChildren) pushTable(c, depth + 2)
    }
    if (detail?.triggers.length) {
      const gkey = `${key}:triggers`
      const gOpen = open.has(gkey)
      rows.push({ kind: 'group', key: gkey, depth: depth + 1, label: 'Triggers', count: detail.triggers.length, open: gOpen })
      if (gOpen) {
        for (const tg of detail.triggers) {
          rows.push({
            kind: 'object',
            key: `${gkey}:${tg.name}`,
            depth: depth + 2,
            ref: { kind: 'trigger', schema: t.schema, name: tg.name, table: t.name },
            label: tg.name,
            detail: [tg.timing, (tg.events ?? []).join(' OR '), tg.enabled === false ? '(disabled)' : ''].filter(Boolean).join(' ')
          })
        }
      }
    }
  }

  const pushErrors = (list: ObjectError[], depth: number): void => {
    for (const e of list) {
      rows.push({ kind: 'error', key: `error:${e.schema}:${e.kind}:${e.name}`, depth, text: `${e.name}: ${e.message}`, title: `${e.kind} ${qualified(e.schema, e.name)} could not be read: ${e.message}` })
    }
  }

  const schemas = names.schemas.length ? names.schemas : [...bySchema.keys()]
  const showSchemas = schemas.length > 1
  // Errors of schemas the list does not name still show, at the top.
  if (index) {
    const known = new Set(schemas)
    for (const [schema] of index.errorsBySchema) if (!known.has(schema)) pushErrors(errorsOf(schema), 0)
  }
  for (const schema of schemas) {
    const tables = bySchema.get(schema) ?? []
    const groups = objectsBySchema.get(schema)
    const errors = errorsOf(schema)
    if (showSchemas) {
      if (matches && tables.length === 0 && !groups?.size && !errors.length) continue
      // The default schema starts open; a filter opens every schema with a match.
      const schemaOpen = matches ? true : open.has(`schema:${schema}`) !== (schema === names.defaultSchema)
      rows.push({ kind: 'schema', key: `schema:${schema}`, depth: 0, schema, count: tables.length, open: schemaOpen })
      if (!schemaOpen) continue
    }
    const depth = showSchemas ? 1 : 0
    pushErrors(errors, depth)
    for (const t of tables) pushTable(t, depth)
    // Routines, sequences and types of the schema, as closed groups (a filter opens those it matched in).
    for (const label of GROUPS) {
      const items = groups?.get(label)
      if (!items?.length) continue
      const key = `group:${schema}:${label}`
      const groupOpen = open.has(key) || !!matches
      rows.push({ kind: 'group', key, depth, label, count: items.length, open: groupOpen })
      if (!groupOpen) continue
      for (const o of items) {
        rows.push({ kind: 'object', key: `${key}:${o.ref.kind}:${o.ref.signature ?? o.name}`, depth: depth + 1, ref: o.ref, label: o.label, detail: o.detail })
      }
    }
  }
  return rows
}
