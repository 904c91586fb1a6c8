import { describe, expect, it } from 'vitest'
import type { SchemaModel } from '../../../../shared/schema-model'
import { checkSql, extractSql } from './validate-sql'

function model(dialect: SchemaModel['dialect']): SchemaModel {
  const table = (schema: string, name: string, cols: string[]) => ({ schema, name, kind: 'table' as const, columns: cols.map((c) => ({ name: c, type: 'text', nullable: true })), foreignKeys: [], indexes: [], constraints: [], triggers: [] })
  return {
    dialect, database: 'db', defaultSchema: 'public', schemas: ['public', 'sales'],
    tables: [table('sales', 'orders', ['id', 'customer_id', 'total', 'ordered_at']), table('sales', 'customers', ['id', 'name', 'email'])],
    routines: [], sequences: [], enums: [], domains: [], fingerprint: 'x', introspectedAt: new Date().toISOString()
  }
}

describe('checkSql', () => {
  it('accepts a valid join with aliases, a CTE and output aliases', () => {
    const r = checkSql(
      `with big as (select o.customer_id, sum(o.total) as spent from sales.orders o group by o.customer_id)
       select c.name, b.spent from sales.customers c join big b on b.customer_id = c.id order by spent desc`,
      model('postgres'),
      'read'
    )
    expect(r).toMatchObject({ parsed: true, classification: 'read', unknownTables: [], unknownColumns: [] })
  })

  it('catches a hallucinated column and table', () => {
    const col = checkSql('select c.name, c.loyalty_tier from sales.customers c', model('postgres'), 'read')
    expect(col.unknownColumns).toEqual(['customers.loyalty_tier'])
    expect(col.warnings[0]).toMatch(/Unknown column: customers.loyalty_tier/)
    const tab = checkSql('select * from sales.invoices', model('postgres'), 'read')
    expect(tab.unknownTables).toEqual(['sales.invoices'])
  })

  it('uses the dialect: T-SQL TOP parses for mssql, not for postgres', () => {
    expect(checkSql('select top 5 id from sales.orders', model('mssql'), 'read').parsed).toBe(true)
    expect(checkSql('select top 5 id from sales.orders', model('postgres'), 'read').parsed).toBe(false)
  })

  it('extracts the SQL block of an answer', () => {
    expect(extractSql('Sure:\n```sql\nSELECT 1;\n```\nDone')).toBe('SELECT 1;')
    expect(extractSql('SELECT 2')).toBe('SELECT 2')
    expect(extractSql('No SQL here')).toBeUndefined()
  })
})
