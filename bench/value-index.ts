/**
 * Value index at scale: `npm run bench -- values`. 900 tables × 5 text columns × 100 values written in steps (the
 * event loop is never held long), then 300 questions matched; CPU time per match is printed beside wall time, since
 * on a busy machine wall time measures the scheduler.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { join } from 'node:path'
import { openLocalStore } from '../src/main/services/store/local-store'
import { ValueIndex, type ValueEntry } from '../src/main/services/ai/retrieval/value-index'

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qg-values-'))
  const store = openLocalStore(join(dir, 'store.db'))
  try {
    const index = new ValueIndex(store.db, { maxValues: 500_000 })
    const vocabulary = Array.from({ length: 6000 }, (_, i) => `w${[...i.toString(26)].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('')}k`)
    let seed = 7
    const pick = () => vocabulary[(seed = (seed * 48271) % 2147483647) % vocabulary.length]!
    const entries: ValueEntry[] = []
    for (let t = 0; t < 900; t++)
      for (let c = 0; c < 5; c++) entries.push({ tableKey: `s${t % 9}.table${t}`, column: `col${c}`, values: Array.from({ length: 100 }, (_, v) => (v % 3 === 0 ? `${pick()} ${pick()}` : `${pick()} ${v}`)) })
    entries.push({ tableKey: 's0.bands', column: 'name', values: ['The Beatles'] })
    const started = performance.now()
    const loop = monitorEventLoopDelay({ resolution: 5 })
    loop.enable()
    const status = await index.replaceInSteps('big', entries)
    loop.disable()
    const indexMs = performance.now() - started
    const wall: number[] = []
    const cpu: number[] = []
    let misses = 0
    for (let i = 0; i < 50; i++) index.match('big', `warm up ${pick()} ${pick()}`)
    for (let i = 0; i < 300; i++) {
      const q = `which ${pick()} items by ${pick()} were sold to ${pick()} customers of the beatles`
      const t0 = performance.now()
      const c0 = process.cpuUsage()
      const hits = index.match('big', q)
      const c1 = process.cpuUsage(c0)
      wall.push(performance.now() - t0)
      cpu.push((c1.user + c1.system) / 1000)
      if (!hits.some((h) => h.tableKey === 's0.bands')) misses++
    }
    const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)]!
    console.log(
      `BENCH values tables=900 values=${status.values} index_ms=${Math.round(indexMs)} event_loop_max_ms=${Math.round(loop.max / 1e6)} match_p50_ms=${p(wall, 0.5).toFixed(2)} match_p95_ms=${p(wall, 0.95).toFixed(2)} match_cpu_p95_ms=${p(cpu, 0.95).toFixed(2)} missed_phrase=${misses}`
    )
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
