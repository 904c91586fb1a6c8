import type { ActivityLock } from '../../../../shared/contract/activity'
import { AppError } from '../../../../shared/errors'
import type { DriverSession } from '../../drivers/types'
import { numberOrNull, textOrNull } from '../activity-cells'

/** Who waits for whom (thread ids) and the InnoDB locks involved, from whichever source this server has. */
export interface LockWaits {
  /** waiting thread id → the thread ids it waits for */
  blockers: Map<number, number[]>
  locks: ActivityLock[]
  /** Which source was read, and what it leaves out; or why none could be read. */
  note: string
}

interface Source {
  name: string
  waits: string
  locks: string
  note: string
}

// MariaDB and MySQL 5.7 (information_schema; MariaDB's sys.innodb_lock_waits is a view over the same tables).
// InnoDB lists there only the locks that are waited for or block a wait.
const informationSchema: Source = {
  name: 'information_schema.INNODB_LOCK_WAITS',
  waits: `select r.trx_mysql_thread_id, b.trx_mysql_thread_id
            from information_schema.INNODB_LOCK_WAITS w
            join information_schema.INNODB_TRX r on r.trx_id = w.requesting_trx_id
            join information_schema.INNODB_TRX b on b.trx_id = w.blocking_trx_id`,
  locks: `select t.trx_mysql_thread_id, l.lock_type, concat_ws(' ', l.lock_table, concat('index ', l.lock_index)), l.lock_mode,
                 l.lock_id not in (select requested_lock_id from information_schema.INNODB_LOCK_WAITS)
            from information_schema.INNODB_LOCKS l
            join information_schema.INNODB_TRX t on t.trx_id = l.lock_trx_id
           limit 1000`,
  note: 'Locks from information_schema.INNODB_LOCKS: InnoDB lists only row and table locks that are waited for or block a wait; metadata locks are not shown.'
}

// MySQL 8 moved them to performance_schema (which must be on)
const performanceSchema: Source = {
  name: 'performance_schema.data_lock_waits',
  waits: `select rt.PROCESSLIST_ID, bt.PROCESSLIST_ID
            from performance_schema.data_lock_waits w
            join performance_schema.threads rt on rt.THREAD_ID = w.REQUESTING_THREAD_ID
            join performance_schema.threads bt on bt.THREAD_ID = w.BLOCKING_THREAD_ID`,
  locks: `select t.PROCESSLIST_ID, l.LOCK_TYPE, concat_ws('.', l.OBJECT_SCHEMA, l.OBJECT_NAME, l.INDEX_NAME), l.LOCK_MODE, l.LOCK_STATUS = 'GRANTED'
            from performance_schema.data_locks l
            join performance_schema.threads t on t.THREAD_ID = l.THREAD_ID
           where t.PROCESSLIST_ID is not null
           limit 1000`,
  note: 'Locks from performance_schema.data_locks (InnoDB row and table locks); metadata locks are not shown.'
}

export async function readLockWaits(session: DriverSession): Promise<LockWaits> {
  const failures: string[] = []
  for (const source of [informationSchema, performanceSchema]) {
    try {
      return await readFrom(session, source)
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'SQL_ERROR')) throw err
      failures.push(`${source.name}: ${err.message}`)
    }
  }
  return { blockers: new Map(), locks: [], note: `Lock waits are not available on this server (${failures.join('; ')}), so blockers cannot be shown.` }
}

async function readFrom(session: DriverSession, source: Source): Promise<LockWaits> {
  const blockers = new Map<number, number[]>()
  for (const [waiting, blocking] of (await session.query(source.waits)).rows) {
    const w = numberOrNull(waiting)
    const b = numberOrNull(blocking)
    if (w === null || b === null) continue
    const list = blockers.get(w) ?? []
    if (!list.includes(b)) list.push(b)
    blockers.set(w, list)
  }
  const locks = (await session.query(source.locks)).rows
    .filter((r) => numberOrNull(r[0]) !== null)
    .map((r): ActivityLock => ({ pid: Number(r[0]), lockType: String(r[1] ?? ''), relation: textOrNull(r[2]), mode: String(r[3] ?? ''), granted: Number(r[4]) === 1 || r[4] === true }))
  return { blockers, locks, note: source.note }
}
