import { ACTIVITY_STATEMENT_CHARS, type TopStatements } from '../../../../shared/contract/activity'
import { AppError } from '../../../../shared/errors'
import type { DriverSession } from '../../drivers/types'
import type { ActivityMonitor, ServerActivity } from '../activity-types'
import { lockFromRow, numberOrNull, sessionFromRow } from '../activity-cells'

// Written from the documented DMVs; not run here (no SQL Server on the build machine). Needs VIEW SERVER STATE.
const sessionsSql = `
select s.session_id, s.login_name, db_name(coalesce(r.database_id, s.database_id)), c.client_net_address, s.program_name,
       coalesce(r.status, s.status), left(t.text, ${ACTIVITY_STATEMENT_CHARS}), case when len(t.text) > ${ACTIVITY_STATEMENT_CHARS} then 1 else 0 end,
       case when r.session_id is not null then datediff_big(millisecond, r.start_time, sysdatetime()) end,
       (select datediff_big(millisecond, min(a.transaction_begin_time), sysdatetime())
          from sys.dm_tran_session_transactions st join sys.dm_tran_active_transactions a on a.transaction_id = st.transaction_id
         where st.session_id = s.session_id),
       r.wait_type, nullif(r.blocking_session_id, 0)
  from sys.dm_exec_sessions s
  left join sys.dm_exec_requests r on r.session_id = s.session_id
  left join sys.dm_exec_connections c on c.session_id = s.session_id
 outer apply sys.dm_exec_sql_text(coalesce(r.sql_handle, c.most_recent_sql_handle)) t
 where s.is_user_process = 1
 order by s.session_id`

const locksSql = `
select top 1000 l.request_session_id, l.resource_type,
       case when l.resource_type = 'OBJECT'
            then object_schema_name(l.resource_associated_entity_id, l.resource_database_id) + '.' + object_name(l.resource_associated_entity_id, l.resource_database_id) end,
       l.request_mode, case when l.request_status = 'GRANT' then 1 else 0 end
  from sys.dm_tran_locks l
 where l.resource_type <> 'DATABASE'
 order by case when l.request_status = 'GRANT' then 1 else 0 end, l.request_session_id`

const topSql = `
select top 20 left(t.text, ${ACTIVITY_STATEMENT_CHARS}), qs.execution_count, qs.total_elapsed_time / 1000.0,
       qs.total_elapsed_time / 1000.0 / nullif(qs.execution_count, 0), qs.total_rows
  from sys.dm_exec_query_stats qs cross apply sys.dm_exec_sql_text(qs.sql_handle) t
 order by qs.total_elapsed_time desc`

async function read(session: DriverSession, ownPid: number | null): Promise<ServerActivity> {
  const sessions = (await session.query(sessionsSql)).rows.map((r) => sessionFromRow(r, ownPid))
  const locks = (await session.query(locksSql)).rows.map(lockFromRow)
  return { sessions, locks }
}

async function topStatements(session: DriverSession): Promise<TopStatements> {
  try {
    const r = await session.query(topSql)
    return {
      available: true,
      source: 'sys.dm_exec_query_stats',
      rows: r.rows.map((row) => ({ statement: String(row[0] ?? ''), calls: Number(row[1]), totalMs: Number(row[2]), meanMs: Number(row[3] ?? 0), rows: numberOrNull(row[4]) }))
    }
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'SQL_ERROR')) throw err
    return { available: false, reason: `sys.dm_exec_query_stats cannot be read (it needs VIEW SERVER STATE): ${err.message}`, rows: [] }
  }
}

export const mssqlActivity: ActivityMonitor = {
  async markMonitor(session) {
    const r = await session.query('select @@spid')
    return Number(r.rows[0]?.[0])
  },
  read,
  topStatements,
  cancelSql: () => {
    throw new AppError('UNSUPPORTED', 'SQL Server cannot stop another session’s statement and keep the session: only Terminate (KILL) is available.')
  },
  terminateSql: (pid) => `KILL ${Math.trunc(pid)}`,
  signalled: () => true
}
