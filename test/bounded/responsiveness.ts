import Database from 'better-sqlite3'
import { join } from 'node:path'
import type { AppServices } from '../../src/main/services/app-services'
import type { Dispatch } from '../../src/main/services/rpc/dispatcher'

/**
 * How long a ping waits while something heavy runs: pings are scheduled every INTERVAL_MS through the real
 * dispatcher, and each one's latency counts from when it was due (so time the event loop was blocked shows up, not
 * only the call's own time). Poll-based and tolerant: the bound is on the 95th percentile, and every number is printed.
 */
export const PING_BOUND_MS = 100
const INTERVAL_MS = 20

export interface PingStats {
  label: string
  pings: number
  p50: number
  p95: number
  max: number
  loadMs: number
}

/** Ping latency with nothing else running: how busy the machine is (other processes, timers) right now. */
export async function idleBaseline(dispatch: Dispatch, ms = 600): Promise<PingStats> {
  return pingWhile('idle baseline', dispatch, () => new Promise((r) => setTimeout(r, ms)))
}

export async function pingWhile(label: string, dispatch: Dispatch, load: () => Promise<unknown>): Promise<PingStats> {
  const latencies: number[] = []
  let running = true
  const started = performance.now()
  const pinger = (async () => {
    for (let k = 1; running || latencies.length < 5; k++) {
      const due = started + k * INTERVAL_MS
      const wait = due - performance.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      const reply = await dispatch('app.ping', { echo: 'p' })
      if (!reply.ok) throw new Error(`ping failed: ${reply.error.message}`)
      latencies.push(performance.now() - due)
    }
  })()
  try {
    await load()
  } finally {
    running = false
  }
  const loadMs = performance.now() - started
  await pinger
  const sorted = [...latencies].sort((a, b) => a - b)
  const at = (q: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!)
  const stats = { label, pings: sorted.length, p50: at(0.5), p95: at(0.95), max: Math.round(sorted.at(-1)!), loadMs: Math.round(loadMs) }
  console.log(`[ping] ${label}: ${stats.pings} pings during ${stats.loadMs} ms of load, p50 ${stats.p50} ms, p95 ${stats.p95} ms, max ${stats.max} ms`)
  return stats
}

/** A SQLite file with `t` (1,000 rows) and `tables` more tables with a few columns, indexes and foreign keys. */
export function bigSqliteFile(dir: string, tables: number): string {
  const file = join(dir, 'big.sqlite')
  const db = new Database(file)
  db.exec(`create table t (id integer primary key, a text, b integer);
    insert into t(a, b) with recursive c(i) as (select 1 union all select i + 1 from c where i < 1000) select 'r' || i, i from c;`)
  db.transaction(() => {
    for (let i = 0; i < tables; i++) {
      db.exec(`create table tab_${i} (id integer primary key, ref integer references t(id), name text not null, note varchar(20), made datetime);
        create index tab_${i}_ref on tab_${i}(ref);`)
    }
  })()
  db.close()
  return file
}

/** Records every run's end (its `finished` event) and its errors, from the app's event hub. */
export function watchRuns(services: AppServices): { finished: Set<string>; errors: Map<string, string>; stop: () => void } {
  const finished = new Set<string>()
  const errors = new Map<string, string>()
  const stop = services.events.subscribe((name, payload) => {
    if (name !== 'query.event') return
    const e = payload as { type: string; runId: string; error?: { code: string; message: string } }
    if (e.type === 'error') errors.set(e.runId, `${e.error?.code}: ${e.error?.message}`)
    if (e.type === 'finished') finished.add(e.runId)
  })
  return { finished, errors, stop }
}

export async function until(what: string, ok: () => boolean, ms = 120_000): Promise<void> {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
