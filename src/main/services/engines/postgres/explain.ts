import { parsePostgresPlan } from '../../../../shared/plan/parse/postgres'
import type { Plan } from '../../../../shared/plan/model'
import type { DriverSession } from '../../drivers/types'

/**
 * The plan as JSON in the shared model: SETTINGS (PostgreSQL 12+) lists the non-default planner settings, ANALYZE
 * adds BUFFERS; ANALYZE runs inside a transaction that is always rolled back.
 */
export async function planPostgres(session: DriverSession, statement: string, analyze: boolean): Promise<Plan> {
  const version = Number((await session.query('SHOW server_version_num')).rows[0]?.[0] ?? 0)
  const options = `FORMAT JSON, VERBOSE${version >= 120000 ? ', SETTINGS' : ''}${analyze ? ', ANALYZE, BUFFERS' : ''}`
  const read = async (): Promise<Plan> => parsePostgresPlan((await session.query(`EXPLAIN (${options}) ${statement}`)).rows[0]?.[0], analyze)
  if (!analyze) return read()
  await session.query('BEGIN')
  try {
    return await read()
  } finally {
    await session.query('ROLLBACK').catch(() => undefined)
  }
}
