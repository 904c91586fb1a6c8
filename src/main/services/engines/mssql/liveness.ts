import { probeLiveness } from '../../drivers/liveness-probe'
import type { DriverSession, Liveness } from '../../drivers/types'
import { loadMssql, mssqlProbeParams, poolConfig } from './driver'

/**
 * Whether the server answers a new short connection within `timeoutMs`. tedious does not tell a session's SPID, so a
 * server that answers counts the session as 'alive': its own socket reports a restart.
 */
export async function mssqlLiveness(session: DriverSession, timeoutMs: number): Promise<Liveness> {
  const params = mssqlProbeParams(session)
  if (!params) return 'unknown'
  const sql = await loadMssql()
  const probe = new sql.ConnectionPool({ ...poolConfig({ ...params, connectTimeoutMs: timeoutMs }), pool: { max: 1, min: 0 } })
  probe.on('error', () => {})
  return probeLiveness({
    timeoutMs,
    target: params,
    async ask() {
      await probe.connect()
      await probe.request().query('select 1')
      return 'alive'
    },
    serverAnswered: (err) => (err as { code?: string }).code === 'ELOGIN',
    unwrap: (err) => (err as { originalError?: unknown }).originalError ?? err,
    release: () => void probe.close().catch(() => {})
  })
}
