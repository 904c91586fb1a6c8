import type { EngineFacts } from '../../../../shared/engines/types'
import { qualifiedName, type SchemaModel } from '../../../../shared/schema-model'
import type { DriverSession } from '../../drivers/types'
import { quotedTable, readBounded } from '../../sampling/bounded-read'
import type { NameColumn } from './name-columns'
import { withinMs } from '../../within-ms'

export interface NameProbeOptions {
  signal?: AbortSignal
  /** A column whose lookup takes longer (a large table without an index) is given up. */
  perColumnMs?: number
  /** All lookups of one question together, connecting included; what is left is skipped once it is spent. */
  budgetMs?: number
}

/** What the lookups of one question found, and whether every candidate column was searched. */
export interface NameLookup {
  tables: string[]
  /** Name columns searched to the end. */
  searched: number
  /** Name columns whose lookup failed, timed out or was not reached in time. */
  unsearched: number
}

const DEFAULT_BUDGET_MS = 1500
const DEFAULT_PER_COLUMN_MS = 300

/** What a lookup searches for: without a leading "The" ("Beatles, The") and without LIKE's wildcards. */
export function namePattern(name: string): string | undefined {
  const core = name
    .replace(/^the\s+/i, '')
    .replace(/[%_\\]/g, '')
    .trim()
  return core.length >= 3 ? core : undefined
}

/**
 * One bounded read: is any of `names` in `column` of `table`, as part of the value? Lower-cased on both sides, and as
 * written too, since SQLite's LOWER folds ASCII letters only ("Ümit").
 */
export function nameLookupSql(facts: EngineFacts, table: { schema: string; name: string }, column: string, names: string[]): string | undefined {
  const patterns = [...new Set(names.map(namePattern).filter((p): p is string => !!p))]
  if (patterns.length === 0) return undefined
  const text = `CAST(${facts.quoteIdentifier(column)} AS ${facts.sampleTextType})`
  const tests = patterns.flatMap((p) => [`LOWER(${text}) LIKE ${facts.stringLiteral(`%${p.toLowerCase()}%`)}`, ...(p === p.toLowerCase() ? [] : [`${text} LIKE ${facts.stringLiteral(`%${p}%`)}`])])
  const from = quotedTable(facts, table)
  return facts.limitSyntax === 'top' ? `SELECT TOP 1 1 FROM ${from} WHERE ${tests.join(' OR ')}` : `SELECT 1 FROM ${from} WHERE ${tests.join(' OR ')} LIMIT 1`
}

/**
 * The tables, best candidate first, whose name columns hold one of the question's proper names, looked up on `session`:
 * one bounded read per column, each passing the statement analyser as exactly one read before it runs (and the
 * session's read-only guard when it runs), within a time budget; views are not read.
 */
export async function tablesHoldingNames(session: DriverSession, model: SchemaModel, columns: NameColumn[], names: string[], opts: NameProbeOptions = {}): Promise<NameLookup> {
  const deadline = performance.now() + (opts.budgetMs ?? DEFAULT_BUDGET_MS)
  const tables = new Map(model.tables.map((t) => [qualifiedName(t), t]))
  const out: NameLookup = { tables: [], searched: 0, unsearched: 0 }
  for (const { tableKey, column } of columns) {
    if (out.tables.includes(tableKey)) continue
    const table = tables.get(tableKey)
    // not views: reading one runs its query, which may be slow or call functions (as the value sampler says)
    const sql = table && table.kind !== 'view' ? nameLookupSql(session.facts, table, column, names) : undefined
    if (!sql) continue
    const left = deadline - performance.now()
    if (left <= 0 || opts.signal?.aborted) {
      out.unsearched++
      continue
    }
    const rows = await readBounded(session, sql, { signal: opts.signal, timeoutMs: Math.min(left, opts.perColumnMs ?? DEFAULT_PER_COLUMN_MS) }).catch(() => undefined)
    if (!rows) out.unsearched++
    else {
      out.searched++
      if (rows.length) out.tables.push(tableKey)
    }
  }
  return out
}

/**
 * The lookups of one question on a session of their own, opened for them and closed after: a lookup given up is
 * cancelled on the server, which must not cancel the catalog or another tab's work. Connecting counts against the
 * budget; past it the answer is undefined (nothing could be checked) and the session closes once it settles.
 */
export async function lookUpNames(open: () => Promise<DriverSession>, model: SchemaModel, columns: NameColumn[], names: string[], opts: NameProbeOptions = {}): Promise<NameLookup | undefined> {
  const budget = opts.budgetMs ?? DEFAULT_BUDGET_MS
  const stop = new AbortController()
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal
  const started = performance.now()
  let session: DriverSession | undefined
  const work = (async () => {
    session = await open()
    return tablesHoldingNames(session, model, columns, names, { ...opts, signal, budgetMs: budget - (performance.now() - started) })
  })()
  const settled = work.catch(() => undefined).finally(() => session?.close().catch(() => {}))
  try {
    const answer = await withinMs(settled, budget + (opts.perColumnMs ?? DEFAULT_PER_COLUMN_MS))
    return answer === 'timeout' ? undefined : answer
  } finally {
    stop.abort()
  }
}
