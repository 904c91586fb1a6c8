/**
 * `npm run bench -- mockdata`: test data for the 10-table foreign-key chain of test/mockdata/chain-schema.ts into
 * PostgreSQL through the MockDataService (plan → generate → COPY per table, each in its own transaction, then the
 * second pass that fills the cycle), against `psql -c "\copy … from … csv header"` of the same rows: the service
 * writes them as CSV files (same seed), the tables are emptied, and psql loads the files in dependency order.
 * Rows: BENCH_ROWS per table (default 20,000; countries 600, their CHAR(2) codes allow 1,296). Best of BENCH_RUNS (2).
 * Prints: BENCH mockdata engine=postgres rows=<total> ratio=<psql/ours> ours_ms=… baseline=psql-copy baseline_ms=…
 */
import { spawnSync } from 'node:child_process'
import pg from 'pg'
import { startTestDatabases } from '../test/databases'
import { DataHarness } from '../test/data/data-harness'
import { CHAIN_TABLES, chainDrop, chainSetup } from '../test/mockdata/chain-schema'
import { mocker } from '../test/mockdata/mock-harness'

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 2)
const COUNTRIES = Math.min(600, ROWS)

async function sql(statement: string): Promise<unknown[][]> {
  const c = new pg.Client({ connectionString: process.env.PG_URL })
  await c.connect()
  try {
    return (await c.query({ text: statement, rowMode: 'array' })).rows
  } finally {
    await c.end()
  }
}

const empty = (): Promise<unknown> => sql(`TRUNCATE ${CHAIN_TABLES.join(', ')}`)

async function main(): Promise<void> {
  const stop = await startTestDatabases()
  const h = new DataHarness('postgres', { url: process.env.PG_URL })
  try {
    for (const s of chainDrop('postgres')) await sql(s).catch(() => undefined)
    for (const s of chainSetup('postgres')) await sql(s)
    await h.schema.get(h.id, { refresh: true })
    const m = mocker(h)
    const tables = CHAIN_TABLES.map((name) => ({ name, ...(name === 'mk_countries' ? { rows: COUNTRIES } : {}) }))
    const input = { connectionId: h.id, tables, rowsPerTable: ROWS, seed: 11 }
    const total = COUNTRIES + ROWS * (CHAIN_TABLES.length - 1)

    // the same rows as CSV files, in the order the plan writes them (parents first)
    const files = await m.run({ ...input, target: { kind: 'files', format: 'csv' } })
    if (files.state !== 'done') throw new Error(`CSV files: ${JSON.stringify(files.error)}`)
    const ordered = files.tables.map((t) => files.files!.find((f) => f.path.includes(`${t.schema}.${t.name}-`))!.path)
    const copies = files.tables.flatMap((t, i) => ['-c', `\\copy ${t.name} from '${ordered[i]}' csv header`])

    let ours = Infinity
    let baseline = Infinity
    for (let run = 0; run < RUNS; run++) {
      await empty()
      const started = performance.now()
      const done = await m.run({ ...input, target: { kind: 'database', transaction: 'table' } })
      const ms = performance.now() - started
      if (done.state !== 'done') throw new Error(`generation: ${JSON.stringify(done.error)}`)
      const inserted = done.tables.reduce((n, t) => n + t.inserted, 0)
      if (inserted !== total) throw new Error(`inserted ${inserted} of ${total}: ${JSON.stringify(done.tables.map((t) => [t.name, t.inserted, t.reasons]))}`)
      ours = Math.min(ours, ms)

      await empty()
      const t0 = performance.now()
      const r = spawnSync('psql', [process.env.PG_URL!, '-X', '-q', '-v', 'ON_ERROR_STOP=1', ...copies], { stdio: ['ignore', 'ignore', 'pipe'] })
      const psqlMs = performance.now() - t0
      if (r.status !== 0) throw new Error(`psql: ${r.stderr.toString()}`)
      const [[count]] = (await sql(`SELECT (${CHAIN_TABLES.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ')})::int`)) as [[number]]
      if (count !== total) throw new Error(`psql loaded ${count} of ${total}`)
      baseline = Math.min(baseline, psqlMs)
      console.log(`run ${run + 1}: ours ${ms.toFixed(0)} ms, psql \\copy ${psqlMs.toFixed(0)} ms`)
    }
    console.log(`(${(total / (ours / 1000)).toFixed(0)} rows/s generated and written; psql loads ${(total / (baseline / 1000)).toFixed(0)} rows/s of ready CSV)`)
    console.log(`BENCH mockdata engine=postgres rows=${total} ratio=${(baseline / ours).toFixed(2)} ours_ms=${ours.toFixed(0)} baseline=psql-copy baseline_ms=${baseline.toFixed(0)}`)
  } finally {
    await empty().catch(() => undefined)
    for (const s of chainDrop('postgres')) await sql(s).catch(() => undefined)
    await h.close()
    await stop()
  }
}

await main()
