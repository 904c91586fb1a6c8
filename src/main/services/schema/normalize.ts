import type { SchemaModel } from '../../../shared/schema-model'
import { fingerprintWithJsonSliced, schemaFingerprint, schemaFingerprintSliced } from './fingerprint'
import type { IntrospectedModel } from './introspector'

const byName = <T extends { name: string }>(a: T, b: T): number => compare(a.name, b.name)
const bySchemaName = <T extends { schema: string; name: string }>(a: T, b: T): number => compare(a.schema, b.schema) || compare(a.name, b.name)

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Sorts every list into a canonical order (columns keep their ordinal order) and stamps fingerprint and time. */
export function finalizeModel(model: IntrospectedModel, now: Date = new Date()): SchemaModel {
  const sorted = sortModel(model)
  return { ...sorted, fingerprint: schemaFingerprint(sorted), introspectedAt: now.toISOString() }
}

/** finalizeModel with the same result, its fingerprint hashed in slices that yield to the event loop (big schemas). */
export async function finalizeModelSliced(model: IntrospectedModel, now: Date = new Date()): Promise<SchemaModel> {
  const sorted = sortModel(model)
  return { ...sorted, fingerprint: await schemaFingerprintSliced(sorted), introspectedAt: now.toISOString() }
}

/**
 * finalizeModelSliced, and the model's JSON for the schema cache from the same pass (keys sorted; it parses back to
 * an equal model), so that caching does not serialise the whole model again.
 */
export async function finalizeModelWithJson(
  model: IntrospectedModel,
  now: Date = new Date()
): Promise<{ model: SchemaModel; pieces: string[] }> {
  const sorted = sortModel(model)
  const { fingerprint, json } = await fingerprintWithJsonSliced(sorted)
  const introspectedAt = now.toISOString()
  const pieces = ['{', ...json, `,"fingerprint":${JSON.stringify(fingerprint)},"introspectedAt":${JSON.stringify(introspectedAt)}}`]
  // Joined only if the cache is written (not when the model is the one already cached), by the cache's writer.
  return { model: { ...sorted, fingerprint, introspectedAt }, pieces }
}

function sortModel(model: IntrospectedModel): IntrospectedModel {
  return {
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
}
