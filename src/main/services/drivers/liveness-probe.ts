import { withinMs } from '../within-ms'
import { mapNetworkError } from './network-errors'
import type { Liveness } from './types'

export interface LivenessProbe {
  /** Connects on a new short-lived connection and answers 'alive' or 'gone'. */
  ask(): Promise<Liveness>
  timeoutMs: number
  /** Where the probe connects (for telling a network failure from anything else). */
  target: Parameters<typeof mapNetworkError>[1]
  /** The failure came from the server itself (too many connections, a failed login): it is up, so 'unknown'. */
  serverAnswered(err: unknown): boolean
  /** The driver's own network error inside its wrapper, when it wraps one (tedious). */
  unwrap?(err: unknown): unknown
  /** Drops the probe connection without waiting for a goodbye from a server that may not answer. */
  release(): void
}

/**
 * An engine's liveness question, bounded: no answer within `timeoutMs` or a refused or dropped connection is
 * 'unreachable'; a server that answers but will not say is 'unknown'. The probe connection is always dropped.
 */
export async function probeLiveness(probe: LivenessProbe): Promise<Liveness> {
  const asking = probe.ask().catch((err: unknown): Liveness => {
    if (probe.serverAnswered(err)) return 'unknown'
    const mapped = (probe.unwrap && mapNetworkError(probe.unwrap(err), probe.target)) || mapNetworkError(err, probe.target)
    return mapped && mapped.code !== 'SSL_ERROR' ? 'unreachable' : 'unknown'
  })
  try {
    const verdict = await withinMs(asking, probe.timeoutMs)
    return verdict === 'timeout' ? 'unreachable' : verdict
  } finally {
    probe.release()
  }
}
