import type { SchemaModel } from '../../../shared/schema-model'
import { schemaFingerprint } from './fingerprint'
import type { IntrospectedModel } from './introspector'

const byName = <T extends { name: string }>(a: T, b: T): number => compare(a.name, b.name)
const bySchemaName = <T extends { schema: string; name: string }>(a: T, b: T): number => compare(a.schema, b.schema) || compare(a.name, b.name)

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Sorts every list into a canonical order (columns keep their ordinal order) and stamps fingerprint and time. */
export function finalizeModel(model: IntrospectedModel, now: Date = new Date()): SchemaModel {
  const sorted: IntrospectedModel = {
    ...model,
    schemas: [...model.schemas].sort(compare),
    tables: model.tables
      .map((t) => ({
        ...t,
        foreignKeys: [...t.foreignKeys].sort(byName),
        indexes: [...t.indexes].sort(byName),
        constraints: [...t.constraints].sort(byName),
        triggers: [...t.triggers].sort(byName)
      }))
      .sort(bySchemaName),
    routines: [...model.routines].sort((a, b) => bySchemaName(a, b) || compare(a.signature, b.signature)),
    sequences: [...model.sequences].sort(bySchemaName),
    enums: [...model.enums].sort(bySchemaName),
    domains: [...model.domains].sort(bySchemaName)
  }
  return { ...sorted, fingerprint: schemaFingerprint(sorted), introspectedAt: now.toISOString() }
}
