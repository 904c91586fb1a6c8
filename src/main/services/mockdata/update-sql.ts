import type { Dialect } from '../../../shared/cells'
import type { ImportColumnType } from '../../../shared/contract/import'
import { factsOf } from '../../../shared/engines'
import { quoteIfNeeded } from '../../../shared/sql-identifiers'
import { literal } from '../import/convert'

/** One row of the second pass: its primary key values, and the values of the columns the pass fills. */
export interface RowUpdate {
  key: (string | null)[]
  values: (string | null)[]
}

/** Columns with their literal types (the import's `literal` writes each value as the engine reads it). */
export interface TypedColumns {
  names: string[]
  types: ImportColumnType[]
}

/**
 * `UPDATE t SET c = CASE WHEN <key> THEN v … END WHERE <key> IN …` for many rows at once: one statement per batch
 * instead of one per row, in every engine's dialect.
 */
export function updateStatement(dialect: Dialect, table: string, key: TypedColumns, set: TypedColumns, rows: RowUpdate[]): string {
  const facts = factsOf(dialect)
  const q = (c: string): string => quoteIfNeeded(dialect, c)
  const match = (r: RowUpdate): string => key.names.map((c, i) => `${q(c)} = ${literal(r.key[i] ?? null, key.types[i]!, facts)}`).join(' AND ')
  const conditions = rows.map(match)
  const assignments = set.names.map((c, j) => {
    const cases = rows.map((r, i) => `WHEN ${conditions[i]} THEN ${literal(r.values[j] ?? null, set.types[j]!, facts)}`).join(' ')
    return `${q(c)} = CASE ${cases} END`
  })
  return `UPDATE ${table} SET ${assignments.join(', ')} WHERE ${conditions.map((c) => `(${c})`).join(' OR ')}`
}
