/**
 * `npm run bench -- results`: streams a 1,000,000-row × 10-column PostgreSQL query through the QueryService
 * (driver → result store with its memory cap and spill file) and compares it with reading the same query
 * through a raw pg cursor in the same run.
 * Prints: BENCH results throughput_ratio=<ours/raw> first_rows_ms=<n> peak_rss_mb=<n> rows=<n> (last line).
 */
import pg from 'pg'
import Cursor from 'pg-cursor'
import type { QueryEvent } from '../src/shared/contract'
import { parseConnectionUrl } from '../src/main/services/connections/url'
import { QueryHarness } from '../src/main/services/query/testing/query-harness'
import { startTestDatabases } from '../test/databases'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const CAP = Number(process.env.BENCH_CAP_ROWS ?? 200_000)
let url = ''

const sql = `select g as id, g * 1.5 as ratio, 'name ' || g as label, timestamp '2020-01-01' + g * interval '1 second' as created_at,
  g % 2 = 0 as active, md5(g::text) as hash, (g % 1000)::numeric(10, 2) as amount, g::bigint * 1000000 as big,
  date '2020-01-01' + (g % 1000) as day, case when g % 3 = 0 then null else 'x' end as maybe
  from generate_series(1, ${ROWS}) g`

async function raw(): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const started = performance.now()
  const cursor = client.query(new Cursor(sql, [], { rowMode: 'array' }))
  let n = 0
  for (;;) {
    const rows = await cursor.read(2000)
    if (rows.length === 0) break
    n += rows.length
  }
  const ms = performance.now() - started
  await cursor.close()
  await client.end()
  if (n !== ROWS) throw new Error(`raw cursor read ${n} rows, expected ${ROWS}`)
  return ms
}

async function ours(h: QueryHarness, connectionId: string, tabId = 'bench-tab'): Promise<{ ms: number; firstRowsMs: number; peakRss: number; rows: number }> {
  let peakRss = process.memoryUsage().rss
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25)
  const started = performance.now()
  let firstRowsMs = -1
  let resultId = ''
  const firstRows = new Promise<void>((resolve) =>
    h.on((name, payload) => {
      const e = payload as QueryEvent
      if (name !== 'query.event' || firstRowsMs >= 0 || resultId) return
      if (e.type === 'result') resultId = e.result.resultId
      if (!resultId) return
      // the grid's first window: ask until rows are there
      const ask = (): void =>
        void h.queries.rows({ resultId, offset: 0, limit: 100 }).then((w) => {
          if (w.rows.length > 0) {
            firstRowsMs = performance.now() - started
            resolve()
          } else setTimeout(ask, 1)
        })
      ask()
    })
  )
  // as the editor does: one session per tab (the first run of a tab also pays for connecting)
  const { runId } = await h.queries.run({ connectionId, sql, tabId })
  await h.queries.settled(runId)
  await firstRows
  const ms = performance.now() - started
  clearInterval(sampler)
  const events = h.queryEvents(runId)
  const error = events.find((e) => e.type === 'error')
  if (error) throw new Error(`query failed: ${JSON.stringify(error)}`)
  const final = events.find((e) => e.type === 'result' && e.result.done) as Extract<QueryEvent, { type: 'result' }>
  // every row is there and readable at the end, even past the memory cap
  const last = await h.queries.rows({ resultId: final.result.resultId, offset: ROWS - 1, limit: 1 })
  if (last.rows[0]?.[0] !== ROWS) throw new Error(`last row is ${JSON.stringify(last.rows[0])}`)
  await h.queries.release(final.result.resultId)
  return { ms, firstRowsMs, peakRss, rows: final.result.rowCount }
}

async function main(): Promise<void> {
  // PG_URL, or a throwaway embedded PostgreSQL (as the tests do)
  const stopDatabases = await startTestDatabases()
  url = process.env.PG_URL!
  const h = new QueryHarness({ memoryCapRows: CAP })
  const p = parseConnectionUrl(url)
  const connectionId = h.connection({ ...p, dialect: 'postgres', name: 'bench' } as never)
  // a run on a connection nobody has opened yet also pays for its metadata session and the analyser's catalog read
  const cold = await ours(h, connectionId, 'bench-cold-tab')
  console.log(`cold connection: first rows ${Math.round(cold.firstRowsMs)} ms`)
  await h.queries.closeSession('bench-cold-tab')
  const baseRss = process.memoryUsage().rss
  const rawRuns: number[] = []
  const ourRuns: Awaited<ReturnType<typeof ours>>[] = []
  for (let i = 0; i < 2; i++) {
    rawRuns.push(await raw())
    ourRuns.push(await ours(h, connectionId))
    console.log(`run ${i + 1}: raw ${Math.round(rawRuns[i])} ms, ours ${Math.round(ourRuns[i].ms)} ms, first rows ${Math.round(ourRuns[i].firstRowsMs)} ms, peak rss ${Math.round(ourRuns[i].peakRss / 1e6)} MB`)
  }
  await h.close()
  await stopDatabases()
  const bestRaw = Math.min(...rawRuns)
  const best = ourRuns.reduce((a, b) => (b.ms < a.ms ? b : a))
  const peak = Math.max(...ourRuns.map((r) => r.peakRss))
  console.log(`memory cap ${CAP.toLocaleString('en-US')} rows; rss before runs ${Math.round(baseRss / 1e6)} MB`)
  console.log(
    `BENCH results throughput_ratio=${(bestRaw / best.ms).toFixed(2)} first_rows_ms=${Math.round(Math.max(...ourRuns.map((r) => r.firstRowsMs)))} cold_first_rows_ms=${Math.round(cold.firstRowsMs)} peak_rss_mb=${Math.round(peak / 1e6)} rows=${best.rows}`
  )
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
