import type { AiConversationScope } from '../../../../shared/contract/ai-conversations'
import { qualifiedName, type SchemaModel } from '../../../../shared/schema-model'

export interface ScopeFilter {
  /** Pinned tables that exist in the schema, in the order they were pinned. */
  pinned: string[]
  /** Whether a table (by its qualified name) is pinned or in a pinned schema. */
  contains(key: string): boolean
  empty: boolean
}

/** The scope of a conversation against the connection's current schema (pins of dropped tables are ignored). */
export function scopeFilter(scope: AiConversationScope | undefined, schema: SchemaModel): ScopeFilter {
  const schemaOf = new Map(schema.tables.map((t) => [qualifiedName(t), t.schema]))
  const pinned = (scope?.tables ?? []).filter((k) => schemaOf.has(k))
  const pinnedSet = new Set(pinned)
  const schemas = new Set(scope?.schemas ?? [])
  return {
    pinned,
    contains: (key) => pinnedSet.has(key) || schemas.has(schemaOf.get(key) ?? '\0'),
    empty: pinnedSet.size === 0 && schemas.size === 0
  }
}

/** A ranked list with the tables inside the scope first, each part in its own rank order. */
export function scopeFirst<T extends { key: string }>(ranked: T[], scope: ScopeFilter): T[] {
  if (scope.empty) return ranked
  return [...ranked.filter((r) => scope.contains(r.key)), ...ranked.filter((r) => !scope.contains(r.key))]
}
