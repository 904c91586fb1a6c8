import { parseMysqlJsonPlan, parseMysqlTreePlan } from '../../../../shared/plan/parse/mysql'
import type { Plan } from '../../../../shared/plan/model'
import type { DriverSession } from '../../drivers/types'

/**
 * The plan in the shared model: `EXPLAIN FORMAT=JSON`; with analyze, MariaDB's `ANALYZE FORMAT=JSON` or MySQL 8's
 * `EXPLAIN ANALYZE` tree, inside a read-only transaction that is always rolled back.
 */
export async function planMysql(session: DriverSession, statement: string, analyze: boolean): Promise<Plan> {
  const firstCell = async (sql: string): Promise<string> => String((await session.query(sql)).rows[0]?.[0] ?? '')
  if (!analyze) return parseMysqlJsonPlan(await firstCell(`EXPLAIN FORMAT=JSON ${statement}`), false)
  const mariadb = /mariadb/i.test(await session.serverVersion())
  await session.query('START TRANSACTION READ ONLY')
  try {
    return mariadb ? parseMysqlJsonPlan(await firstCell(`ANALYZE FORMAT=JSON ${statement}`), true) : parseMysqlTreePlan(await firstCell(`EXPLAIN ANALYZE ${statement}`))
  } finally {
    await session.query('ROLLBACK').catch(() => undefined)
  }
}
