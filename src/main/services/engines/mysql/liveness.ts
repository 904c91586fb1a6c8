import type mysql from 'mysql2'
import { probeLiveness } from '../../drivers/liveness-probe'
import type { DriverSession, Liveness } from '../../drivers/types'
import { connectRaw, mysqlProbeTarget } from './driver'

/** A new short connection asks the process list whether the session's thread (its CONNECTION_ID()) still exists. */
export async function mysqlLiveness(session: DriverSession, timeoutMs: number): Promise<Liveness> {
  const target = mysqlProbeTarget(session)
  if (!target) return 'unknown'
  const params = { ...target.params, readOnly: false, database: undefined, connectTimeoutMs: timeoutMs }
  let probe: mysql.Connection | undefined
  let abandoned = false
  return probeLiveness({
    timeoutMs,
    target: params,
    async ask() {
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
    },
    serverAnswered(err) {
      // too many connections, access denied: server error numbers are below 2000, client ones from 2000
      const e = err as { sqlState?: string; errno?: number }
      return !!(e.sqlState && e.errno && e.errno < 2000)
    },
    release() {
      abandoned = true
      if (probe) drop(probe)
    }
  })
}

/** Never waits for a goodbye from a server that may not answer. */
function drop(conn: mysql.Connection): void {
  conn.on('error', () => {}) // the dropped socket is reported as an error
  ;(conn as unknown as { stream: { destroy(): void } }).stream.destroy()
}
