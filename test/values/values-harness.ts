import { expect } from 'vitest'
import type { Cell, CellKind } from '../../src/shared/cells'
import type { QueryEvent, ResultSummary } from '../../src/shared/contract'
import { finalResults, type QueryHarness } from '../../src/main/services/query/testing/query-harness'

/** One row of a value table: a label, an SQL expression, the text the grid shows for it, and (optionally) its kind. */
export type ValueCase = [label: string, sql: string, shown: string, kind?: CellKind]

/** What the grid shows for a cell before any styling: NULL spelled out, everything else as its text. */
export const shown = (cell: Cell): string => (cell === null ? 'NULL' : String(cell))

function failures(events: QueryEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'error' ? [e.error.message] : []))
}

/** Runs the script through QueryService (driver → result store) and returns its results with their first rows. */
export async function runResults(h: QueryHarness, conn: string, sql: string, tabId?: string): Promise<{ summary: ResultSummary; rows: Cell[][] }[]> {
  const events = await h.run(conn, sql, tabId ? { tabId } : {})
  expect(failures(events)).toEqual([])
  return Promise.all(
    finalResults(events).map(async (summary) => ({ summary, rows: (await h.queries.rows({ resultId: summary.resultId, offset: 0, limit: 1000 })).rows }))
  )
}

/** Every case as one column of a single SELECT (after `prelude`, in the same session): label → [shown text, kind]. */
export async function showValues(h: QueryHarness, conn: string, cases: readonly ValueCase[], opts: { prelude?: string; tabId?: string; from?: string } = {}): Promise<Map<string, [string, CellKind]>> {
  const select = `select ${cases.map(([, sql], i) => `${sql} as c${i}`).join(',\n  ')}${opts.from ? ` ${opts.from}` : ''}`
  const results = await runResults(h, conn, `${opts.prelude ?? ''}${select}`, opts.tabId)
  const { summary, rows } = results.at(-1)!
  return new Map(cases.map(([label], i) => [label, [shown(rows[0]![i]!), summary.columns[i]!.kind]]))
}
