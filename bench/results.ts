/**
 * `npm run bench -- results`: per engine, streams a 1,000,000-row × 10-column query through the QueryService (driver →
 * result store with its memory cap and spill file) and reads the same query with the fastest raw method of the
 * engine's own Node driver, in the same run (best of BENCH_RUNS each, alternating). PostgreSQL also at 100k and 3M rows,
 * to show the cost grows linearly.
 * Prints per engine: BENCH results engine=<name> ratio=<raw/ours> baseline=<method> first_rows_ms=… peak_rss_mb=… rows=…
 * BENCH_ENGINES=postgres,sqlite limits the engines; BENCH_ROWS sets the row count.
 */
import type { QueryEvent } from '../src/shared/contract'
import { QueryHarness } from '../src/main/services/query/testing/query-harness'
import { startTestDatabases } from '../test/databases'
import { duckdbEngine, mysqlEngine, postgresEngine, sqliteEngine, type BenchEngine } from './results-engines'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const CAP = Number(process.env.BENCH_CAP_ROWS ?? 200_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgres,mysql,sqlite,duckdb').split(',')

interface Ours {
  ms: number
  firstRowsMs: number
  peakRss: number
  rows: number
}

let tabSeq = 0

/** One run as the editor does it: the tab's session, then the grid's first window as soon as a result exists. */
async function ours(h: QueryHarness, connectionId: string, sql: string, rows: number, tabId = `bench-tab-${tabSeq}`): Promise<Ours> {
  let peakRss = process.memoryUsage().rss
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25)
  const started = performance.now()
  let firstRowsMs = -1
  let resultId = ''
  let runId = ''
  const firstRows = new Promise<void>((resolve) =>
    h.on((name, payload) => {
      const e = payload as QueryEvent
      if (name !== 'query.event' || e.runId !== runId || firstRowsMs >= 0 || resultId) return
      if (e.type === 'result') resultId = e.result.resultId
      if (!resultId) return
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
  runId = (await h.queries.run({ connectionId, sql, tabId })).runId
  await h.queries.settled(runId)
  const ms = performance.now() - started
  await firstRows
  clearInterval(sampler)
  const events = h.queryEvents(runId)
  const error = events.find((e) => e.type === 'error')
  if (error) throw new Error(`query failed: ${JSON.stringify(error)}`)
  const final = events.find((e) => e.type === 'result' && e.result.done) as Extract<QueryEvent, { type: 'result' }>
  // every row is there and readable at the end, even past the memory cap
  const last = await h.queries.rows({ resultId: final.result.resultId, offset: rows - 1, limit: 1 })
  if (Number(last.rows[0]?.[0]) !== rows) throw new Error(`last row is ${JSON.stringify(last.rows[0])}`)
  await h.queries.release(final.result.resultId)
  return { ms, firstRowsMs, peakRss, rows: final.result.rowCount }
}

async function measure(engine: BenchEngine, rows: number): Promise<void> {
  const sql = engine.sql(rows)
  const h = new QueryHarness({ memoryCapRows: CAP })
  const connectionId = h.connection(engine.connection)
  tabSeq++
  // a run on a connection nobody has opened yet also pays for its session and the analyser's catalog read
  const cold = await ours(h, connectionId, sql, rows, `bench-cold-${tabSeq}`)
  await h.queries.closeSession(`bench-cold-${tabSeq}`)
  const rawMs = new Map<string, number>()
  const ourRuns: Ours[] = []
  for (let i = 0; i < RUNS; i++) {
    for (const method of engine.raw) {
      const started = performance.now()
      const n = await method.read(sql)
      const ms = performance.now() - started
      if (n !== rows) throw new Error(`${method.name} read ${n} rows, expected ${rows}`)
      rawMs.set(method.name, Math.min(rawMs.get(method.name) ?? Infinity, ms))
    }
    ourRuns.push(await ours(h, connectionId, sql, rows))
    const raws = [...rawMs].map(([name, ms]) => `${name} ${Math.round(ms)} ms`).join(', ')
    console.log(`${engine.name} ${rows} rows, run ${i + 1}: ours ${Math.round(ourRuns[i]!.ms)} ms (first rows ${Math.round(ourRuns[i]!.firstRowsMs)} ms); best raw so far: ${raws}`)
  }
  await h.close()
  const [baseline, bestRaw] = [...rawMs].reduce((a, b) => (b[1] < a[1] ? b : a))
  const best = ourRuns.reduce((a, b) => (b.ms < a.ms ? b : a))
  const others = [...rawMs].filter(([name]) => name !== baseline).map(([name, ms]) => ` ratio_vs_${name}=${(ms / best.ms).toFixed(2)}`).join('')
  console.log(
    `BENCH results engine=${engine.name} rows=${best.rows} ratio=${(bestRaw / best.ms).toFixed(2)} baseline=${baseline} ours_ms=${Math.round(best.ms)} raw_ms=${Math.round(bestRaw)} first_rows_ms=${Math.round(Math.max(...ourRuns.map((r) => r.firstRowsMs)))} cold_first_rows_ms=${Math.round(cold.firstRowsMs)} peak_rss_mb=${Math.round(Math.max(...ourRuns.map((r) => r.peakRss)) / 1e6)} cap_rows=${CAP}${others}`
  )
}

async function main(): Promise<void> {
  const stopDatabases = await startTestDatabases()
  try {
    for (const name of ENGINES) {
      if (name === 'mysql' && !process.env.MYSQL_URL) {
        console.log('BENCH results engine=mysql skipped (MYSQL_URL not set)')
        continue
      }
      const engine = name === 'postgres' ? postgresEngine(process.env.PG_URL!) : name === 'mysql' ? await mysqlEngine(process.env.MYSQL_URL!, ROWS) : name === 'sqlite' ? sqliteEngine(ROWS) : await duckdbEngine()
      try {
        await measure(engine, ROWS)
        // the cost grows linearly with the rows
        if (name === 'postgres' && !process.env.BENCH_ROWS) for (const rows of [100_000, 3_000_000]) await measure(engine, rows)
      } finally {
        await engine.dispose()
      }
    }
    if (!process.env.MSSQL_URL) console.log('BENCH results engine=mssql skipped (MSSQL_URL not set)')
  } finally {
    await stopDatabases()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
