import type { Plan, PlanLabelled, PlanNode, PlanNodeKind } from '../model'
import { kindFrom, NodeIds, num } from '../node-builder'
import { findAll, findFirst, findNearest, parseXmlElements, type XmlElement } from './xml-elements'

const KINDS: readonly (readonly [RegExp, PlanNodeKind])[] = [
  [/Seek$|^Index Scan$|^Key Lookup$|^RID Lookup$/, 'index-scan'],
  [/^Constant Scan$/, 'result'],
  [/Scan$/, 'scan'],
  [/^(Nested Loops|Merge Join|Adaptive Join)$|Join$/, 'join'],
  [/Sort$/, 'sort'],
  [/Aggregate$/, 'aggregate'],
  [/^Filter$/, 'filter'],
  [/^Top$/, 'limit'],
  [/Spool$/, 'materialize'],
  [/^(Concatenation|Merge Interval)$/, 'set-op'],
  [/^Parallelism$/, 'gather'],
  [/^Compute Scalar$/, 'projection'],
  [/^(Window Aggregate|Segment|Sequence Project|Window Spool)$/, 'window'],
  [/^(Table|Index|Clustered Index) (Insert|Update|Delete|Merge)$|^(Insert|Update|Delete)$/, 'modify']
]

const unbracket = (s: string | undefined): string | undefined => s?.replace(/^\[|\]$/g, '').replace(/\]\.\[/g, '.')

/** The operator's own elements: everything under the RelOp except nested RelOps. */
const own = (relOp: XmlElement, name: string): XmlElement[] => findAll(relOp, name, 'RelOp')

function conditionsOf(relOp: XmlElement): PlanLabelled[] {
  const out: PlanLabelled[] = []
  for (const [element, label] of [
    ['SeekPredicates', 'Seek Predicate'],
    ['Predicate', 'Predicate'],
    ['ProbeResidual', 'Probe Residual'],
    ['Residual', 'Residual']
  ] as const) {
    for (const e of own(relOp, element)) {
      const scalar = findFirst(e, 'ScalarOperator', 'RelOp')?.attrs['ScalarString']
      const columns = scalar ?? findAll(e, 'ColumnReference').map((c) => c.attrs['Column']).join(', ')
      if (columns) out.push({ label, text: columns })
    }
  }
  return out
}

function convert(ids: NodeIds, relOp: XmlElement): PlanNode {
  const a = relOp.attrs
  const physical = a['PhysicalOp'] ?? 'RelOp'
  const logical = a['LogicalOp']
  const object = own(relOp, 'Object')[0]?.attrs
  const counters = own(relOp, 'RunTimeCountersPerThread').map((c) => c.attrs)
  const executions = counters.reduce((s, c) => s + (num(c['ActualExecutions']) ?? 0), 0)
  const rows = counters.reduce((s, c) => s + (num(c['ActualRows']) ?? 0), 0)
  const elapsed = counters.map((c) => num(c['ActualElapsedms'])).filter((v): v is number => v !== undefined)
  const details: PlanLabelled[] = []
  for (const key of ['LogicalOp', 'EstimateIO', 'EstimateCPU', 'AvgRowSize', 'Parallel', 'EstimatedExecutionMode', 'EstimateRebinds', 'EstimateRewinds']) {
    if (a[key] !== undefined) details.push({ label: key, text: a[key]! })
  }
  const node = ids.node({
    operation: logical && logical !== physical ? `${physical} (${logical})` : physical,
    kind: kindFrom(physical, KINDS) === 'other' && /Join/.test(logical ?? '') ? 'join' : kindFrom(physical, KINDS),
    relation: object ? unbracket([object['Schema'], object['Table']].filter(Boolean).join('.')) : undefined,
    index: unbracket(object?.['Index']),
    estimatedRows: num(a['EstimateRows']),
    totalCost: num(a['EstimatedTotalSubtreeCost']),
    actualRows: counters.length ? rows / Math.max(executions, 1) : undefined,
    loops: counters.length ? executions : undefined,
    // row-mode operators report elapsed time including their children, per thread: the slowest thread is the wall clock
    timeMs: elapsed.length ? Math.max(...elapsed) : undefined,
    conditions: conditionsOf(relOp),
    details
  })
  node.children = relOp.children.flatMap((c) => (c.name === 'RelOp' ? [c] : findNearest(c, 'RelOp'))).map((c) => convert(ids, c))
  return node
}

/**
 * SQL Server showplan XML (SHOWPLAN_XML, or STATISTICS XML for actual figures): the first statement that has a plan.
 * Written against the documented showplan schema; parsed in tests against a server only when MSSQL_URL is set.
 */
export function parseMssqlPlan(xml: string): Plan {
  const doc = parseXmlElements(xml)
  if (doc.name !== 'ShowPlanXML') throw new Error('Not a SQL Server showplan: no ShowPlanXML element.')
  const statement = findAll(doc, 'StmtSimple').find((s) => findFirst(s, 'QueryPlan'))
  const queryPlan = statement && findFirst(statement, 'QueryPlan')
  const top = queryPlan && findNearest(queryPlan, 'RelOp')[0]
  if (!statement || !queryPlan || !top) throw new Error('The showplan has no statement with a plan.')
  const root = convert(new NodeIds(), top)
  const times = findFirst(queryPlan, 'QueryTimeStats', 'RelOp')?.attrs
  const warnings = findFirst(queryPlan, 'Warnings', 'RelOp')
  return {
    engine: 'mssql',
    analyzed: root.actualRows !== undefined,
    root,
    planningMs: num(queryPlan.attrs['CompileTime']),
    executionMs: num(times?.['ElapsedTime']),
    settings: findAll(statement, 'StatementSetOptions').flatMap((s) => Object.entries(s.attrs).map(([label, text]) => ({ label, text }))),
    notes: warnings ? warnings.children.map((w) => `${w.name}${Object.keys(w.attrs).length ? `: ${Object.entries(w.attrs).map(([k, v]) => `${k}=${v}`).join(', ')}` : ''}`) : [],
    raw: xml,
    rawFormat: 'xml'
  }
}
