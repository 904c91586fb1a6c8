import pg from 'pg'
import { probeLiveness } from '../../drivers/liveness-probe'
import type { DriverSession, Liveness } from '../../drivers/types'
import { clientConfig, postgresProbeTarget } from './driver'

/** A new short connection asks pg_stat_activity whether the session's backend still exists. */
export async function postgresLiveness(session: DriverSession, timeoutMs: number): Promise<Liveness> {
  const target = postgresProbeTarget(session)
  if (!target) return 'unknown'
  const params = { ...target.params, readOnly: true, connectTimeoutMs: timeoutMs }
  const probe = new pg.Client({ ...clientConfig(params), keepAlive: false, application_name: 'QueryGenie liveness probe' })
  probe.on('error', () => {})
  return probeLiveness({
    timeoutMs,
    target: params,
    async ask() {
      await probe.connect()
      const r = await probe.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where pid = $1', [target.pid])
      return r.rows[0]?.n ? 'alive' : 'gone'
    },
    serverAnswered: (err) => !!(err as { severity?: string }).severity,
    release: () => (probe as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy()
  })
}
