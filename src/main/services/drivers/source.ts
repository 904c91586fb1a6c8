import type { ResultSource } from '../../../shared/cells'

/** Where one result column comes from: a base table's column, or nothing (expression, view, unknown). */
export interface ColumnOrigin {
  schema?: string
  table: string
  /** Distinguishes two references to one table (a self-join's aliases) where the engine reports them. */
  alias?: string
}

/** The source table when every column comes from the same base table (and the same reference to it), else undefined. */
export function singleSource(origins: readonly (ColumnOrigin | null | undefined)[]): ResultSource | undefined {
  const first = origins[0]
  if (!first) return undefined
  for (const o of origins) {
    if (!o || o.table !== first.table || o.schema !== first.schema || o.alias !== first.alias) return undefined
  }
  return first.schema === undefined ? { table: first.table } : { schema: first.schema, table: first.table }
}
