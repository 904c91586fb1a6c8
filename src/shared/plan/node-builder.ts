import type { PlanLabelled, PlanNode, PlanNodeKind } from './model'

export type NodeFields = Omit<PlanNode, 'id' | 'conditions' | 'details' | 'children'> &
  Partial<Pick<PlanNode, 'conditions' | 'details' | 'children'>>

/** Hands out node ids in creation order, so one parse gives stable ids ("n1", "n2", …). */
export class NodeIds {
  private next = 1
  node(fields: NodeFields): PlanNode {
    return { id: `n${this.next++}`, conditions: [], details: [], children: [], ...dropUndefined(fields) }
  }
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}

/** A finite number from a JSON value that may be a number or numeric text; undefined otherwise. */
export function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
  return Number.isFinite(n) ? n : undefined
}

/** A JSON value as display text (arrays joined, objects as JSON). */
export function text(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (Array.isArray(v)) return v.map(text).join(', ')
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

export function labelled(label: string, v: unknown): PlanLabelled {
  return { label, text: text(v) }
}

/** The first pattern that matches `operation` gives its kind. */
export function kindFrom(operation: string, rules: readonly (readonly [RegExp, PlanNodeKind])[]): PlanNodeKind {
  for (const [pattern, kind] of rules) if (pattern.test(operation)) return kind
  return 'other'
}
