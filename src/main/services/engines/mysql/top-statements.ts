import { ACTIVITY_STATEMENT_CHARS, type TopStatements } from '../../../../shared/contract/activity'
import type { DriverSession } from '../../drivers/types'
import { numberOrNull } from '../activity-cells'

const TOP = 20
export const PERFORMANCE_SCHEMA_OFF =
  'performance_schema is off on this server (performance_schema = OFF): statement statistics need performance_schema = ON in the server configuration and a restart.'

/** The statement digests that took the most time, from performance_schema (timers are in picoseconds). */
export async function mysqlTopStatements(session: DriverSession): Promise<TopStatements> {
  const on = await session.query('select @@performance_schema')
  if (Number(on.rows[0]?.[0]) !== 1) return { available: false, reason: PERFORMANCE_SCHEMA_OFF, rows: [] }
  const consumer = await session.query(`select ENABLED from performance_schema.setup_consumers where NAME = 'statements_digest'`)
  if (String(consumer.rows[0]?.[0] ?? 'NO') !== 'YES') {
    return { available: false, reason: "The statements_digest consumer of performance_schema is disabled (UPDATE performance_schema.setup_consumers SET ENABLED = 'YES' WHERE NAME = 'statements_digest').", rows: [] }
  }
  const r = await session.query(
    `select left(coalesce(DIGEST_TEXT, ''), ${ACTIVITY_STATEMENT_CHARS}), COUNT_STAR, SUM_TIMER_WAIT / 1e9, AVG_TIMER_WAIT / 1e9, SUM_ROWS_SENT
       from performance_schema.events_statements_summary_by_digest
      order by SUM_TIMER_WAIT desc limit ${TOP}`
  )
  return {
    available: true,
    source: 'performance_schema.events_statements_summary_by_digest',
    rows: r.rows.map((row) => ({ statement: String(row[0] ?? ''), calls: Number(row[1]), totalMs: Number(row[2]), meanMs: Number(row[3]), rows: numberOrNull(row[4]) }))
  }
}
