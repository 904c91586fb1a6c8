import type { PlanMeasure, PlanNode } from '../../../../shared/plan'

/** Rows as a DBA reads them: 1,234 / 12.3k / 4.5M. */
export function formatRows(n: number | undefined): string {
  if (n === undefined) return '–'
  if (n < 10_000) return Math.round(n).toLocaleString()
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 100_000 ? 1 : 0)}k`
  if (n < 1_000_000_000) return `${(n / 1_000_000).toFixed(n < 100_000_000 ? 1 : 0)}M`
  return `${(n / 1_000_000_000).toFixed(1)}G`
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '–'
  if (ms < 1) return `${ms.toFixed(3)} ms`
  if (ms < 100) return `${ms.toFixed(2)} ms`
  if (ms < 10_000) return `${Math.round(ms).toLocaleString()} ms`
  return `${(ms / 1000).toFixed(1)} s`
}

export function formatCost(cost: number | undefined): string {
  if (cost === undefined) return '–'
  return cost < 100 ? cost.toFixed(2) : Math.round(cost).toLocaleString()
}

export const formatMeasure = (measure: PlanMeasure | null, value: number | undefined): string => (measure === 'time' ? formatMs(value) : formatCost(value))

export function formatShare(share: number | undefined): string {
  if (share === undefined) return ''
  const pct = share * 100
  return pct >= 10 || pct === 0 ? `${Math.round(pct)}%` : `${pct.toFixed(1)}%`
}

/** The node's inclusive time or cost: what the flame view's widths and the "total" column show. */
export const inclusive = (node: PlanNode, measure: PlanMeasure | null): number | undefined => (measure === 'time' ? node.timeMs : measure === 'cost' ? node.totalCost : undefined)

/** Whether an operation names a table or index already (SQLite's "SEARCH o USING INDEX ix (a=?)", MySQL's "ALL b"). */
export function mentions(operation: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(^|[\\s"'\`.])${escaped}($|[\\s"'\`(])`, 'i').test(operation)
}

/** "Seq Scan on orders o using orders_pkey": the operation and what it reads. */
export function nodeTitle(node: PlanNode): string {
  const on = node.relation && !mentions(node.operation, node.relation) ? ` on ${node.relation}${node.alias && node.alias !== node.relation ? ` ${node.alias}` : ''}` : ''
  const using = node.index && !mentions(node.operation, node.index) ? ` using ${node.index}` : ''
  return `${node.operation}${on}${using}`
}
