import type { TableModel } from '../../../../shared/schema-model'
import type { DdlContext } from '../../schema/ddl/common'

/** Counted up to this many; more is said as "more than". */
export const COUNT_LIMIT = 1_000_000

/** A bounded count of the rows of `table` matching `where`: what a destructive step puts at risk. */
export function boundedCount(table: TableModel, ctx: DdlContext, where?: string): string {
  return `SELECT count(*) FROM (SELECT 1 AS x FROM ${ctx.tableName(table.schema, table.name)}${where ? ` WHERE ${where}` : ''} LIMIT ${COUNT_LIMIT + 1}) counted`
}

/** `1,234 rows`, `more than 1,000,000 rows`. */
export function countText(n: number, unit: string): string {
  const shown = n > COUNT_LIMIT ? `more than ${COUNT_LIMIT.toLocaleString('en')}` : n.toLocaleString('en')
  return `${shown} ${unit}`
}
