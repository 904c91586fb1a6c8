/**
 * Parsing and deriving (self metrics, hot spots, misestimates, tree-table rows) of a 500-node PostgreSQL
 * EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) plan, synthesised in PostgreSQL's shape: a Limit over a Sort over an
 * Aggregate over an Append of 124 hash joins (the plan of a UNION ALL of joins). The baseline is JSON.parse of the
 * same text alone, the floor of any parse. Figures are medians of 50 runs after 10 warm-up runs.
 */
import { flattenPlan, hotSpots, misestimates, parsePostgresPlan, planMetrics } from '../src/shared/plan'
import { countNodes } from '../src/shared/plan/walk'

type Json = Record<string, unknown>
let seed = 7
const rand = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31

function node(type: string, ms: number, rows: number, extra: Json = {}, plans: Json[] = []): Json {
  return {
    'Node Type': type,
    'Parallel Aware': false,
    'Startup Cost': 0,
    'Total Cost': ms * 10,
    'Plan Rows': Math.max(1, Math.round(rows * (rand() < 0.1 ? 0.01 : 1))),
    'Plan Width': 16,
    'Actual Startup Time': 0.01,
    'Actual Total Time': ms,
    'Actual Rows': rows,
    'Actual Loops': 1,
    Output: ['id', 'v'],
    'Shared Hit Blocks': Math.round(rows / 50),
    'Shared Read Blocks': 0,
    ...extra,
    ...(plans.length ? { Plans: plans } : {})
  }
}

function join(i: number): Json {
  const outer = node('Seq Scan', 1 + rand(), 1000, { 'Relation Name': `a${i}`, Schema: 'public', Alias: `a${i}`, Filter: '(v > 10)' })
  const inner = node('Seq Scan', 0.5 + rand(), 500, { 'Relation Name': `b${i}`, Schema: 'public', Alias: `b${i}` })
  const hash = node('Hash', 0.7, 500, { 'Hash Buckets': 1024 }, [inner])
  return node('Hash Join', 3 + rand(), 900, { 'Join Type': 'Inner', 'Hash Cond': `(a${i}.id = b${i}.a_id)` }, [outer, hash])
}

const joins = Array.from({ length: 124 }, (_, i) => join(i))
const append = node('Append', 500, 111_600, {}, joins)
const aggregate = node('Aggregate', 520, 100, { Strategy: 'Hashed', 'Group Key': ['v'] }, [append])
const sort = node('Sort', 521, 100, { 'Sort Key': ['count(*) DESC'], 'Sort Method': 'quicksort' }, [aggregate])
const limit = node('Limit', 521, 10, {}, [sort])
const raw = JSON.stringify([{ Plan: limit, 'Planning Time': 2.1, 'Execution Time': 530 }], null, 2)

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
function time(fn: () => void): number {
  for (let i = 0; i < 10; i++) fn()
  const runs: number[] = []
  for (let i = 0; i < 50; i++) {
    const start = performance.now()
    fn()
    runs.push(performance.now() - start)
  }
  return median(runs)
}

const plan = parsePostgresPlan(raw, true)
const nodes = countNodes(plan.root)
if (nodes !== 500) throw new Error(`expected 500 nodes, got ${nodes}`)
const parseMs = time(() => parsePostgresPlan(raw, true))
const deriveMs = time(() => {
  const metrics = planMetrics(plan)
  hotSpots(plan, { metrics })
  misestimates(plan)
  flattenPlan(plan, metrics)
})
const baselineMs = time(() => JSON.parse(raw))
const round = (ms: number): number => Math.round(ms * 1000) / 1000
console.log(`hot spots: ${hotSpots(plan).map((h) => `${h.operation} ${(h.share * 100).toFixed(1)}%`).join(', ')}; misestimates: ${misestimates(plan).length}`)
console.log(`BENCH plan nodes=${nodes} raw_bytes=${raw.length} parse_ms=${round(parseMs)} derive_ms=${round(deriveMs)} baseline_json_parse_ms=${round(baselineMs)}`)
