import type { DriverSession } from '../../drivers/types'
import { planText } from '../plan-text'

/**
 * DuckDB's plan is one text cell (explain_value). ANALYZE runs the statement, and is only offered for reads: it runs
 * inside a read-only transaction that is always rolled back.
 */
export async function explainDuckdb(session: DriverSession, statement: string, analyze: boolean): Promise<string> {
  const plan = async (sql: string): Promise<string> => planText((await session.query(sql)).rows.map((r) => [r[1] ?? null]))
  if (!analyze) return plan(`EXPLAIN ${statement}`)
  await session.query('BEGIN TRANSACTION READ ONLY')
  try {
    return await plan(`EXPLAIN ANALYZE ${statement}`)
  } finally {
    await session.query('ROLLBACK').catch(() => undefined)
  }
}
