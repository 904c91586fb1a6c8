import type { EngineFacts } from '../../../../shared/engines/types'
import { qualifiedName, type SchemaModel } from '../../../../shared/schema-model'
import type { DriverSession } from '../../drivers/types'
import { quotedTable, readBounded } from '../../sampling/bounded-read'
import type { NameColumn } from './name-columns'

export interface NameProbeOptions {
  signal?: AbortSignal
  /** A column whose lookup takes longer (a large table without an index) is given up. */
  perColumnMs?: number
  /** All lookups of one question together; the rest are skipped once it is spent. */
  budgetMs?: number
}

/** What a lookup searches for: lower case, without a leading "The" ("Beatles, The"), without LIKE's wildcards. */
export function namePattern(name: string): string | undefined {
  const core = name
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[%_\\]/g, '')
    .trim()
  return core.length >= 3 ? core : undefined
}

/** One bounded read: is any of `names` in `column` of `table` (case-insensitive, as part of the value)? */
export function nameLookupSql(facts: EngineFacts, table: { schema: string; name: string }, column: string, names: string[]): string | undefined {
  const patterns = names.map(namePattern).filter((p): p is string => !!p)
  if (patterns.length === 0) return undefined
  const value = `LOWER(CAST(${facts.quoteIdentifier(column)} AS ${facts.sampleTextType}))`
  const where = patterns.map((p) => `${value} LIKE ${facts.stringLiteral(`%${p}%`)}`).join(' OR ')
  const from = quotedTable(facts, table)
  return facts.limitSyntax === 'top' ? `SELECT TOP 1 1 FROM ${from} WHERE ${where}` : `SELECT 1 FROM ${from} WHERE ${where} LIMIT 1`
}

/**
 * The tables, best candidate first, whose name columns hold one of the question's proper names, looked up on the live
 * database: one bounded read per column, each passing the statement analyser as exactly one read before it runs (and
 * the session's read-only guard when it runs), within a time budget; views are not read. The names go only to the
 * user's own database.
 */
export async function tablesHoldingNames(session: DriverSession, model: SchemaModel, columns: NameColumn[], names: string[], opts: NameProbeOptions = {}): Promise<string[]> {
  const deadline = performance.now() + (opts.budgetMs ?? 1500)
  const tables = new Map(model.tables.map((t) => [qualifiedName(t), t]))
  const found: string[] = []
  for (const { tableKey, column } of columns) {
    if (found.includes(tableKey)) continue
    const left = deadline - performance.now()
    if (left <= 0) break
    const table = tables.get(tableKey)
    // not views: reading one runs its query, which may be slow or call functions (as the value sampler says)
    const sql = table && table.kind !== 'view' && nameLookupSql(session.facts, table, column, names)
    if (!sql) continue
    const rows = await readBounded(session, sql, { signal: opts.signal, timeoutMs: Math.min(left, opts.perColumnMs ?? 300) })
    if (rows?.length) found.push(tableKey)
  }
  return found
}
