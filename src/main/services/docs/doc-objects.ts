import { sqlParser } from '../sql-parser'
import { factsOf } from '../../../shared/engines'
import { qualifiedName, type CompositeTypeModel, type SchemaModel, type TableModel } from '../../../shared/schema-model'
import type { DocSite } from './doc-site'


export interface DocObjects extends Pick<SchemaModel, 'enums' | 'routines' | 'sequences' | 'domains' | 'errors'> {
  types: CompositeTypeModel[]
}

/**
 * Schema-level objects the docs show: those of schemas with documented tables, and those of schemas that have no
 * tables at all (a schema of only types or functions is still documented).
 */
export function docObjects(site: DocSite): DocObjects {
  const m = site.model
  const withTables = new Set(m.tables.map((t) => t.schema))
  const shown = new Set(site.tables.map((t) => t.schema))
  const keep = (x: { schema: string }) => shown.has(x.schema) || !withTables.has(x.schema)
  return {
    enums: m.enums.filter(keep),
    routines: m.routines.filter(keep),
    sequences: m.sequences.filter(keep),
    domains: m.domains.filter(keep),
    types: (m.types ?? []).filter(keep),
    errors: (m.errors ?? []).filter(keep)
  }
}

/** The partitions of a partitioned table that are in the documented set, in the parent's order. */
export function partitionsOf(site: DocSite, t: TableModel): { name: string; table?: TableModel; bound?: string }[] {
  if (!t.partitioning) return []
  const listed = t.partitioning.partitions.map((name) => {
    const table = site.byName.get(name.includes('.') ? name : qualifiedName({ schema: t.schema, name })) ?? site.tables.find((x) => x.name === name && x.partitionOf?.table === t.name)
    return { name, table, bound: table?.partitionOf?.bound ?? t.partitioning?.bounds?.[name] }
  })
  // Partitions that point at this parent but are not in its list (a model filled from the child side).
  const extra = site.tables
    .filter((x) => x.partitionOf && x.partitionOf.schema === t.schema && x.partitionOf.table === t.name && !listed.some((l) => l.table === x))
    .map((x) => ({ name: x.name, table: x, bound: x.partitionOf!.bound }))
  return [...listed, ...extra]
}

const readsCache = new WeakMap<TableModel, string[] | null>()

/**
 * The tables and views a view reads, parsed from its definition with node-sql-parser; names resolve to documented
 * tables where they can (unqualified names: the view's schema, then the default schema). A definition the parser
 * cannot read falls back to the names after FROM and JOIN. Null for a view without a definition.
 */
export function viewReads(site: DocSite, view: TableModel): string[] | null {
  if (readsCache.has(view)) return readsCache.get(view)!
  const body = view.definition?.trim()
  let result: string[] | null = null
  if (body) {
    let names: { schema?: string; name: string }[]
    try {
      names = sqlParser()
        .tableList(body, { database: factsOf(site.model.dialect).parserDialect })
        .map((e) => e.split('::'))
        .filter(([type, , name]) => type === 'select' && !!name)
        .map(([, db, name]) => ({ schema: db && db !== 'null' ? db : undefined, name }))
    } catch {
      names = [...body.matchAll(/\b(?:from|join)\s+((?:[`"[]?[\w$]+[`"\]]?\.)?[`"[]?[\w$]+[`"\]]?)/gi)].map((m) => {
        const parts = m[1].split('.').map((p) => p.replace(/^[`"[]|[`"\]]$/g, ''))
        return parts.length === 2 ? { schema: parts[0], name: parts[1] } : { name: parts[0] }
      })
    }
    const out = new Set<string>()
    for (const { schema, name } of names) {
      const hit = resolve(site, view, schema, name)
      if (hit === view) continue
      // CTE names and other names the model does not know are left out when unqualified.
      if (hit) out.add(qualifiedName(hit))
      else if (schema) out.add(`${schema}.${name}`)
    }
    result = [...out].sort()
  }
  readsCache.set(view, result)
  return result
}

function resolve(site: DocSite, view: TableModel, schema: string | undefined, name: string): TableModel | undefined {
  const all = site.model.tables
  const lower = name.toLowerCase()
  return (
    all.find((t) => t.name === name && t.schema === (schema ?? view.schema)) ??
    all.find((t) => t.name === name && t.schema === (schema ?? site.model.defaultSchema)) ??
    all.find((t) => t.name.toLowerCase() === lower && (schema === undefined ? t.schema === view.schema : t.schema.toLowerCase() === schema.toLowerCase()))
  )
}
