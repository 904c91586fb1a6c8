import pg from 'pg'
import { mapNetworkError } from '../../drivers/network-errors'
import type { DriverSession, Liveness } from '../../drivers/types'
import { withinMs } from '../../within-ms'
import { clientConfig, postgresProbeTarget } from './driver'

/**
 * A new short connection asks pg_stat_activity whether the session's backend still exists. No answer within
 * `timeoutMs`, a refused or dropped connection: 'unreachable'. A server that answers but will not say (too many
 * connections, a failed login): 'unknown'.
 */
export async function postgresLiveness(session: DriverSession, timeoutMs: number): Promise<Liveness> {
  const target = postgresProbeTarget(session)
  if (!target) return 'unknown'
  const params = { ...target.params, readOnly: true, connectTimeoutMs: timeoutMs }
  const probe = new pg.Client({ ...clientConfig(params), keepAlive: false, application_name: 'QueryGenie liveness probe' })
  probe.on('error', () => {})
  const asking = (async (): Promise<Liveness> => {
    await probe.connect()
    const r = await probe.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where pid = $1', [target.pid])
    return r.rows[0]?.n ? 'alive' : 'gone'
  })().catch((err: unknown): Liveness => {
    if ((err as { severity?: string }).severity) return 'unknown' // the server answered
    const mapped = mapNetworkError(err, params)
    return mapped && mapped.code !== 'SSL_ERROR' ? 'unreachable' : 'unknown'
  })
  try {
    const verdict = await withinMs(asking, timeoutMs)
    return verdict === 'timeout' ? 'unreachable' : verdict
  } finally {
    // never wait for a goodbye from a server that may not answer
    ;(probe as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy()
  }
}
