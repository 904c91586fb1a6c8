import type { EngineFacts } from '../../../shared/engines/types'
import { AppError } from '../../../shared/errors'
import { CollectingSink } from '../drivers/collect-sink'
import type { DriverSession } from '../drivers/types'

export interface BoundedReadOptions {
  signal?: AbortSignal
  /** One slow table must not hold up the rest: its query is cancelled after this long. */
  timeoutMs?: number
}

/** `schema.table` quoted for the engine (a file database's tables may have no schema). */
export function quotedTable(facts: EngineFacts, table: { schema: string; name: string }): string {
  const q = facts.quoteIdentifier
  return table.schema ? `${q(table.schema)}.${q(table.name)}` : q(table.name)
}

/**
 * The rows of one sampling query, or undefined when it may not or could not run. The statement analyser must read it
 * as exactly one read before it runs (and the session's own read-only guard applies when it runs). A lost connection
 * or the caller's abort ends the whole run; a column that cannot be cast, read or timed out is only skipped.
 */
export async function readBounded(session: DriverSession, sql: string, opts: BoundedReadOptions = {}): Promise<unknown[][] | undefined> {
  const analysis = await session.analyse(sql)
  if (analysis.statements.length !== 1 || analysis.statements[0]!.kind !== 'read') return undefined
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 15_000)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout
  try {
    const sink = new CollectingSink()
    await session.execute(analysis, sink, { signal })
    return sink.results[0]?.rows ?? []
  } catch (e) {
    opts.signal?.throwIfAborted()
    if (e instanceof AppError && e.code === 'CONNECTION_LOST') throw e
    return undefined
  }
}
