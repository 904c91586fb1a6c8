import type { Plan, PlanBuffers, PlanLabelled, PlanNode, PlanNodeKind } from '../model'
import { kindFrom, labelled, NodeIds, num, text } from '../node-builder'

type Json = Record<string, unknown>

const KINDS: readonly (readonly [RegExp, PlanNodeKind])[] = [
  [/^(Index Scan|Index Only Scan|Bitmap Index Scan|Bitmap Heap Scan)$/, 'index-scan'],
  [/^CTE Scan$/, 'cte'],
  [/^Subquery Scan$/, 'subquery'],
  [/Scan$/, 'scan'],
  [/^(Nested Loop|Hash Join|Merge Join)$/, 'join'],
  [/Sort$/, 'sort'],
  [/^WindowAgg$/, 'window'],
  [/^(Aggregate|Group|Unique)$/, 'aggregate'],
  [/^Hash$/, 'hash'],
  [/^Limit$/, 'limit'],
  [/^(Materialize|Memoize)$/, 'materialize'],
  [/^(Append|Merge Append|SetOp|Recursive Union)$/, 'set-op'],
  [/^Gather/, 'gather'],
  [/^ModifyTable$/, 'modify'],
  [/^ProjectSet$/, 'projection'],
  [/^Result$/, 'result']
]

const CONDITIONS = ['Filter', 'Index Cond', 'Recheck Cond', 'Hash Cond', 'Merge Cond', 'Join Filter', 'One-Time Filter', 'TID Cond', 'Order By']

const BUFFERS: Record<string, keyof PlanBuffers> = {
  'Shared Hit Blocks': 'sharedHit',
  'Shared Read Blocks': 'sharedRead',
  'Shared Dirtied Blocks': 'sharedDirtied',
  'Shared Written Blocks': 'sharedWritten',
  'Local Hit Blocks': 'localHit',
  'Local Read Blocks': 'localRead',
  'Local Dirtied Blocks': 'localDirtied',
  'Local Written Blocks': 'localWritten',
  'Temp Read Blocks': 'tempRead',
  'Temp Written Blocks': 'tempWritten'
}

/** Keys the model holds elsewhere; every other key of a node becomes a detail. */
const CONSUMED = new Set([
  'Node Type', 'Plans', 'Workers', 'Relation Name', 'Schema', 'Alias', 'Index Name', 'CTE Name', 'Function Name', 'Startup Cost',
  'Total Cost', 'Plan Rows', 'Actual Rows', 'Actual Loops', 'Actual Total Time', 'Parallel Aware', 'Operation', 'Strategy',
  ...CONDITIONS, ...Object.keys(BUFFERS)
])

/** The name text EXPLAIN would print: HashAggregate, Parallel Seq Scan, Insert on … */
function operationOf(n: Json): string {
  const type = text(n['Node Type'])
  const parallel = n['Parallel Aware'] === true ? 'Parallel ' : ''
  if (type === 'Aggregate') {
    const strategy = text(n['Strategy'])
    const name = strategy === 'Hashed' ? 'HashAggregate' : strategy === 'Sorted' ? 'GroupAggregate' : strategy === 'Mixed' ? 'MixedAggregate' : 'Aggregate'
    return parallel + name
  }
  if (type === 'ModifyTable' && n['Operation']) return text(n['Operation'])
  return parallel + type
}

function buffersOf(n: Json): PlanBuffers | undefined {
  const out: PlanBuffers = {}
  let any = false
  for (const [key, field] of Object.entries(BUFFERS)) {
    const v = num(n[key])
    if (v === undefined) continue
    out[field] = v
    any = true
  }
  return any ? out : undefined
}

function relationOf(n: Json): string | undefined {
  if (n['Relation Name']) return n['Schema'] ? `${text(n['Schema'])}.${text(n['Relation Name'])}` : text(n['Relation Name'])
  if (n['CTE Name']) return text(n['CTE Name'])
  if (n['Function Name']) return text(n['Function Name'])
  return undefined
}

/** One worker's share of a parallel node (VERBOSE with ANALYZE): `#1: 66,000 rows in 12.3 ms`. */
function workerText(w: Json): string {
  const rows = num(w['Actual Rows'])
  const ms = num(w['Actual Total Time'])
  return `#${text(w['Worker Number'])}${rows !== undefined ? `: ${rows} rows` : ''}${ms !== undefined ? ` in ${ms} ms` : ''}`
}

/**
 * Times inside a parallel section are averages per process over `Actual Loops` processes; multiplied out they would
 * count the same wall-clock time once per worker. `processes` divides that back to wall-clock time.
 */
function convert(ids: NodeIds, n: Json, processes: number): PlanNode {
  const loops = num(n['Actual Loops'])
  const perLoopMs = num(n['Actual Total Time'])
  const workers = num(n['Workers Launched']) ?? num(n['Workers Planned'])
  const childProcesses = n['Node Type'] === 'Gather' || n['Node Type'] === 'Gather Merge' ? (workers ?? 0) + 1 : processes
  const relation = relationOf(n)
  const alias = n['Alias'] !== undefined && text(n['Alias']) !== text(n['Relation Name']) ? text(n['Alias']) : undefined
  const conditions: PlanLabelled[] = CONDITIONS.filter((k) => n[k] !== undefined).map((k) => labelled(k, n[k]))
  const details: PlanLabelled[] = Object.entries(n)
    .filter(([k]) => !CONSUMED.has(k))
    .map(([k, v]) => labelled(k, v))
  if (Array.isArray(n['Workers']) && n['Workers'].length) details.push(labelled('Workers', (n['Workers'] as Json[]).map(workerText).join('; ')))
  const node = ids.node({
    operation: operationOf(n),
    kind: kindFrom(text(n['Node Type']), KINDS),
    relation,
    alias,
    index: n['Index Name'] !== undefined ? text(n['Index Name']) : undefined,
    estimatedRows: num(n['Plan Rows']),
    actualRows: num(n['Actual Rows']),
    loops,
    startupCost: num(n['Startup Cost']),
    totalCost: num(n['Total Cost']),
    timeMs: perLoopMs !== undefined ? (perLoopMs * (loops ?? 1)) / processes : undefined,
    buffers: buffersOf(n),
    conditions,
    details
  })
  const children = Array.isArray(n['Plans']) ? (n['Plans'] as Json[]) : []
  node.children = children.map((c) => convert(ids, c, childProcesses))
  return node
}

/** `EXPLAIN (FORMAT JSON[, ANALYZE, BUFFERS, SETTINGS, VERBOSE])` output: the JSON text or the value pg parsed. */
export function parsePostgresPlan(output: string | unknown, analyzed: boolean): Plan {
  const raw = typeof output === 'string' ? output : JSON.stringify(output, null, 2)
  const parsed: unknown = typeof output === 'string' ? JSON.parse(output) : output
  const top = (Array.isArray(parsed) ? parsed[0] : parsed) as Json | undefined
  if (!top || typeof top !== 'object' || typeof top['Plan'] !== 'object') throw new Error('Not a PostgreSQL JSON plan: no "Plan" object.')
  const root = convert(new NodeIds(), top['Plan'] as Json, 1)
  const settings = top['Settings'] && typeof top['Settings'] === 'object' ? Object.entries(top['Settings'] as Json).map(([k, v]) => labelled(k, v)) : []
  const notes: string[] = []
  for (const t of Array.isArray(top['Triggers']) ? (top['Triggers'] as Json[]) : []) {
    notes.push(`Trigger ${text(t['Trigger Name'])}${t['Relation'] ? ` on ${text(t['Relation'])}` : ''}: ${text(t['Time'])} ms, ${text(t['Calls'])} calls`)
  }
  if (top['JIT'] && typeof top['JIT'] === 'object') notes.push(`JIT: ${text((top['JIT'] as Json)['Timing'])}`)
  return {
    engine: 'postgres',
    analyzed,
    root,
    planningMs: num(top['Planning Time']),
    executionMs: num(top['Execution Time']),
    settings,
    notes,
    raw,
    rawFormat: 'json'
  }
}
