import { describe, expect, it } from 'vitest'
import { diffSchemas, formatDiff } from '../../src/main/services/docs/diff'
import { SchemaModel } from '../../src/shared/schema-model'
import { shopModel } from '../fixtures/docs/shop-model'

const clone = (): SchemaModel => structuredClone(shopModel)
const table = (m: SchemaModel, name: string) => m.tables.find((t) => t.name === name)!

describe('diffSchemas', () => {
  it('finds nothing between identical models', () => {
    const d = diffSchemas(shopModel, clone())
    expect(d).toEqual({ drift: false, added: [], removed: [], changed: [] })
    expect(formatDiff(d)).toContain('No drift')
  })

  it('reports column, key, foreign key, index and table-level changes', () => {
    const after = clone()
    const orders = table(after, 'orders')
    orders.columns.find((c) => c.name === 'total')!.type = 'numeric(14,2)'
    orders.columns.find((c) => c.name === 'customer_id')!.nullable = false
    orders.columns = orders.columns.filter((c) => c.name !== 'total_with_tax')
    orders.foreignKeys[0].onDelete = 'CASCADE'
    orders.indexes.push({ name: 'orders_status_idx', columns: ['status'], unique: false })
    table(after, 'customers').indexes.find((i) => i.name === 'customers_email_idx')!.unique = true
    table(after, 'order_items').primaryKey = { name: 'order_items_pkey', columns: ['order_id', 'line_no', 'product_id'] }
    table(after, 'events').primaryKey = { name: 'events_pkey', columns: ['at'] }
    table(after, 'order_totals').definition = 'SELECT 1'
    after.tables = after.tables.filter((t) => t.name !== 'products')

    const d = diffSchemas(shopModel, after)
    expect(d.drift).toBe(true)
    expect(d.removed).toEqual(['public.products'])
    const changes = Object.fromEntries(d.changed.map((c) => [c.table, c.changes]))
    expect(changes['public.orders']).toEqual(
      expect.arrayContaining([
        { part: 'column', name: 'customer_id', kind: 'changed', details: ['nullable: true → false'] },
        { part: 'column', name: 'total', kind: 'changed', details: ['type: numeric(12,2) → numeric(14,2)'] },
        { part: 'column', name: 'total_with_tax', kind: 'removed' },
        { part: 'foreign key', name: 'orders_customer_id_fkey', kind: 'changed', details: ['onDelete: SET NULL → CASCADE'] },
        { part: 'index', name: 'orders_status_idx', kind: 'added' }
      ])
    )
    expect(changes['public.customers']).toEqual([{ part: 'index', name: 'customers_email_idx', kind: 'changed', details: ['unique: false → true'] }])
    expect(changes['public.order_items']).toEqual([{ part: 'primary key', name: 'order_items_pkey', kind: 'changed', details: ['columns: order_id, line_no → order_id, line_no, product_id'] }])
    expect(changes['audit.events']).toEqual([{ part: 'primary key', name: 'events_pkey', kind: 'added', details: undefined }])
    expect(changes['public.order_totals'][0]).toMatchObject({ part: 'table', kind: 'changed' })

    const text = formatDiff(d)
    expect(text).toMatch(/^Drift: 0 added, 1 removed, 5 changed table\(s\)\./)
    expect(text).toContain('- table public.products')
    expect(text).toContain('    ~ column total: type: numeric(12,2) → numeric(14,2)')
  })

  it('ignores whitespace-only changes in view definitions', () => {
    const after = clone()
    const v = table(after, 'order_totals')
    v.definition = v.definition!.replace(/\s+/g, '  ')
    expect(diffSchemas(shopModel, after).drift).toBe(false)
  })
})
