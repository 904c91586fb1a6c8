import { ACTIVITY_STATEMENT_CHARS } from '../../../../shared/contract/activity'
import type { DriverSession } from '../../drivers/types'
import type { ActivityMonitor, ServerActivity } from '../activity-types'
import { lockFromRow, sessionFromRow } from '../activity-cells'
import { postgresTopStatements } from './top-statements'

/** What the app's monitoring session calls itself in pg_stat_activity, so a DBA can tell it from the app's tab sessions. */
export const MONITOR_APPLICATION_NAME = 'QueryGenie activity monitor'

// Client backends only: the server's own processes (checkpointer, walwriter…) hold nothing a user can act on.
// The statement's duration only while it runs; an idle session's query is its last one, and its wait for the client
// (Client: ClientRead) is just being idle.
const sessionsSql = `
select a.pid, a.usename, a.datname, host(a.client_addr), a.application_name, a.state,
       left(a.query, ${ACTIVITY_STATEMENT_CHARS}), length(a.query) > ${ACTIVITY_STATEMENT_CHARS},
       case when a.state = 'active' then extract(epoch from clock_timestamp() - a.query_start)::float8 * 1000 end,
       extract(epoch from clock_timestamp() - a.xact_start)::float8 * 1000,
       case when a.wait_event is not null and not (a.state like 'idle%' and a.wait_event_type = 'Client') then a.wait_event_type || ': ' || a.wait_event end,
       array_to_string(pg_blocking_pids(a.pid), ',')
  from pg_stat_activity a
 where a.backend_type = 'client backend'
 order by a.pid`

// A transaction's lock on its own virtual xid is always there and never contended: left out unless someone waits on it.
const locksSql = `
select l.pid, l.locktype,
       case when l.relation is not null then coalesce(n.nspname || '.' || c.relname, l.relation::text) end,
       l.mode, l.granted
  from pg_locks l
  left join pg_class c on c.oid = l.relation
  left join pg_namespace n on n.oid = c.relnamespace
 where l.pid is not null
   and not (l.locktype = 'virtualxid' and l.granted)
 order by l.granted, l.pid, l.locktype
 limit 1000`

async function read(session: DriverSession, ownPid: number | null): Promise<ServerActivity> {
  const sessions = (await session.query(sessionsSql)).rows.map((r) => sessionFromRow(r, ownPid))
  const locks = (await session.query(locksSql)).rows.map(lockFromRow)
  return { sessions, locks }
}

export const postgresActivity: ActivityMonitor = {
  async markMonitor(session) {
    await session.query(`select set_config('application_name', $1, false)`, [MONITOR_APPLICATION_NAME])
    // a snapshot never waits long on a server in trouble: it is read again at the next refresh
    await session.query(`select set_config('statement_timeout', '10s', false)`)
    const r = await session.query('select pg_backend_pid()')
    return Number(r.rows[0]?.[0])
  },
  read,
  topStatements: postgresTopStatements,
  cancelSql: (pid) => `SELECT pg_cancel_backend(${Math.trunc(pid)})`,
  terminateSql: (pid) => `SELECT pg_terminate_backend(${Math.trunc(pid)})`,
  signalled: (rows) => rows[0]?.[0] === true
}
