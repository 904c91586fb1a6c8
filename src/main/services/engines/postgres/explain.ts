import type { DriverSession } from '../../drivers/types'
import { planText } from '../plan-text'

/** EXPLAIN, or EXPLAIN ANALYZE inside a transaction that is always rolled back. */
export async function explainPostgres(session: DriverSession, statement: string, analyze: boolean): Promise<string> {
  if (!analyze) return planText((await session.query(`EXPLAIN (VERBOSE, COSTS) ${statement}`)).rows)
  await session.query('BEGIN')
  try {
    return planText((await session.query(`EXPLAIN (ANALYZE, BUFFERS, VERBOSE) ${statement}`)).rows)
  } finally {
    await session.query('ROLLBACK').catch(() => undefined)
  }
}
