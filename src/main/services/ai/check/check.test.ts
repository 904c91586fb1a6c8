import { describe, expect, it } from 'vitest'
import type { SchemaModel } from '../../../../shared/schema-model'
import { checkSql, extractSql } from './validate-sql'
import { classifyByKeywords } from './classify'

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
      model('postgres')
    )
    expect(r).toMatchObject({ parsed: true, classification: 'read', unknownTables: [], unknownColumns: [] })
  })

  it('catches a hallucinated column and table', () => {
    const col = checkSql('select c.name, c.loyalty_tier from sales.customers c', model('postgres'))
    expect(col.unknownColumns).toEqual(['customers.loyalty_tier'])
    expect(col.warnings[0]).toMatch(/Unknown column: customers.loyalty_tier/)
    const tab = checkSql('select * from sales.invoices', model('postgres'))
    expect(tab.unknownTables).toEqual(['sales.invoices'])
  })

  it('classifies writes and DDL for each dialect', () => {
    for (const d of ['postgres', 'mysql', 'mssql', 'sqlite'] as const) {
      expect(checkSql('delete from orders where id = 1', model(d)).classification).toBe('write')
      expect(checkSql('update customers set name = 1', model(d)).classification).toBe('write')
      expect(checkSql('drop table orders', model(d)).classification).toBe('ddl')
      expect(checkSql('select id from orders', model(d)).classification).toBe('read')
    }
    expect(checkSql('select 1; delete from orders', model('postgres')).classification).toBe('write')
  })

  it('uses the dialect: T-SQL TOP parses for mssql, not for postgres', () => {
    expect(checkSql('select top 5 id from sales.orders', model('mssql')).parsed).toBe(true)
    expect(checkSql('select top 5 id from sales.orders', model('postgres')).parsed).toBe(false)
  })

  it('falls back to keywords when the parser fails, treating hidden writes as writes', () => {
    expect(classifyByKeywords('WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x')).toBe('write')
    expect(classifyByKeywords("select 'delete' from t -- drop")).toBe('read')
    expect(classifyByKeywords('vacuum full')).toBe('ddl')
  })

  it('extracts the SQL block of an answer', () => {
    expect(extractSql('Sure:\n```sql\nSELECT 1;\n```\nDone')).toBe('SELECT 1;')
    expect(extractSql('SELECT 2')).toBe('SELECT 2')
    expect(extractSql('No SQL here')).toBeUndefined()
  })
})
