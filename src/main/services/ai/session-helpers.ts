import type { Cell } from '../../../shared/cells'
import { AppError } from '../../../shared/errors'
import { CollectingSink } from '../drivers/collect-sink'
import type { DriverSession } from '../drivers/types'

/**
 * The plan of a query as text, per dialect. `analyze` executes the query (EXPLAIN ANALYZE); on PostgreSQL it
 * runs inside a transaction that is rolled back. Callers only pass `analyze` for read-only queries.
 */
export async function explainWith(session: DriverSession, sql: string, analyze: boolean): Promise<string> {
  const body = sql.trim().replace(/;\s*$/, '')
  switch (session.facts.dialect) {
    case 'postgres': {
      if (!analyze) return rowsText((await session.query(`EXPLAIN (VERBOSE, COSTS) ${body}`)).rows)
      const sink = new CollectingSink()
      await session.execute(`BEGIN; EXPLAIN (ANALYZE, BUFFERS, VERBOSE) ${body}; ROLLBACK;`, sink)
      return rowsText(sink.results.flatMap((r) => r.rows))
    }
    case 'mysql':
      return rowsText((await session.query(analyze ? `EXPLAIN ANALYZE ${body}` : `EXPLAIN FORMAT=TREE ${body}`).catch(() => session.query(`EXPLAIN ${body}`))).rows, true)
    case 'sqlite':
      return rowsText((await session.query(`EXPLAIN QUERY PLAN ${body}`)).rows.map((r) => [r[r.length - 1] ?? null]))
    case 'mssql': {
      const sink = new CollectingSink()
      const setting = analyze ? 'STATISTICS PROFILE' : 'SHOWPLAN_TEXT'
      await session.execute(`SET ${setting} ON\nGO\n${body}\nGO\nSET ${setting} OFF`, sink)
      return rowsText(sink.results.flatMap((r) => r.rows))
    }
  }
}

/** Up to `perColumn` distinct non-null values per column of `table` (schema-qualified), as text. */
export async function sampleValuesWith(session: DriverSession, table: string, columns: string[], perColumn: number): Promise<Record<string, string[]>> {
  const q = session.facts.quoteIdentifier
  const from = table.split('.').map(q).join('.')
  const limit = Math.max(1, Math.min(20, perColumn))
  const top = session.facts.limitSyntax === 'top'
  const out: Record<string, string[]> = {}
  for (const c of columns.slice(0, 40)) {
    const col = q(c)
    const sql = top
      ? `SELECT DISTINCT TOP ${limit} CAST(${col} AS NVARCHAR(200)) AS v FROM ${from} WHERE ${col} IS NOT NULL`
      : `SELECT DISTINCT CAST(${col} AS ${session.facts.dialect === 'mysql' ? 'CHAR(200)' : 'TEXT'}) AS v FROM ${from} WHERE ${col} IS NOT NULL LIMIT ${limit}`
    try {
      out[c] = (await session.query(sql)).rows.map((r) => String(r[0]).slice(0, 80))
    } catch (e) {
      // Binary or exotic types may not cast; leave the column without samples.
      if (e instanceof AppError && e.code === 'CONNECTION_LOST') throw e
    }
  }
  return out
}

function rowsText(rows: Cell[][], allColumns = false): string {
  return rows.map((r) => (allColumns ? r.map((c) => (c === null ? '' : String(c))).join(' | ') : String(r[0] ?? ''))).join('\n')
}
