import type { SchemaModel } from '../../../shared/schema-model'

/** The objects of one schema of the model (engines with one schema per file keep everything). */
export function onlySchema(model: SchemaModel, schema: string): SchemaModel {
  const inSchema = <T extends { schema: string }>(xs: T[]): T[] => xs.filter((x) => x.schema === schema)
  return {
    ...model,
    schemas: [schema],
    tables: inSchema(model.tables),
    routines: inSchema(model.routines),
    sequences: inSchema(model.sequences),
    enums: inSchema(model.enums),
    domains: inSchema(model.domains),
    ...(model.types ? { types: inSchema(model.types) } : {})
  }
}

/**
 * The model as if it lived in schema `to`: names equal to `from` are replaced, and so are `from.`-qualified names in
 * bodies (view, routine and trigger text print other schemas qualified), quoted or not. Comparing schema `b` with
 * schema `a` then reports what differs, not the schema name everywhere.
 */
export function renameSchema(model: SchemaModel, from: string, to: string): SchemaModel {
  if (from === to) return model
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const qualified = new RegExp(`(^|[^A-Za-z0-9_$])(["\`]?)${escaped}\\2\\.`, 'g')
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return value === from ? to : value.replace(qualified, (_m, pre: string, q: string) => `${pre}${q}${to}${q}.`)
    if (Array.isArray(value)) return value.map(walk)
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]))
    return value
  }
  return { ...(walk(model) as SchemaModel), defaultSchema: to }
}
