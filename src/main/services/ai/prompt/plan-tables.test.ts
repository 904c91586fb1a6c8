import { describe, expect, it } from 'vitest'
import type { Plan, PlanNode } from '../../../../shared/plan/model'
import type { SchemaModel, TableModel } from '../../../../shared/schema-model'
import { planTablesForPrompt, tablesOfPlan } from './plan-tables'

const table = (schema: string, name: string, columns = 3, rowEstimate: number | null = 1_000): TableModel => ({
  schema, name, kind: 'table', rowEstimate, columns: Array.from({ length: columns }, (_, i) => ({ name: `col_${i}`, type: 'integer', nullable: true })),
  primaryKey: { columns: ['col_0'] }, foreignKeys: [], indexes: [{ name: `${name}_col_1`, columns: ['col_1'], unique: false }], constraints: [], triggers: []
})
const model = (tables: TableModel[]): SchemaModel => ({ dialect: 'postgres', database: 'd', defaultSchema: 'public', schemas: ['public', 'sales'], tables, routines: [], sequences: [], enums: [], domains: [], fingerprint: 'f', introspectedAt: '' })
const scan = (id: string, relation?: string): PlanNode => ({ id, operation: 'Seq Scan', kind: 'scan', relation, conditions: [], details: [], children: [] })
const plan = (...nodes: PlanNode[]): Plan => ({ engine: 'postgres', analyzed: false, root: { ...scan('n1'), operation: 'Append', children: nodes }, settings: [], notes: [], raw: '', rawFormat: 'json' })

describe('tablesOfPlan', () => {
  it('finds plan relations however they are quoted or qualified, then the tables the query names', () => {
    const schema = model([table('public', 'orders'), table('sales', 'orders'), table('sales', 'Customers'), table('public', 'items')])
    const found = tablesOfPlan(plan(scan('n2', '[sales].[orders]'), scan('n3', '"Customers"'), scan('n4', 'orders'), scan('n5', 'cte_x')), schema, ['public.items', 'sales.orders'])
    expect(found.map((t) => `${t.schema}.${t.name}`)).toEqual(['sales.orders', 'sales.Customers', 'public.orders', 'public.items'])
  })
})

describe('planTablesForPrompt', () => {
  it('gives DDL with indexes and row counts, and names every table even when cut', () => {
    expect(planTablesForPrompt([table('public', 'orders')], 'postgres', 1_000)).toMatch(/^-- public\.orders: about 1000 rows\nCREATE TABLE public\.orders \([\s\S]*CREATE INDEX orders_col_1/)
    const many = Array.from({ length: 8 }, (_, i) => table('public', `t${i}`, 200, i === 3 ? null : 10))
    const text = planTablesForPrompt(many, 'postgres', 600)
    expect(text.length / 3.5).toBeLessThan(800)
    for (let i = 0; i < 8; i++) expect(text).toContain(`-- public.t${i}: ${i === 3 ? 'row count unknown' : 'about 10 rows'}`)
    expect(text).toContain('(truncated)')
  })
})
