import type { AppErrorShape } from '../../src/shared/errors'
import type { QueryEvent } from '../../src/shared/contract'
import { parseConnectionUrl } from '../../src/main/services/connections/url'
import { finalResults, type QueryHarness } from '../../src/main/services/query/testing/query-harness'

export interface TabRun {
  error?: AppErrorShape
  errorEvent?: Extract<QueryEvent, { type: 'error' }>
  transaction?: string
  messages: string[]
  /** The first cell of the last result, as a string (null when there is none). */
  value: string | null
}

/** Runs `sql` in a tab (or without one) and sums up what the run reported. */
export async function runInTab(h: QueryHarness, connectionId: string, tabId: string | undefined, sql: string, extra: { autoCommit?: boolean; cursorOffset?: number; editorOffset?: number } = {}): Promise<TabRun> {
  const events = await h.run(connectionId, sql, { ...(tabId && { tabId }), ...extra })
  const errorEvent = events.find((e): e is Extract<QueryEvent, { type: 'error' }> => e.type === 'error')
  const finished = events.find((e): e is Extract<QueryEvent, { type: 'finished' }> => e.type === 'finished')
  const results = finalResults(events)
  const last = results[results.length - 1]
  const rows = last ? (await h.queries.rows({ resultId: last.resultId, offset: 0, limit: 1 })).rows : []
  const cell = rows[0]?.[0]
  return {
    error: errorEvent?.error,
    errorEvent,
    transaction: finished?.transaction,
    messages: events.flatMap((e) => (e.type === 'message' ? [e.text] : [])),
    value: cell === null || cell === undefined ? null : String(cell)
  }
}

export const serverConnection = (h: QueryHarness, dialect: 'postgres' | 'mysql', readOnly = false): string =>
  h.connection({ ...parseConnectionUrl(dialect === 'postgres' ? process.env.PG_URL! : process.env.MYSQL_URL!), dialect, name: dialect, readOnly } as never)
