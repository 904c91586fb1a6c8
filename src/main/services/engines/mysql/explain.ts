import type { DriverSession } from '../../drivers/types'
import { planText } from '../plan-text'

/** EXPLAIN FORMAT=TREE / EXPLAIN ANALYZE (MySQL 8), plain EXPLAIN where the server has neither (MariaDB). */
export async function explainMysql(session: DriverSession, statement: string, analyze: boolean): Promise<string> {
  const rows = await session.query(analyze ? `EXPLAIN ANALYZE ${statement}` : `EXPLAIN FORMAT=TREE ${statement}`).catch(() => session.query(`EXPLAIN ${statement}`))
  return planText(rows.rows, true)
}
