import { describe, expect, it } from 'vitest'
import type { Plan, PlanNode } from '../../../../shared/plan/model'
import { estimateTokens } from './budget'
import { LiteralMask } from './literal-mask'
import { planForPrompt } from './plan-for-prompt'

const node = (id: string, fields: Partial<PlanNode>, children: PlanNode[] = []): PlanNode => ({ id, operation: 'Seq Scan', kind: 'scan', conditions: [], details: [], children, ...fields })

function joinPlan(): Plan {
  const orders = node('n2', { relation: 'public.orders', alias: 'o', estimatedRows: 10, actualRows: 5_000, loops: 1, totalCost: 80, timeMs: 7, conditions: [{ label: 'Filter', text: "((o.status)::text = 'shipped'::text)" }], details: [{ label: 'Rows Removed by Filter', text: '95000' }, { label: 'Output', text: 'o.id, o.status' }] })
  const customers = node('n4', { relation: 'public.customers', estimatedRows: 100, actualRows: 100, loops: 1, totalCost: 4, timeMs: 0.5 })
  const hash = node('n3', { operation: 'Hash', kind: 'hash', estimatedRows: 100, actualRows: 100, loops: 1, totalCost: 4, timeMs: 1 }, [customers])
  const root = node('n1', { operation: 'Hash Join', kind: 'join', estimatedRows: 10, actualRows: 5_000, loops: 1, totalCost: 90, timeMs: 10, conditions: [{ label: 'Hash Cond', text: '(o.customer_id = c.id)' }] }, [orders, hash])
  return { engine: 'postgres', analyzed: true, root, planningMs: 0.2, executionMs: 10.5, settings: [], notes: [], raw: '{"secret":"shipped"}', rawFormat: 'json' }
}

describe('planForPrompt', () => {
  it('renders one line per node with ids, rows, own share and conditions, then hot spots and misestimates', () => {
    const text = planForPrompt(joinPlan(), { budgetTokens: 2_000 })
    expect(text).toMatch(/EXPLAIN ANALYZE/)
    expect(text).toContain('[n1] Hash Join · rows est 10 act 5000 ×1 · self 2 ms (20%) · Hash Cond: (o.customer_id = c.id)')
    expect(text).toContain("  [n2] Seq Scan on public.orders o · rows est 10 act 5000 ×1 · self 7 ms (70%) · Filter: ((o.status)::text = 'shipped'::text) · Rows Removed by Filter: 95000")
    expect(text).toContain('    [n4] Seq Scan on public.customers')
    expect(text).not.toContain('Output') // details that cost tokens for little are left out
    expect(text).not.toContain('secret') // never the raw plan
    expect(text).toMatch(/Hot spots[^\n]*\n1\. \[n2\] Seq Scan on public\.orders: 70% \(7 ms\)/)
    expect(text).toContain('Row misestimates (10× or more, rows per loop):\n- [n1] Hash Join: estimated 10, actual 5000 × 1 loops (500× under-estimated)')
    expect(text).toContain('- [n2] Seq Scan on public.orders: estimated 10, actual 5000 × 1 loops (500× under-estimated)')
    expect(text).not.toMatch(/- \[n[34]\]/)
  })

  it('hides string literals through the mask, with the same placeholder as the query', () => {
    const mask = new LiteralMask(true)
    expect(mask.mask("select * from orders where status = 'shipped'")).toBe("select * from orders where status = '?1'")
    const text = planForPrompt(joinPlan(), { budgetTokens: 2_000, mask: (t) => mask.mask(t) })
    expect(text).not.toContain('shipped')
    expect(text).toContain("Filter: ((o.status)::text = '?1'::text)")
    expect(mask.unmask("CREATE INDEX ON orders (status) WHERE status = '?1'")).toBe("CREATE INDEX ON orders (status) WHERE status = 'shipped'")
    expect(new LiteralMask(false).mask("x = 'shipped'")).toBe("x = 'shipped'")
  })

  it('says what an unanalysed plan cannot tell', () => {
    const plan = joinPlan()
    plan.analyzed = false
    const text = planForPrompt(plan, { budgetTokens: 2_000 })
    expect(text).toMatch(/estimates only/)
    expect(text).toMatch(/share of estimated cost/)
    expect(text).toMatch(/Row misestimates: unknown/)
  })

  it('fits a 500-node plan into its budget, keeping the hot spot deep in the tree and saying what it left out', () => {
    let deepest = node('n500', { relation: 'public.big', estimatedRows: 1, actualRows: 1_000_000, loops: 1, totalCost: 5_000, timeMs: 900 })
    for (let i = 499; i >= 251; i--) deepest = node(`n${i}`, { operation: 'Nested Loop', kind: 'join', estimatedRows: 1, actualRows: 1, loops: 1, totalCost: 5_001 + (500 - i), timeMs: 900 + (500 - i) * 0.01 }, [deepest])
    const siblings = Array.from({ length: 249 }, (_, i) => node(`n${i + 2}`, { relation: `public.t${i}`, estimatedRows: 5, actualRows: 5, loops: 1, totalCost: 1, timeMs: 0.01, conditions: [{ label: 'Filter', text: `(a_rather_long_column_name_${i} > 42)` }] }))
    const root = node('n1', { operation: 'Append', kind: 'set-op', estimatedRows: 1, actualRows: 1, loops: 1, totalCost: 6_000, timeMs: 905 }, [...siblings, deepest])
    const plan: Plan = { engine: 'postgres', analyzed: true, root, settings: [], notes: [], raw: '', rawFormat: 'json' }
    const text = planForPrompt(plan, { budgetTokens: 3_000 })
    expect(estimateTokens(text)).toBeLessThanOrEqual(3_000)
    expect(text).toMatch(/\[n500\] Seq Scan on public\.big/)
    expect(text).toMatch(/^\s*\[n251\] Nested Loop/m) // its ancestors come with it
    expect(text).toMatch(/… \d+ nodes left out/)
    expect(text).toMatch(/1\. \[n500\]/)
  })
})

describe('planForPrompt targets', () => {
  it('names the relation and index unless the operation already does, by whole name', () => {
    const root = node('n1', { operation: 'Nested loop', kind: 'join' }, [
      node('n2', { operation: 'ALL c', relation: 'c' }),
      node('n3', { operation: 'Index Scan', relation: 'public.customers', alias: 'cu', index: 'customers_pkey' }),
      node('n4', { operation: 'SEARCH orders USING INDEX orders_c (c=?)', relation: 'orders', index: 'orders_c' }),
      node('n5', { operation: 'Scan cached', relation: 'c' })
    ])
    const text = planForPrompt({ engine: 'sqlite', analyzed: false, root, settings: [], notes: [], raw: '', rawFormat: 'text' }, { budgetTokens: 2_000 })
    expect(text).toContain('[n2] ALL c\n')
    expect(text).toContain('[n3] Index Scan on public.customers cu using customers_pkey\n')
    expect(text).toContain('[n4] SEARCH orders USING INDEX orders_c (c=?)\n')
    expect(text).toContain('[n5] Scan cached on c')
  })
})
