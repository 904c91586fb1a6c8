import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/shared/cells'
import type { QueryEvent } from '../../src/shared/contract'
import { parseConnectionUrl } from '../../src/main/services/connections/url'
import { getDriver } from '../../src/main/services/engines'
import type { DriverSession } from '../../src/main/services/drivers/types'
import { finalResults, QueryHarness } from '../../src/main/services/query/testing/query-harness'
import type { AppServices } from '../../src/main/services/app-services'
import type { Dispatch } from '../../src/main/services/rpc/dispatcher'
import { createTestApp } from '../app-harness'
import { exec, paramsFromUrl } from '../conformance/engines'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'

/**
 * Never a hang: with a TCP proxy between the driver and the real server, a run ends (CONNECTION_LOST, or cancelled)
 * within a bound when the server dies or the connection goes half-open, Cancel always ends it, the tab works again on
 * a fresh session once the network is back, and shutdown completes. The bounds are generous (a busy 2-core machine):
 * what the runs took is printed as `[never-hang] …` lines.
 */

/** The watchdog of these suites: 2 s of silence, then a probe of at most 2 s. */
const LIVENESS_MS = 2000
const PROBE_MS = 2000
/** Every scenario must end within this (the real bounds are ~1 s for a dead server, ~5 s half-open, ~3 s cancel). */
const BOUND_MS = 15_000

interface Case {
  label: string
  dialect: Dialect
  url: string | undefined
  skip?: string
  /** A statement that runs 30 s unless stopped; `tag` makes it findable on the server. */
  sleep(tag: string): string
  /** A big result streamed in batches. */
  stream(tag: string): string
  /** How many statements containing `tag` the server is running (not counting this one). */
  running(tag: string): string
}

const cases: Case[] = [
  {
    label: 'PostgreSQL',
    dialect: 'postgres',
    url: process.env.PG_URL,
    skip: process.env.PG_URL ? undefined : 'PG_URL is not set',
    sleep: (tag) => `select pg_sleep(30), '${tag}' as tag`,
    stream: (tag) => `select g, '${tag}' as tag, repeat('x', 100) as pad from generate_series(1, 20000000) g`,
    running: (tag) => `select count(*)::int from pg_stat_activity where query like '%${tag}%' and state = 'active' and pid <> pg_backend_pid()`
  },
  {
    label: 'MySQL/MariaDB',
    dialect: 'mysql',
    url: process.env.MYSQL_URL,
    skip: process.env.MYSQL_URL ? undefined : 'MYSQL_URL is not set (the MySQL cases need a real server)',
    sleep: (tag) => `select sleep(30), '${tag}' as tag`,
    stream: (tag) => `select seq, '${tag}' as tag, repeat('x', 100) as pad from seq_1_to_20000000`,
    running: (tag) => `select count(*) from information_schema.PROCESSLIST where INFO like '%${tag}%' and ID <> CONNECTION_ID()`
  }
]

async function until<T>(what: string, get: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = BOUND_MS + 15_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await get()
    if (value) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

const newTag = (): string => `qg_nh_${randomBytes(4).toString('hex')}`

for (const c of cases) {
  describe.skipIf(!!c.skip)(`never a hang: ${c.label}${c.skip ? ` (skipped: ${c.skip})` : ''}`, () => {
    let watchdog: QueryHarness
    let cancelling: QueryHarness
    let direct: DriverSession
    const proxies: TcpProxy[] = []

    beforeAll(async () => {
      watchdog = new QueryHarness({ livenessMs: LIVENESS_MS, probeTimeoutMs: PROBE_MS })
      // only a cancel may end these runs: the watchdog waits longer than any bound here
      cancelling = new QueryHarness({ livenessMs: 120_000 })
      direct = await getDriver(c.dialect).connect(paramsFromUrl(c.url!))
    })
    afterAll(async () => {
      for (const p of proxies) await p.close()
      await watchdog?.close()
      await cancelling?.close()
      await direct?.close()
    })

    /** A connection through a new proxy to the real server. */
    async function proxied(h: QueryHarness): Promise<{ proxy: TcpProxy; connectionId: string }> {
      const target = parseConnectionUrl(c.url!)
      const proxy = await startTcpProxy({ host: target.host || '127.0.0.1', port: target.port! })
      proxies.push(proxy)
      const connectionId = h.connection({ ...target, dialect: c.dialect, name: `${c.label} via proxy`, host: '127.0.0.1', port: proxy.port, connectTimeoutMs: 3000 } as never)
      return { proxy, connectionId }
    }

    const serverRuns = async (tag: string): Promise<number> => Number((await exec(direct, c.running(tag))).results[0]!.rows[0]![0])

    function outcome(h: QueryHarness, runId: string): { finished?: Extract<QueryEvent, { type: 'finished' }>; error?: Extract<QueryEvent, { type: 'error' }> } {
      const events = h.queryEvents(runId)
      return {
        finished: events.find((e): e is Extract<QueryEvent, { type: 'finished' }> => e.type === 'finished'),
        error: events.find((e): e is Extract<QueryEvent, { type: 'error' }> => e.type === 'error')
      }
    }

    /** Starts `sql` in the tab and waits until the server runs it (or, for a stream, until rows arrive). */
    async function start(h: QueryHarness, connectionId: string, tabId: string, sql: string, tag: string, streaming = false): Promise<string> {
      const { runId } = await h.queries.run({ connectionId, sql, tabId })
      if (streaming) await until('the first rows', () => h.queryEvents(runId).some((e) => e.type === 'progress' || (e.type === 'result' && e.result.rowCount > 0)))
      else await until('the statement to run on the server', async () => (await serverRuns(tag)) > 0)
      return runId
    }

    async function endsWithin(h: QueryHarness, runId: string, scenario: string, from: number): Promise<ReturnType<typeof outcome>> {
      const ended = await until(`the run to end (${scenario})`, () => outcome(h, runId).finished && outcome(h, runId))
      const ms = Math.round(performance.now() - from)
      console.log(`[never-hang] ${c.label}: ${scenario}: the run ended in ${ms} ms`)
      expect(ms).toBeLessThan(BOUND_MS)
      await h.queries.settled(runId)
      return ended
    }

    function historyOf(h: QueryHarness, sql: string) {
      return h.queries.history.list({ limit: 200 }).find((e) => e.sql === sql)
    }

    /** The tab works again, on a new session (a new connection through the proxy). */
    async function tabWorksAgain(h: QueryHarness, proxy: TcpProxy, connectionId: string, tabId: string): Promise<void> {
      const before = proxy.accepted
      const events = await h.run(connectionId, 'select 1 as one', { tabId })
      const error = events.find((e) => e.type === 'error')
      expect(error).toBeUndefined()
      expect(finalResults(events).map((r) => r.rowCount)).toEqual([1])
      expect(proxy.accepted).toBeGreaterThan(before)
    }

    it('server killed during a long statement: CONNECTION_LOST, history says error, the tab works again', async () => {
      const { proxy, connectionId } = await proxied(watchdog)
      const tag = newTag()
      const sql = c.sleep(tag)
      const runId = await start(watchdog, connectionId, 'killed-sleep', sql, tag)
      const t0 = performance.now()
      proxy.kill()
      const { error, finished } = await endsWithin(watchdog, runId, 'server killed during a long statement', t0)
      expect(error?.error.code).toBe('CONNECTION_LOST')
      expect(error?.error.message).toMatch(/connection .*lost|closed the connection|terminated/i)
      expect(finished?.cancelled).toBe(false)
      expect(historyOf(watchdog, sql)?.status).toBe('error')
      proxy.heal()
      await tabWorksAgain(watchdog, proxy, connectionId, 'killed-sleep')
    })

    it('server killed while a big result streams: CONNECTION_LOST, history says error, the tab works again', async () => {
      const { proxy, connectionId } = await proxied(watchdog)
      const tag = newTag()
      const sql = c.stream(tag)
      const runId = await start(watchdog, connectionId, 'killed-stream', sql, tag, true)
      const t0 = performance.now()
      proxy.kill()
      const { error } = await endsWithin(watchdog, runId, 'server killed while a big result streams', t0)
      expect(error?.error.code).toBe('CONNECTION_LOST')
      expect(historyOf(watchdog, sql)?.status).toBe('error')
      proxy.heal()
      await tabWorksAgain(watchdog, proxy, connectionId, 'killed-stream')
    })

    it('half-open connection during a long statement: the watchdog ends the run with CONNECTION_LOST', async () => {
      const { proxy, connectionId } = await proxied(watchdog)
      const tag = newTag()
      const sql = c.sleep(tag)
      const runId = await start(watchdog, connectionId, 'half-open-sleep', sql, tag)
      const t0 = performance.now()
      proxy.blackhole()
      const { error } = await endsWithin(watchdog, runId, 'half-open during a long statement', t0)
      expect(error?.error.code).toBe('CONNECTION_LOST')
      expect(error?.error.message).toMatch(/connection to the server .* was lost/i)
      expect(error?.error.message).toMatch(/transaction was not committed/i)
      expect(historyOf(watchdog, sql)?.status).toBe('error')
      proxy.heal()
      await tabWorksAgain(watchdog, proxy, connectionId, 'half-open-sleep')
    })

    it('half-open connection while a big result streams: the watchdog ends the run with CONNECTION_LOST', async () => {
      const { proxy, connectionId } = await proxied(watchdog)
      const tag = newTag()
      const sql = c.stream(tag)
      const runId = await start(watchdog, connectionId, 'half-open-stream', sql, tag, true)
      const t0 = performance.now()
      proxy.blackhole()
      const { error } = await endsWithin(watchdog, runId, 'half-open while a big result streams', t0)
      expect(error?.error.code).toBe('CONNECTION_LOST')
      expect(historyOf(watchdog, sql)?.status).toBe('error')
      proxy.heal()
      await tabWorksAgain(watchdog, proxy, connectionId, 'half-open-stream')
    })

    it('Cancel on a blackholed connection ends the run as cancelled within the grace, and the tab works again', async () => {
      const { proxy, connectionId } = await proxied(cancelling)
      const tag = newTag()
      const sql = c.sleep(tag)
      const runId = await start(cancelling, connectionId, 'cancel-blackholed', sql, tag)
      proxy.blackhole()
      const t0 = performance.now()
      await cancelling.queries.cancel(runId)
      const { finished, error } = await endsWithin(cancelling, runId, 'Cancel on a blackholed connection', t0)
      expect(finished?.cancelled).toBe(true)
      expect(error).toBeUndefined()
      expect(historyOf(cancelling, sql)?.status).toBe('cancelled')
      proxy.heal()
      await tabWorksAgain(cancelling, proxy, connectionId, 'cancel-blackholed')
    })

    it('Cancel with a healthy connection still ends the run the ordinary way and keeps the session', async () => {
      const { proxy, connectionId } = await proxied(cancelling)
      const tag = newTag()
      const sql = c.sleep(tag)
      const runId = await start(cancelling, connectionId, 'cancel-healthy', sql, tag)
      const t0 = performance.now()
      await cancelling.queries.cancel(runId)
      const { finished } = await endsWithin(cancelling, runId, 'Cancel on a healthy connection', t0)
      expect(finished?.cancelled).toBe(true)
      const before = proxy.accepted
      const events = await cancelling.run(connectionId, 'select 1 as one', { tabId: 'cancel-healthy' })
      expect(finalResults(events).map((r) => r.rowCount)).toEqual([1])
      // the same session: no new connection was needed
      expect(proxy.accepted).toBe(before)
    })
  })
}

describe.skipIf(!process.env.PG_URL)(`never a hang: shutdown with a half-open server${process.env.PG_URL ? '' : ' (skipped: PG_URL is not set)'}`, () => {
  let services: AppServices | undefined
  let dispatch: Dispatch
  let proxy: TcpProxy
  let direct: DriverSession

  beforeAll(async () => {
    ;({ services, dispatch } = await createTestApp())
    const target = parseConnectionUrl(process.env.PG_URL!)
    proxy = await startTcpProxy({ host: target.host || '127.0.0.1', port: target.port! })
    direct = await getDriver('postgres').connect(paramsFromUrl(process.env.PG_URL!))
  })
  afterAll(async () => {
    await services?.close()
    await proxy?.close()
    await direct?.close()
  })

  it('closing the app services (what SIGTERM does in web mode) completes while a run hangs on a half-open connection', async () => {
    const value = async <T>(call: string, input: unknown): Promise<T> => {
      const envelope = await dispatch(call, input)
      if (!envelope.ok) throw new Error(`${call}: ${envelope.error.code} ${envelope.error.message}`)
      return envelope.value as T
    }
    const target = parseConnectionUrl(process.env.PG_URL!)
    const { id } = await value<{ id: string }>('connections.create', {
      ...target,
      name: 'PostgreSQL via proxy',
      dialect: 'postgres',
      host: '127.0.0.1',
      port: proxy.port,
      connectTimeoutMs: 3000
    })
    const tag = newTag()
    await value('query.run', { connectionId: id, sql: `select pg_sleep(30), '${tag}' as tag`, tabId: 'shutdown' })
    await until('the statement to run on the server', async () => {
      const r = await exec(direct, `select count(*)::int from pg_stat_activity where query like '%${tag}%' and state = 'active' and pid <> pg_backend_pid()`)
      return Number(r.results[0]!.rows[0]![0]) > 0
    })
    proxy.blackhole()
    const t0 = performance.now()
    const closing = services!.close()
    services = undefined
    await closing
    const ms = Math.round(performance.now() - t0)
    console.log(`[never-hang] shutdown with a run on a half-open connection: completed in ${ms} ms`)
    expect(ms).toBeLessThan(BOUND_MS)
  })
})
