import { describe, expect, it } from 'vitest'
import { comparePlans } from './compare'
import { flattenPlan } from './flatten'
import { hotSpots } from './hot-spots'
import { misestimates } from './misestimates'
import { Plan, type PlanNode } from './model'
import { NodeIds, type NodeFields } from './node-builder'
import { planMetrics } from './self-metrics'

const ids = new NodeIds()
const n = (fields: NodeFields, children: PlanNode[] = []): PlanNode => ({ ...ids.node(fields), children })
const plan = (root: PlanNode, analyzed = true): Plan => ({ engine: 'postgres', analyzed, root, settings: [], notes: [], raw: '', rawFormat: 'json' })

// Hash Join (10 ms, cost 100) over Seq Scan a (6 ms, cost 60) and Hash (3 ms, cost 30) over Seq Scan b (2 ms, cost 25)
function sample(): { p: Plan; join: PlanNode; a: PlanNode; hash: PlanNode; b: PlanNode } {
  const b = n({ operation: 'Seq Scan', kind: 'scan', relation: 'b', estimatedRows: 10, actualRows: 5000, loops: 1, totalCost: 25, timeMs: 2 })
  const hash = n({ operation: 'Hash', kind: 'hash', estimatedRows: 10, actualRows: 5000, loops: 1, totalCost: 30, timeMs: 3 }, [b])
  const a = n({ operation: 'Seq Scan', kind: 'scan', relation: 'a', estimatedRows: 1, actualRows: 1, loops: 1000, totalCost: 60, timeMs: 6 })
  const join = n({ operation: 'Hash Join', kind: 'join', estimatedRows: 100, actualRows: 120, loops: 1, totalCost: 100, timeMs: 10 }, [a, hash])
  return { p: plan(join), join, a, hash, b }
}

describe('plan derivations', () => {
  it('the schema accepts a built plan, and it survives JSON (a stored plan compares later)', () => {
    const p = sample().p
    expect(Plan.parse(p).root.children).toHaveLength(2)
    expect(Plan.parse(JSON.parse(JSON.stringify(p)))).toEqual(p)
  })

  it('self time and cost are the node less its children, shares of the whole', () => {
    const { p, join, a, hash, b } = sample()
    const m = planMetrics(p)
    expect(m.measure).toBe('time')
    expect(m.byId.get(join.id)).toMatchObject({ selfTimeMs: 1, selfCost: 10, share: 0.1 })
    expect(m.byId.get(a.id)?.share).toBeCloseTo(0.6)
    expect(m.byId.get(hash.id)?.selfTimeMs).toBe(1)
    expect(m.byId.get(b.id)?.selfTimeMs).toBe(2)
    expect(m.total).toBe(10)
  })

  it('without ANALYZE the shares are of cost', () => {
    const { join } = sample()
    const m = planMetrics(plan(join, false))
    expect(m.measure).toBe('cost')
    expect(m.byId.get(join.id)?.share).toBeCloseTo(0.1)
  })

  it('ranks hot spots by own share', () => {
    const { p, a, b } = sample()
    expect(hotSpots(p).map((h) => h.nodeId).slice(0, 2)).toEqual([a.id, b.id])
    expect(hotSpots(p, { limit: 1 })).toHaveLength(1)
  })

  it('flags 10× misestimates either way, per loop', () => {
    const { p, hash, b } = sample()
    const found = misestimates(p)
    // Seq Scan a: 1 row estimated and found per loop over 1,000 loops is not a misestimate
    expect(found.map((f) => f.nodeId).sort()).toEqual([hash.id, b.id].sort())
    expect(found[0]).toMatchObject({ direction: 'under', factor: 500 })
    const over = n({ operation: 'Seq Scan', kind: 'scan', estimatedRows: 20_000, actualRows: 0, loops: 1 })
    expect(misestimates(plan(over))).toMatchObject([{ direction: 'over', factor: 20_000 }])
    expect(misestimates(plan(over, false))).toEqual([])
  })

  it('flattens in pre-order with depth, parent and path', () => {
    const { p, join, a, hash, b } = sample()
    const rows = flattenPlan(p)
    expect(rows.map((r) => [r.node.id, r.depth, r.parentId])).toEqual([
      [join.id, 0, null],
      [a.id, 1, join.id],
      [hash.id, 1, join.id],
      [b.id, 2, hash.id]
    ])
    expect(rows[3]!.path).toEqual([join.id, hash.id, b.id])
  })

  it('compares two plans: pairs nodes (a scan that became an index scan too) and gives both totals', () => {
    const before = sample().p
    const idx = n({ operation: 'Index Scan', kind: 'index-scan', relation: 'a', index: 'a_pkey', estimatedRows: 1, actualRows: 1, loops: 1000, totalCost: 20, timeMs: 1 })
    const b2 = n({ operation: 'Seq Scan', kind: 'scan', relation: 'b', totalCost: 25, timeMs: 2 })
    const after = plan(n({ operation: 'Nested Loop', kind: 'join', totalCost: 50, timeMs: 4 }, [b2, idx]))
    const c = comparePlans({ ...before, executionMs: 11 }, { ...after, executionMs: 5 })
    expect(c.before).toMatchObject({ totalCost: 100, timeMs: 10, executionMs: 11, nodes: 4, rows: 120 })
    expect(c.after).toMatchObject({ totalCost: 50, timeMs: 4, executionMs: 5, nodes: 3 })
    const pairOf = (rel: string) => c.nodes.find((m) => m.before?.relation === rel)
    expect(pairOf('a')?.after?.id).toBe(idx.id)
    expect(pairOf('b')?.after?.id).toBe(b2.id)
    // without a relation, nodes pair on kind: the Hash Join became the Nested Loop
    expect(c.nodes[0]).toMatchObject({ before: { operation: 'Hash Join' }, after: { operation: 'Nested Loop' } })
    expect(c.nodes.filter((m) => m.after === null).map((m) => m.before!.operation)).toEqual(['Hash'])
    expect(c.nodes.filter((m) => m.before === null)).toEqual([])
  })
})
