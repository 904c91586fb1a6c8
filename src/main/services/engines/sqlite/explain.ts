import type { DriverSession } from '../../drivers/types'
import { planText } from '../plan-text'

/** EXPLAIN QUERY PLAN: SQLite has no ANALYZE form, so the plan is the same either way. */
export async function explainSqlite(session: DriverSession, statement: string): Promise<string> {
  return planText((await session.query(`EXPLAIN QUERY PLAN ${statement}`)).rows.map((r) => [r[r.length - 1] ?? null]))
}
