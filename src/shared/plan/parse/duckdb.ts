import type { Plan, PlanLabelled, PlanNode, PlanNodeKind } from '../model'
import { kindFrom, labelled, NodeIds, num, text } from '../node-builder'

type Json = Record<string, unknown>

const KINDS: readonly (readonly [RegExp, PlanNodeKind])[] = [
  [/INDEX_SCAN/, 'index-scan'],
  [/CTE_SCAN|^CTE$/, 'cte'],
  [/SCAN|READ_/, 'scan'],
  [/JOIN|CROSS_PRODUCT|^DELIM_JOIN/, 'join'],
  [/ORDER_BY|^TOP_N$|SORT/, 'sort'],
  [/GROUP_BY|AGGREGATE|DISTINCT/, 'aggregate'],
  [/^WINDOW|STREAMING_WINDOW/, 'window'],
  [/^FILTER$/, 'filter'],
  [/LIMIT/, 'limit'],
  [/UNION|EXCEPT|INTERSECT/, 'set-op'],
  [/^PROJECTION$/, 'projection'],
  [/INSERT|UPDATE|DELETE|CREATE|COPY_TO/, 'modify'],
  [/RESULT|DUMMY_SCAN/, 'result']
]

const CONDITIONS = ['Filters', 'Conditions', 'Condition']

function describe(info: Json): { conditions: PlanLabelled[]; details: PlanLabelled[]; relation?: string; estimatedRows?: number } {
  const conditions: PlanLabelled[] = []
  const details: PlanLabelled[] = []
  for (const [k, v] of Object.entries(info)) {
    if (k === 'Table' || k === 'Estimated Cardinality') continue
    ;(CONDITIONS.includes(k) ? conditions : details).push(labelled(k, v))
  }
  return { conditions, details, relation: info['Table'] !== undefined ? text(info['Table']) : undefined, estimatedRows: num(info['Estimated Cardinality']) }
}

/** Plain EXPLAIN: `{ name, children, extra_info }`. */
function planNode(ids: NodeIds, n: Json): PlanNode {
  const name = text(n['name'])
  const node = ids.node({ operation: name, kind: kindFrom(name, KINDS), ...describe((n['extra_info'] ?? {}) as Json) })
  node.children = ((n['children'] ?? []) as Json[]).map((c) => planNode(ids, c))
  return node
}

/** Profiled: `{ operator_name, operator_timing (s, own), operator_cardinality, extra_info, children }`; time made inclusive. */
function profiledNode(ids: NodeIds, n: Json): PlanNode {
  const name = text(n['operator_name'] ?? n['operator_type'])
  const node = ids.node({
    operation: name,
    kind: kindFrom(name, KINDS),
    actualRows: num(n['operator_cardinality']),
    loops: 1,
    ...describe((n['extra_info'] ?? {}) as Json)
  })
  const rowsScanned = num(n['operator_rows_scanned'])
  if (rowsScanned) node.details.push(labelled('Rows Scanned', rowsScanned))
  node.children = ((n['children'] ?? []) as Json[]).map((c) => profiledNode(ids, c))
  const ownMs = (num(n['operator_timing']) ?? 0) * 1000
  node.timeMs = ownMs + node.children.reduce((s, c) => s + (c.timeMs ?? 0), 0)
  return node
}

/**
 * DuckDB's `EXPLAIN (FORMAT JSON)` (an array of plan trees) or `EXPLAIN (ANALYZE, FORMAT JSON)` (the profiler's
 * query object). The profiler's EXPLAIN_ANALYZE wrapper node is left out: it is the explain itself, not the query.
 */
export function parseDuckdbPlan(output: string): Plan {
  const parsed: unknown = JSON.parse(output)
  const ids = new NodeIds()
  if (Array.isArray(parsed)) {
    const trees = (parsed as Json[]).map((t) => planNode(ids, t))
    const root = trees.length === 1 ? trees[0]! : { ...ids.node({ operation: 'QUERY', kind: 'result' }), children: trees }
    return { engine: 'duckdb', analyzed: false, root, settings: [], notes: [], raw: output, rawFormat: 'json' }
  }
  const query = parsed as Json
  let tops = ((query['children'] ?? []) as Json[])
  while (tops.length === 1 && tops[0]!['operator_type'] === 'EXPLAIN_ANALYZE') tops = (tops[0]!['children'] ?? []) as Json[]
  const trees = tops.map((t) => profiledNode(ids, t))
  const root = trees.length === 1 ? trees[0]! : { ...ids.node({ operation: 'QUERY', kind: 'result' }), children: trees }
  const latency = num(query['latency'])
  return {
    engine: 'duckdb',
    analyzed: true,
    root,
    executionMs: latency !== undefined ? latency * 1000 : undefined,
    settings: [],
    notes: [],
    raw: output,
    rawFormat: 'json'
  }
}
