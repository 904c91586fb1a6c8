import { mapNetworkError } from '../../drivers/network-errors'
import type { DriverSession, Liveness } from '../../drivers/types'
import { withinMs } from '../../within-ms'
import { loadMssql, mssqlProbeParams, poolConfig } from './driver'

/**
 * Whether the server answers a new short connection within `timeoutMs` ('unreachable' when it does not). tedious does
 * not tell a session's SPID, so a server that answers counts the session as 'alive': its own socket reports a restart.
 */
export async function mssqlLiveness(session: DriverSession, timeoutMs: number): Promise<Liveness> {
  const params = mssqlProbeParams(session)
  if (!params) return 'unknown'
  const sql = await loadMssql()
  const probe = new sql.ConnectionPool({ ...poolConfig({ ...params, connectTimeoutMs: timeoutMs }), pool: { max: 1, min: 0 } })
  probe.on('error', () => {})
  const asking = (async (): Promise<Liveness> => {
    await probe.connect()
    await probe.request().query('select 1')
    return 'alive'
  })().catch((err: unknown): Liveness => {
    const e = err as { code?: string; originalError?: unknown }
    if (e.code === 'ELOGIN') return 'unknown' // the server answered
    const mapped = mapNetworkError(e.originalError ?? err, params) ?? mapNetworkError(err, params)
    return mapped && mapped.code !== 'SSL_ERROR' ? 'unreachable' : 'unknown'
  })
  try {
    const verdict = await withinMs(asking, timeoutMs)
    return verdict === 'timeout' ? 'unreachable' : verdict
  } finally {
    void probe.close().catch(() => {})
  }
}
