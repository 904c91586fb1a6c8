import type mysql from 'mysql2'
import { mapNetworkError } from '../../drivers/network-errors'
import type { DriverSession, Liveness } from '../../drivers/types'
import { withinMs } from '../../within-ms'
import { connectRaw, mysqlProbeTarget } from './driver'

/**
 * A new short connection asks the process list whether the session's thread (its CONNECTION_ID()) still exists. No
 * answer within `timeoutMs`, a refused or dropped connection: 'unreachable'. A server that answers but will not say
 * (too many connections, a failed login): 'unknown'.
 */
export async function mysqlLiveness(session: DriverSession, timeoutMs: number): Promise<Liveness> {
  const target = mysqlProbeTarget(session)
  if (!target) return 'unknown'
  const params = { ...target.params, readOnly: false, database: undefined, connectTimeoutMs: timeoutMs }
  let probe: mysql.Connection | undefined
  let abandoned = false
  const asking = (async (): Promise<Liveness> => {
    const conn = await connectRaw(params)
    if (abandoned) {
      drop(conn)
      return 'unknown'
    }
    probe = conn
    if (target.threadId === null) return 'alive' // the server answered; which thread is ours is not known
    const rows = await new Promise<unknown[][]>((resolve, reject) =>
      conn.query({ sql: 'select count(*) from information_schema.PROCESSLIST where ID = ?', values: [target.threadId], rowsAsArray: true }, (err, r) =>
        err ? reject(err) : resolve(r as unknown[][])
      )
    )
    return Number(rows[0]?.[0]) > 0 ? 'alive' : 'gone'
  })().catch((err: unknown): Liveness => {
    const e = err as { sqlState?: string; errno?: number; fatal?: boolean }
    if (e.sqlState && e.errno && e.errno < 2000) return 'unknown' // the server answered (too many connections, access denied)
    const mapped = mapNetworkError(err, params)
    return mapped && mapped.code !== 'SSL_ERROR' ? 'unreachable' : 'unknown'
  })
  try {
    const verdict = await withinMs(asking, timeoutMs)
    return verdict === 'timeout' ? 'unreachable' : verdict
  } finally {
    abandoned = true
    if (probe) drop(probe)
  }
}

/** Never waits for a goodbye from a server that may not answer. */
function drop(conn: mysql.Connection): void {
  conn.on('error', () => {}) // the dropped socket is reported as an error
  ;(conn as unknown as { stream: { destroy(): void } }).stream.destroy()
}
