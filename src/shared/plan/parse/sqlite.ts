import type { Plan, PlanNode, PlanNodeKind } from '../model'
import { kindFrom, NodeIds, num, text } from '../node-builder'

const KINDS: readonly (readonly [RegExp, PlanNodeKind])[] = [
  [/^SEARCH\b/, 'index-scan'],
  [/^SCAN\b.*\bUSING\b.*\bINDEX\b/, 'index-scan'],
  [/^SCAN\b/, 'scan'],
  [/\bB-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY|LAST \d+ TERMS OF ORDER BY)/, 'sort'],
  [/\bB-TREE FOR (GROUP BY|DISTINCT|COUNT\(DISTINCT\))/, 'aggregate'],
  [/^(CO-ROUTINE|MATERIALIZE)\b/, 'cte'],
  [/SUBQUERY/, 'subquery'],
  [/^(COMPOUND|UNION|EXCEPT|INTERSECT|MERGE)\b/, 'set-op'],
  [/BLOOM FILTER/, 'hash']
]

/** `SCAN t`, `SEARCH main.t AS x USING INDEX i (a=?)`, and the older `SCAN TABLE t`. */
function access(detail: string): Pick<PlanNode, 'relation' | 'alias' | 'index' | 'conditions'> {
  const m = /^(?:SCAN|SEARCH)(?: TABLE)? (\S+)(?: AS (\S+))?/.exec(detail)
  if (!m || m[1] === 'CONSTANT') return { conditions: [] }
  const index = /USING (?:COVERING |AUTOMATIC (?:PARTIAL )?COVERING )?INDEX (\S+)/.exec(detail)?.[1] ?? (/USING (INTEGER )?PRIMARY KEY/.test(detail) ? 'PRIMARY KEY' : undefined)
  const cond = /\((.+)\)$/.exec(detail)?.[1]
  return { relation: m[1], alias: m[2], index, conditions: cond ? [{ label: 'Index Cond', text: cond }] : [] }
}

/**
 * `EXPLAIN QUERY PLAN` rows: [id, parent, notused, detail]. SQLite gives no estimates, costs or actual figures; tables
 * listed one after another at one level are joined as nested loops, the first outermost.
 */
export function parseSqlitePlan(rows: readonly (readonly unknown[])[]): Plan {
  const ids = new NodeIds()
  const root = ids.node({ operation: 'QUERY PLAN', kind: 'result' })
  const byId = new Map<number, PlanNode>([[0, root]])
  for (const row of rows) {
    const id = num(row[0])
    const parent = num(row[1]) ?? 0
    const detail = text(row[row.length - 1])
    const node = ids.node({ operation: detail, kind: kindFrom(detail, KINDS), ...access(detail) })
    ;(byId.get(parent) ?? root).children.push(node)
    if (id !== undefined) byId.set(id, node)
  }
  const raw = rows.map((r) => `${text(r[0])}\t${text(r[1])}\t${text(r[r.length - 1])}`).join('\n')
  return {
    engine: 'sqlite',
    analyzed: false,
    root,
    settings: [],
    notes: ['SQLite reports no row estimates, costs or actual figures: the plan shows the access path only.'],
    raw,
    rawFormat: 'text'
  }
}
