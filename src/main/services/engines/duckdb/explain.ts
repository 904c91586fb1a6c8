import { parseDuckdbPlan } from '../../../../shared/plan/parse/duckdb'
import type { Plan } from '../../../../shared/plan/model'
import type { DriverSession } from '../../drivers/types'

/** The plan in the shared model: `EXPLAIN (FORMAT JSON)`, or the profiler's JSON inside a rolled-back read-only transaction. */
export async function planDuckdb(session: DriverSession, statement: string, analyze: boolean): Promise<Plan> {
  const json = async (sql: string): Promise<Plan> => parseDuckdbPlan(String((await session.query(sql)).rows[0]?.[1] ?? ''))
  if (!analyze) return json(`EXPLAIN (FORMAT JSON) ${statement}`)
  await session.query('BEGIN TRANSACTION READ ONLY')
  try {
    return await json(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`)
  } finally {
    await session.query('ROLLBACK').catch(() => undefined)
  }
}
