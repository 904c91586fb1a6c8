import { flattenPlan, hotSpots, misestimates, planMetrics, type NodeMetrics, type Plan, type PlanMeasure, type PlanNode, type PlanRow } from '../../../../shared/plan'
import { estimateTokens } from './budget'

export interface PlanPromptOptions {
  /** Tokens the whole rendering may take; the tree gives way first (hot spots and misestimates are kept). */
  budgetTokens: number
  /** Applied to every text taken from the plan (operations, conditions, notes): hides string literals below "schema + samples". */
  mask?: (text: string) => string
}

const CONDITION_CHARS = 160
const OPERATION_CHARS = 120
const MAX_DEPTH_INDENT = 24
/** Details that say why a node costs what it does; the rest (Output lists, flags) costs tokens for little. */
const USEFUL_DETAILS = new Set(['Sort Key', 'Group Key', 'Sort Method', 'Rows Removed by Filter', 'Rows Removed by Join Filter', 'Rows Removed by Index Recheck', 'Heap Fetches', 'Workers'])

/**
 * The plan as the model reads it: a header, the ranked hot spots, the misestimates and the tree with one line per node
 * (`[n3] Seq Scan on public.orders o · rows est 100 act 5000 ×1 · self 3.2 ms (45%) · Filter: …`). Over budget, the
 * tree keeps the root, the hot spots, the misestimated nodes and the costliest others with their ancestors, and says
 * how many nodes it left out where it left them out.
 */
export function planForPrompt(plan: Plan, options: PlanPromptOptions): string {
  const mask = options.mask ?? ((t: string) => t)
  const metrics = planMetrics(plan)
  const spots = hotSpots(plan, { metrics, limit: 5 })
  const wrong = misestimates(plan).slice(0, 8)
  const fixed: string[] = [header(plan, metrics.measure, mask)]
  if (spots.length) {
    fixed.push(
      `Hot spots (own share of ${metrics.measure === 'time' ? 'actual time' : 'estimated cost'}, largest first):\n` +
        spots.map((s, i) => `${i + 1}. [${s.nodeId}] ${clip(mask(s.operation), OPERATION_CHARS)}${s.relation ? ` on ${mask(s.relation)}` : ''}: ${percent(s.share)} (${s.measure === 'time' ? `${num(s.self)} ms` : `cost ${num(s.self)}`})`).join('\n')
    )
  }
  if (wrong.length) {
    fixed.push(
      'Row misestimates (10× or more, rows per loop):\n' +
        wrong.map((m) => `- [${m.nodeId}] ${clip(mask(m.operation), OPERATION_CHARS)}${m.relation ? ` on ${mask(m.relation)}` : ''}: estimated ${num(m.estimatedRows)}, actual ${num(m.actualRows)} × ${num(m.loops)} loops (${num(m.factor)}× ${m.direction === 'under' ? 'under' : 'over'}-estimated)`).join('\n')
    )
  } else if (!plan.analyzed) {
    fixed.push('Row misestimates: unknown (the plan was not analysed, so there are no actual rows).')
  }
  const fixedText = fixed.join('\n\n')
  const treeBudget = Math.max(50, options.budgetTokens - estimateTokens(fixedText))
  const rows = flattenPlan(plan, metrics)
  const lines = new Map(rows.map((r) => [r.node.id, nodeLine(r, metrics.measure, mask)]))
  const kept = keptNodes(rows, lines, [plan.root.id, ...spots.map((s) => s.nodeId), ...wrong.map((m) => m.nodeId)], treeBudget)
  return `${fixedText}\n\nPlan tree (one line per node, children indented under their parent):\n${renderTree(rows, lines, kept)}`
}

function header(plan: Plan, measure: PlanMeasure | null, mask: (t: string) => string): string {
  const how = plan.analyzed ? 'EXPLAIN ANALYZE: the query ran, actual rows and times are known' : 'EXPLAIN: estimates only, the query was not run'
  const lines = [`Plan from ${plan.engine} (${how}). Rows are per loop; "self" is a node's own share of ${measure === 'time' ? 'actual time' : measure === 'cost' ? 'estimated cost' : 'nothing (this engine gives neither times nor costs)'}.`]
  const totals = [plan.planningMs !== undefined ? `planning ${num(plan.planningMs)} ms` : '', plan.executionMs !== undefined ? `execution ${num(plan.executionMs)} ms` : ''].filter(Boolean)
  if (totals.length) lines.push(`Totals: ${totals.join(', ')}.`)
  if (plan.settings.length) lines.push(`Settings: ${plan.settings.map((s) => `${s.label}=${clip(mask(s.text), 40)}`).join(', ')}`)
  for (const note of plan.notes.slice(0, 5)) lines.push(`Note: ${clip(mask(note), CONDITION_CHARS)}`)
  return lines.join('\n')
}

function nodeLine(row: PlanRow, measure: PlanMeasure | null, mask: (t: string) => string): string {
  const { node } = row
  const parts = [`${'  '.repeat(Math.min(row.depth, MAX_DEPTH_INDENT))}[${node.id}] ${clip(mask(node.operation), OPERATION_CHARS)}${target(node, mask)}`]
  const rows = rowsText(node)
  if (rows) parts.push(rows)
  const self = selfText(row.metrics, measure)
  if (self) parts.push(self)
  for (const c of node.conditions) parts.push(`${c.label}: ${clip(mask(c.text), CONDITION_CHARS)}`)
  for (const d of node.details) if (USEFUL_DETAILS.has(d.label)) parts.push(`${d.label}: ${clip(mask(d.text), CONDITION_CHARS)}`)
  const b = node.buffers
  if (b && (b.sharedRead || b.tempRead || b.tempWritten)) parts.push(`buffers read ${num(b.sharedRead ?? 0)} hit ${num(b.sharedHit ?? 0)}${b.tempRead || b.tempWritten ? ` temp ${num((b.tempRead ?? 0) + (b.tempWritten ?? 0))}` : ''}`)
  return parts.join(' · ')
}

/** ` on public.orders o using idx_x`, leaving out what the engine already wrote in the operation (SQLite's `SCAN orders`). */
function target(node: PlanNode, mask: (t: string) => string): string {
  const named = (name: string) => new RegExp(`(^|[^\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w.])`, 'i').test(node.operation)
  let out = ''
  if (node.relation && !named(node.relation)) out += ` on ${mask(node.relation)}${node.alias ? ` ${node.alias}` : ''}`
  if (node.index && !named(node.index)) out += ` using ${node.index}`
  return out
}

function rowsText(node: PlanNode): string {
  if (node.estimatedRows === undefined && node.actualRows === undefined) return ''
  const est = node.estimatedRows !== undefined ? `est ${num(node.estimatedRows)}` : ''
  const act = node.actualRows !== undefined ? `act ${num(node.actualRows)}${node.loops !== undefined ? ` ×${num(node.loops)}` : ''}` : ''
  return `rows ${[est, act].filter(Boolean).join(' ')}`
}

function selfText(m: NodeMetrics, measure: PlanMeasure | null): string {
  if (measure === 'time' && m.selfTimeMs !== undefined) return `self ${num(m.selfTimeMs)} ms${m.share !== undefined ? ` (${percent(m.share)})` : ''}`
  if (measure === 'cost' && m.selfCost !== undefined) return `self cost ${num(m.selfCost)}${m.share !== undefined ? ` (${percent(m.share)})` : ''}`
  return ''
}

/**
 * Which nodes fit: everything when it all fits, else the `first` ids (root, hot spots, misestimates), then the others
 * by own share, each with the ancestors it needs to be placed in the tree.
 */
function keptNodes(rows: PlanRow[], lines: Map<string, string>, first: string[], budget: number): Set<string> {
  const cost = (id: string) => estimateTokens(lines.get(id) ?? '') + 1
  const all = rows.reduce((sum, r) => sum + cost(r.node.id), 0)
  if (all <= budget) return new Set(rows.map((r) => r.node.id))
  // room for the "… n nodes left out" markers
  let left = budget * 0.9
  const byId = new Map(rows.map((r) => [r.node.id, r]))
  const rest = [...rows].sort((a, b) => (b.metrics.share ?? -1) - (a.metrics.share ?? -1)).map((r) => r.node.id)
  const kept = new Set<string>()
  for (const id of [...first, ...rest]) {
    const row = byId.get(id)
    if (!row || kept.has(id)) continue
    const missing = row.path.filter((p) => !kept.has(p))
    const need = missing.reduce((sum, p) => sum + cost(p), 0)
    if (need > left) continue
    for (const p of missing) kept.add(p)
    left -= need
  }
  return kept
}

function renderTree(rows: PlanRow[], lines: Map<string, string>, kept: Set<string>): string {
  const out: string[] = []
  let omitted = 0
  let omittedDepth = 0
  const flush = () => {
    if (omitted) out.push(`${'  '.repeat(Math.min(omittedDepth, MAX_DEPTH_INDENT))}… ${omitted} node${omitted > 1 ? 's' : ''} left out`)
    omitted = 0
  }
  for (const r of rows) {
    if (kept.has(r.node.id)) {
      flush()
      out.push(lines.get(r.node.id)!)
    } else {
      if (!omitted) omittedDepth = r.depth
      omitted++
    }
  }
  flush()
  return out.join('\n')
}

function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim()
  return one.length > max ? `${one.slice(0, max - 1)}…` : one
}

function percent(share: number): string {
  return `${share >= 0.1 ? Math.round(share * 100) : Math.round(share * 1000) / 10}%`
}

/** Short numbers: 12, 3.25, 48k, 1.2M. */
function num(n: number): string {
  const a = Math.abs(n)
  if (a >= 1e9) return `${Math.round(n / 1e8) / 10}G`
  if (a >= 1e6) return `${Math.round(n / 1e5) / 10}M`
  if (a >= 1e5) return `${Math.round(n / 1e3)}k`
  if (Number.isInteger(n)) return String(n)
  return String(Math.round(n * 100) / 100)
}
