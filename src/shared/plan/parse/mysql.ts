import type { Plan, PlanLabelled, PlanNode, PlanNodeKind } from '../model'
import { kindFrom, labelled, NodeIds, num, text } from '../node-builder'

type Json = Record<string, unknown>

/** Keys of MariaDB's and MySQL's JSON plans whose object value is one plan node, with its name and kind. */
const NODE_KEYS: Record<string, readonly [string, PlanNodeKind]> = {
  query_block: ['Query block', 'subquery'],
  table: ['Table', 'scan'],
  'block-nl-join': ['Block nested loop', 'join'],
  'range-checked-for-each-record': ['Range checked for each record', 'index-scan'],
  filesort: ['Filesort', 'sort'],
  read_sorted_file: ['Read sorted file', 'sort'],
  ordering_operation: ['Ordering', 'sort'],
  temporary_table: ['Temporary table', 'materialize'],
  materialized: ['Materialize', 'materialize'],
  materialized_from_subquery: ['Materialize', 'materialize'],
  expression_cache: ['Expression cache', 'materialize'],
  derived: ['Derived table', 'subquery'],
  union_result: ['Union', 'set-op'],
  duplicates_removal: ['Duplicates removal', 'aggregate'],
  grouping_operation: ['Grouping', 'aggregate'],
  window_functions_computation: ['Window functions', 'window'],
  windowing: ['Window functions', 'window']
}

const INDEX_ACCESS = /^(range|ref|eq_ref|const|system|ref_or_null|index_merge|fulltext|index_subquery|unique_subquery|index)$/
const CONDITIONS = ['attached_condition', 'having_condition', 'const_condition', 'pushed_index_condition', 'index_condition', 'outer_ref_condition', 'ref']
const TIMES = ['r_table_time_ms', 'r_other_time_ms', 'r_unpack_time_ms']
const CONSUMED = new Set(['table_name', 'key', 'r_loops', 'r_output_rows', 'r_total_time_ms', ...TIMES, ...CONDITIONS])

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The plan nodes inside one value: a node key's object, or nodes found deeper in arrays and wrapper objects. */
function nodesIn(ids: NodeIds, key: string, value: unknown): PlanNode[] {
  if (Array.isArray(value)) {
    const nodes = value.flatMap((item) => (isObject(item) ? Object.entries(item).flatMap(([k, v]) => nodesIn(ids, k, v)) : []))
    // tables listed in a nested_loop are joined one after another, the first outermost
    if (key === 'nested_loop' && nodes.length > 1) {
      const timed = nodes.some((n) => n.timeMs !== undefined)
      return [{ ...ids.node({ operation: 'Nested loop', kind: 'join', timeMs: timed ? sumMs(nodes) : undefined }), children: nodes }]
    }
    return nodes
  }
  if (!isObject(value)) return []
  if (NODE_KEYS[key]) return [nodeOf(ids, key, value)]
  return Object.entries(value).flatMap(([k, v]) => nodesIn(ids, k, v))
}

function nodeOf(ids: NodeIds, key: string, o: Json): PlanNode {
  const [name, baseKind] = NODE_KEYS[key]!
  const access = typeof o['access_type'] === 'string' ? o['access_type'] : undefined
  const kind: PlanNodeKind = key === 'table' && access && INDEX_ACCESS.test(access) ? 'index-scan' : typeof o['message'] === 'string' ? 'result' : baseKind
  const message = key === 'table' && typeof o['message'] === 'string' ? o['message'] : undefined
  const operation =
    message ?? (key === 'table' ? `${access ?? 'Table'}${o['table_name'] ? ` ${text(o['table_name'])}` : ''}` : key === 'query_block' && o['select_id'] !== undefined ? `${name} #${text(o['select_id'])}` : name)
  const costInfo = isObject(o['cost_info']) ? o['cost_info'] : {}
  const conditions: PlanLabelled[] = CONDITIONS.filter((k) => o[k] !== undefined).map((k) => labelled(k, o[k]))
  const details: PlanLabelled[] = []
  const children: PlanNode[] = []
  for (const [k, v] of Object.entries(o)) {
    if (CONSUMED.has(k)) continue
    const found = typeof v === 'object' && v !== null && k !== 'cost_info' ? nodesIn(ids, k, v) : []
    if (found.length) children.push(...found)
    else details.push(labelled(k, v))
  }
  const node = ids.node({
    operation,
    kind,
    relation: o['table_name'] !== undefined ? text(o['table_name']) : undefined,
    index: o['key'] !== undefined ? text(o['key']) : undefined,
    estimatedRows: afterFilter(num(o['rows']) ?? num(o['rows_examined_per_scan']), o['filtered']),
    actualRows: afterFilter(num(o['r_rows']), o['r_filtered']) ?? num(o['r_output_rows']),
    loops: num(o['r_loops']),
    totalCost: num(costInfo['query_cost']),
    conditions,
    details
  })
  node.children = children
  node.timeMs = inclusiveMs(key, o, children)
  return node
}

const sumMs = (nodes: PlanNode[]): number => nodes.reduce((s, n) => s + (n.timeMs ?? 0), 0)

/**
 * Rows the node passes on, as PostgreSQL counts them: `rows` / `r_rows` are rows read per loop before the attached
 * condition, `filtered` / `r_filtered` the percentage of them that pass it.
 */
function afterFilter(rows: number | undefined, percent: unknown): number | undefined {
  // the percentage comes with float noise (98.04117647): rows to two decimals, enough for an average per loop
  return rows === undefined ? undefined : Math.round(rows * (num(percent) ?? 100)) / 100
}

/** A query block's r_total_time_ms includes its children; other nodes report only their own time. */
function inclusiveMs(key: string, o: Json, children: PlanNode[]): number | undefined {
  const fromChildren = sumMs(children)
  const timedChildren = children.some((c) => c.timeMs !== undefined)
  const total = num(o['r_total_time_ms'])
  const ownParts = TIMES.map((k) => num(o[k])).filter((v): v is number => v !== undefined)
  if (key === 'query_block') return total !== undefined ? Math.max(total, fromChildren) : timedChildren ? fromChildren : undefined
  if (total !== undefined) ownParts.push(total)
  if (!ownParts.length && !timedChildren) return undefined
  return ownParts.reduce((s, v) => s + v, 0) + fromChildren
}

/** MariaDB `EXPLAIN FORMAT=JSON` / `ANALYZE FORMAT=JSON`, and MySQL's `EXPLAIN FORMAT=JSON` (version 1). */
export function parseMysqlJsonPlan(output: string, analyzed: boolean): Plan {
  const parsed = JSON.parse(output) as Json
  if (!isObject(parsed['query_block'])) throw new Error('Not a MySQL/MariaDB JSON plan: no "query_block".')
  const ids = new NodeIds()
  const root = nodeOf(ids, 'query_block', parsed['query_block'])
  const optimization = isObject(parsed['query_optimization']) ? parsed['query_optimization'] : {}
  return {
    engine: 'mysql',
    analyzed,
    root,
    planningMs: num(optimization['r_total_time_ms']),
    executionMs: analyzed ? root.timeMs : undefined,
    settings: [],
    notes: [],
    raw: output,
    rawFormat: 'json'
  }
}

const TREE_KINDS: readonly (readonly [RegExp, PlanNodeKind])[] = [
  [/^(Covering index|Index|Single-row index|Multi-range index|Full-text index)\b.*\b(scan|lookup)\b/i, 'index-scan'],
  [/^(Table scan|Constant row)/i, 'scan'],
  [/join|Nested loop/i, 'join'],
  [/^Sort/i, 'sort'],
  [/^(Aggregate|Group)/i, 'aggregate'],
  [/^Filter/i, 'filter'],
  [/^Limit/i, 'limit'],
  [/^(Materialize|Temporary table)/i, 'materialize'],
  [/^Window/i, 'window'],
  [/^Union/i, 'set-op']
]

/**
 * MySQL 8's `EXPLAIN ANALYZE` / `EXPLAIN FORMAT=TREE` text: one `-> operation (cost=… rows=…) (actual time=a..b
 * rows=… loops=…)` line per node, indented by depth. Written against MySQL's documented output; not tested against a
 * MySQL 8 server here (the test server is MariaDB).
 */
export function parseMysqlTreePlan(output: string): Plan {
  const ids = new NodeIds()
  const root = ids.node({ operation: 'Query', kind: 'result' })
  const stack: { indent: number; node: PlanNode }[] = [{ indent: -1, node: root }]
  let analyzed = false
  for (const line of output.split('\n')) {
    const m = /^(\s*)-> (.*?)(?:\s+\(cost=([\d.e+]+)(?:\.\.([\d.e+]+))? rows=([\d.e+]+)\))?(?:\s+\(actual time=([\d.e+]+)\.\.([\d.e+]+) rows=([\d.e+]+) loops=(\d+)\))?\s*$/.exec(line)
    if (!m) continue
    const [, indent, operation, cost1, cost2, rows, , endMs, actualRows, loops] = m
    if (endMs !== undefined) analyzed = true
    const node = ids.node({
      operation: operation!,
      kind: kindFrom(operation!, TREE_KINDS),
      relation: /\bon (\S+)/.exec(operation!)?.[1],
      index: /\busing (\S+)/.exec(operation!)?.[1],
      estimatedRows: num(rows),
      actualRows: num(actualRows),
      loops: num(loops),
      totalCost: num(cost2 ?? cost1),
      timeMs: endMs !== undefined ? Number(endMs) * Number(loops ?? 1) : undefined
    })
    while (stack.length > 1 && stack[stack.length - 1]!.indent >= indent!.length) stack.pop()
    stack[stack.length - 1]!.node.children.push(node)
    stack.push({ indent: indent!.length, node })
  }
  const top = root.children.length === 1 ? root.children[0]! : root
  return { engine: 'mysql', analyzed, root: top, executionMs: analyzed ? top.timeMs : undefined, settings: [], notes: [], raw: output, rawFormat: 'text' }
}
