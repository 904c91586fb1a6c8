import { AppError } from '../../../shared/errors'
import type { DriverSession } from '../drivers/types'

/** Up to `perColumn` distinct non-null values per column of `table` (schema-qualified), as text; none where reading it may write. */
export async function sampleValuesWith(session: DriverSession, table: string, columns: string[], perColumn: number): Promise<Record<string, string[]>> {
  const q = session.facts.quoteIdentifier
  const from = table.split('.').map(q).join('.')
  const limit = Math.max(1, Math.min(20, perColumn))
  const top = session.facts.limitSyntax === 'top'
  const out: Record<string, string[]> = {}
  for (const c of columns.slice(0, 40)) {
    const col = q(c)
    const sql = top
      ? `SELECT DISTINCT TOP ${limit} CAST(${col} AS ${session.facts.sampleTextType}) AS v FROM ${from} WHERE ${col} IS NOT NULL`
      : `SELECT DISTINCT CAST(${col} AS ${session.facts.sampleTextType}) AS v FROM ${from} WHERE ${col} IS NOT NULL LIMIT ${limit}`
    try {
      // reading a view can run a function that writes: a sample is taken only where the analyser sees a plain read
      const analysis = await session.analyse(sql)
      if (analysis.statements.length !== 1 || analysis.statements[0]!.kind !== 'read') return out
      out[c] = (await session.query(sql)).rows.map((r) => String(r[0]).slice(0, 80))
    } catch (e) {
      // Binary or exotic types may not cast; leave the column without samples.
      if (e instanceof AppError && e.code === 'CONNECTION_LOST') throw e
    }
  }
  return out
}
