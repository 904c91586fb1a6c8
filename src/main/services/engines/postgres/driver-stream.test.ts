import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Cell } from '../../../../shared/cells'
import type { DriverSession, StatementSink } from '../../drivers/types'
import { paramsFromUrl } from '../../../../../test/conformance/engines'
import { startTestDatabases } from '../../../../../test/databases'
import { postgresDriver, postgresProbeTarget } from './driver'

/** A sink that takes the first batch and then says it is behind until `release()`. */
function slowSink(): StatementSink & { received: number; release(): void } {
  let release: () => void = () => undefined
  const held = new Promise<void>((r) => (release = r))
  const sink = {
    received: 0,
    release: () => release(),
    beginResult: () => undefined,
    rows(batch: Cell[][]) {
      sink.received += batch.length
      return held
    },
    endResult: () => undefined,
    notice: () => undefined
  }
  return sink
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (await check()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return false
}

// 200,000 rows of about 200 bytes: far more than the socket buffers hold
const WIDE = `select g, repeat('x', 200) as pad from generate_series(1, 200000) g`

describe('PostgreSQL rows stream with backpressure', () => {
  let stop: () => Promise<void>
  let admin: DriverSession

  beforeAll(async () => {
    stop = await startTestDatabases()
    admin = await postgresDriver.connect(paramsFromUrl(process.env.PG_URL!))
  })
  afterAll(async () => {
    await admin?.close()
    await stop?.()
  })

  const waitEvent = async (pid: number): Promise<string | null> => {
    const r = await admin.query('select wait_event from pg_stat_activity where pid = $1', [pid])
    return (r.rows[0]?.[0] as string | null) ?? null
  }

  it('a sink that is behind makes the server wait (ClientWrite), and every row arrives once it catches up', async () => {
    const s = await postgresDriver.connect(paramsFromUrl(process.env.PG_URL!))
    try {
      const sink = slowSink()
      const running = s.execute(WIDE, sink, { batchSize: 1000 })
      running.catch(() => undefined)
      const pid = postgresProbeTarget(s)!.pid
      expect(await waitFor(async () => sink.received > 0 && (await waitEvent(pid)) === 'ClientWrite', 10_000)).toBe(true)
      // what was read before the pause is bounded by the socket buffers, not the result
      const whilePaused = sink.received
      await new Promise((r) => setTimeout(r, 300))
      expect(sink.received).toBe(whilePaused)
      expect(sink.received).toBeLessThan(200_000)
      sink.release()
      await running
      expect(sink.received).toBe(200_000)
    } finally {
      await s.close()
    }
  })

  it('a cancel while the sink is behind ends the statement at once and leaves the session usable', async () => {
    const s = await postgresDriver.connect(paramsFromUrl(process.env.PG_URL!))
    try {
      const sink = slowSink()
      const abort = new AbortController()
      const running = s.execute(WIDE.replace('200000', '5000000'), sink, { batchSize: 1000, signal: abort.signal })
      running.catch(() => undefined)
      const pid = postgresProbeTarget(s)!.pid
      expect(await waitFor(async () => (await waitEvent(pid)) === 'ClientWrite', 10_000)).toBe(true)
      const started = Date.now()
      abort.abort()
      await expect(running).rejects.toMatchObject({ code: 'CANCELLED' })
      expect(Date.now() - started).toBeLessThan(3000)
      const r = await s.query('select 41 + 1')
      expect(r.rows).toEqual([[42]])
    } finally {
      await s.close()
    }
  })
})
