import { ACTIVITY_STATEMENT_CHARS, type ActivitySession } from '../../../../shared/contract/activity'
import type { Cell, ColumnMeta } from '../../../../shared/cells'
import { AppError } from '../../../../shared/errors'
import type { DriverSession } from '../../drivers/types'
import type { ActivityMonitor, ServerActivity } from '../activity-types'
import { numberOrNull, textOrNull } from '../activity-cells'
import { readLockWaits } from './lock-waits'
import { mysqlTopStatements } from './top-statements'

// `*`: MariaDB adds TIME_MS (milliseconds, where MySQL has whole seconds in TIME only)
const processListSql = 'select * from information_schema.PROCESSLIST'

const transactionsSql = `select trx_mysql_thread_id, timestampdiff(microsecond, trx_started, now(6)) / 1000, trx_state from information_schema.INNODB_TRX`

interface Transaction {
  ms: number | null
  lockWait: boolean
}

/** thread id → its InnoDB transaction; empty (with the reason) where INNODB_TRX cannot be read (no PROCESS privilege). */
async function readTransactions(session: DriverSession): Promise<{ byThread: Map<number, Transaction>; note?: string }> {
  try {
    const rows = (await session.query(transactionsSql)).rows
    return { byThread: new Map(rows.map((r) => [Number(r[0]), { ms: numberOrNull(r[1]), lockWait: r[2] === 'LOCK WAIT' }])) }
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'SQL_ERROR')) throw err
    return { byThread: new Map(), note: `Transactions are not shown (information_schema.INNODB_TRX: ${err.message}).` }
  }
}

function columnReader(columns: ColumnMeta[]): (row: Cell[], name: string) => Cell {
  const index = new Map(columns.map((c, i) => [c.name.toUpperCase(), i]))
  return (row, name) => {
    const i = index.get(name)
    return i === undefined ? null : (row[i] ?? null)
  }
}

async function read(session: DriverSession, ownPid: number | null): Promise<ServerActivity> {
  const list = await session.query(processListSql)
  const col = columnReader(list.columns)
  const transactions = await readTransactions(session)
  const waits = await readLockWaits(session)
  const sessions = list.rows
    .filter((r) => col(r, 'COMMAND') !== 'Daemon')
    .map((r): ActivitySession => {
      const pid = Number(col(r, 'ID'))
      const command = textOrNull(col(r, 'COMMAND'))
      const info = textOrNull(col(r, 'INFO'))
      const running = command === 'Query' || command === 'Execute'
      const ms = numberOrNull(col(r, 'TIME_MS')) ?? (numberOrNull(col(r, 'TIME')) ?? 0) * 1000
      const trx = transactions.byThread.get(pid)
      const state = textOrNull(col(r, 'STATE'))
      return {
        pid,
        user: textOrNull(col(r, 'USER')),
        database: textOrNull(col(r, 'DB')),
        clientAddress: textOrNull(col(r, 'HOST')),
        application: null,
        state: command,
        statement: info === null ? null : info.slice(0, ACTIVITY_STATEMENT_CHARS),
        statementTruncated: (info?.length ?? 0) > ACTIVITY_STATEMENT_CHARS,
        statementMs: running ? ms : null,
        transactionMs: trx?.ms ?? null,
        wait: trx?.lockWait ? `InnoDB lock wait${state ? ` (${state})` : ''}` : state,
        blockedBy: waits.blockers.get(pid) ?? [],
        own: pid === ownPid
      }
    })
  const locksNote = [waits.note, transactions.note].filter(Boolean).join(' ')
  return { sessions, locks: waits.locks, locksNote }
}

export const mysqlActivity: ActivityMonitor = {
  async markMonitor(session) {
    // MySQL/MariaDB sessions have no settable application name: the view tells its own by this id
    const r = await session.query('select connection_id()')
    return Number(r.rows[0]?.[0])
  },
  read,
  topStatements: mysqlTopStatements,
  cancelSql: (pid) => `KILL QUERY ${Math.trunc(pid)}`,
  terminateSql: (pid) => `KILL CONNECTION ${Math.trunc(pid)}`,
  // KILL answers with an OK packet or an error (unknown thread id), never rows
  signalled: () => true
}
