import { createHash } from 'node:crypto'
import type { SchemaModel } from '../../../shared/schema-model'
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
  const { fingerprint: _f, introspectedAt: _i, ...rest } = model as SchemaModel
  const content = { ...rest, tables: rest.tables.map(({ rowEstimate: _r, ...t }) => t) }
  return createHash('sha256').update(stableStringify(content)).digest('hex').slice(0, 32)
}
