import { parseDuckdbPlan } from '../../../../shared/plan/parse/duckdb'
import type { Plan } from '../../../../shared/plan/model'
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
