import { parseSqlitePlan } from '../../../../shared/plan/parse/sqlite'
import type { Plan } from '../../../../shared/plan/model'
import type { DriverSession } from '../../drivers/types'

/** The plan in the shared model. SQLite has no ANALYZE form: with `analyze` the plan says so, and nothing runs. */
export async function planSqlite(session: DriverSession, statement: string, analyze: boolean): Promise<Plan> {
  const plan = parseSqlitePlan((await session.query(`EXPLAIN QUERY PLAN ${statement}`)).rows)
  if (analyze) plan.notes.push('SQLite has no EXPLAIN ANALYZE: the statement was not run, and the plan has no actual rows or times.')
  return plan
}
