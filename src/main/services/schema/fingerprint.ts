import { createHash } from 'node:crypto'
import type { SchemaModel } from '../../../shared/schema-model'
import { yieldIfDue } from '../statements/split-bounded'
import type { IntrospectedModel } from './introspector'

/** JSON with object keys sorted, so equal content always serialises the same way. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`
}

/**
 * Hash of the catalog structure. Leaves out when it was read and the row estimates, which move with every
 * ANALYZE: an unchanged fingerprint means no object, column, key or comment changed.
 */
export function schemaFingerprint(model: IntrospectedModel | SchemaModel): string {
  return createHash('sha256').update(stableStringify(fingerprintContent(model))).digest('hex').slice(0, 32)
}

function fingerprintContent(model: IntrospectedModel | SchemaModel): Record<string, unknown> {
  const { fingerprint: _f, introspectedAt: _i, ...rest } = model as SchemaModel
  return { ...rest, tables: rest.tables.map(({ rowEstimate: _r, ...t }) => t) }
}

/**
 * schemaFingerprint of the same model, the same hash, without one long synchronous stretch: the text stableStringify
 * would give is fed to the hash piece by piece (table by table), yielding to the event loop between slices, so
 * fingerprinting thousands of tables does not stall other calls.
 */
export async function schemaFingerprintSliced(model: IntrospectedModel | SchemaModel): Promise<string> {
  const content = fingerprintContent(model)
  const hash = createHash('sha256')
  let since = performance.now()
  const entries = Object.entries(content)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  hash.update('{')
  for (const [i, [key, value]] of entries.entries()) {
    hash.update(`${i ? ',' : ''}${JSON.stringify(key)}:`)
    if (key !== 'tables' || !Array.isArray(value)) {
      hash.update(stableStringify(value))
      continue
    }
    hash.update('[')
    for (const [k, table] of value.entries()) {
      hash.update(`${k ? ',' : ''}${stableStringify(table)}`)
      since = await yieldIfDue(since)
    }
    hash.update(']')
  }
  hash.update('}')
  return hash.digest('hex').slice(0, 32)
}
