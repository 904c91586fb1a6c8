import { ACTIVITY_STATEMENT_CHARS, type TopStatements } from '../../../../shared/contract/activity'
import { AppError } from '../../../../shared/errors'
import type { DriverSession } from '../../drivers/types'
import { numberOrNull } from '../activity-cells'

const TOP = 20
export const NOT_INSTALLED =
  'pg_stat_statements is not installed in this database: it needs shared_preload_libraries = \'pg_stat_statements\' (a server restart), then CREATE EXTENSION pg_stat_statements.'

/** The statements that took the most time, from pg_stat_statements where the extension is installed and loaded. */
export async function postgresTopStatements(session: DriverSession): Promise<TopStatements> {
  const ext = await session.query(
    `select n.nspname, current_setting('server_version_num')::int from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_stat_statements'`
  )
  if (!ext.rows.length) return { available: false, reason: NOT_INSTALLED, rows: [] }
  const schema = String(ext.rows[0][0]).replace(/"/g, '""')
  // PostgreSQL 13 split planning from execution time
  const [total, mean] = Number(ext.rows[0][1]) >= 130000 ? ['total_exec_time', 'mean_exec_time'] : ['total_time', 'mean_time']
  try {
    const r = await session.query(
      `select left(query, ${ACTIVITY_STATEMENT_CHARS}), calls, ${total}, ${mean}, rows from "${schema}".pg_stat_statements order by ${total} desc limit ${TOP}`
    )
    return {
      available: true,
      source: 'pg_stat_statements',
      rows: r.rows.map((row) => ({ statement: String(row[0] ?? ''), calls: Number(row[1]), totalMs: Number(row[2]), meanMs: Number(row[3]), rows: numberOrNull(row[4]) }))
    }
  } catch (err) {
    // installed but not in shared_preload_libraries: the view raises instead of returning rows
    if (err instanceof AppError && err.code === 'SQL_ERROR') return { available: false, reason: `pg_stat_statements is installed but cannot be read: ${err.message}`, rows: [] }
    throw err
  }
}
