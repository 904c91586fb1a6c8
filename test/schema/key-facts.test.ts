import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { introspectorFor } from '../../src/main/services/engines'
import { finalizeModel } from '../../src/main/services/schema/normalize'
import type { SchemaModel, TableModel } from '../../src/shared/schema-model'
import { engines, type Sandbox } from './engines'
import { applyFixture } from './fixtures'

/**
 * The fixture's objects, checked one fact at a time on every engine, independent of the expected-model files:
 * what each engine can express, the model must carry.
 */
for (const engine of engines) {
  const d = engine.dialect
  describe.skipIf(!engine.available)(`introspection facts: ${d}`, () => {
    let box: Sandbox
    let model: SchemaModel
    const table = (name: string): TableModel => {
      const t = model.tables.find((x) => x.name === name)
      if (!t) throw new Error(`no table ${name} in ${model.tables.map((x) => x.name).join(', ')}`)
      return t
    }

    beforeAll(async () => {
      box = await engine.create('facts')
      await applyFixture(box.session, d)
      model = finalizeModel(await introspectorFor(d).introspect(box.catalog, d === 'sqlite' ? {} : { schemas: [box.schema] }))
    })
    afterAll(async () => box?.dispose())

    it('lists tables and views with their kinds', () => {
      for (const name of ['categories', 'customers', 'products', 'orders', 'order_items', 'shipment_lines']) expect(table(name).kind).toBe('table')
      expect(table('order_totals').kind).toBe('view')
      expect(table('order_totals').definition).toMatch(/order_items/i)
      if (d === 'postgres') expect(table('customer_revenue').kind).toBe('materialized_view')
    })

    it('reads composite primary and foreign keys with their actions', () => {
      expect(table('order_items').primaryKey?.columns).toEqual(['order_id', 'line_no'])
      const composite = table('shipment_lines').foreignKeys.find((f) => f.name === 'shipment_lines_item_fkey')!
      expect(composite).toMatchObject({ columns: ['order_id', 'line_no'], refTable: 'order_items', refColumns: ['order_id', 'line_no'], onUpdate: 'CASCADE' })
      expect(composite.onDelete).toBe(d === 'mssql' ? 'NO ACTION' : 'RESTRICT')
      const toCustomer = table('orders').foreignKeys.find((f) => f.refTable === 'customers')!
      expect(toCustomer).toMatchObject({ columns: ['customer_id'], refColumns: ['id'], onDelete: 'CASCADE', onUpdate: 'CASCADE' })
      // SQL Server refuses cascading actions on a self-reference ("multiple cascade paths").
      expect(table('categories').foreignKeys.find((f) => f.refTable === 'categories')).toMatchObject({ columns: ['parent_id'], onDelete: d === 'mssql' ? 'NO ACTION' : 'SET NULL' })
    })

    it('reads unique and check constraints', () => {
      expect(table('customers').constraints.find((c) => c.kind === 'unique' && c.columns?.join() === 'email')).toBeTruthy()
      expect(table('categories').constraints.find((c) => c.kind === 'unique')).toMatchObject({ name: 'categories_name_key', columns: ['parent_id', 'name'] })
      const check = table('orders').constraints.find((c) => c.name === 'orders_subtotal_check')!
      expect(check.kind).toBe('check')
      expect(check.expression).toMatch(/subtotal.*>=\s*\(?0/i)
    })

    it('reads columns: types, nullability, defaults, identity, generated, comments', () => {
      const orders = table('orders')
      const col = (n: string) => orders.columns.find((c) => c.name === n)!
      expect(orders.columns.map((c) => c.name).slice(0, 4)).toEqual(['id', 'customer_id', 'status', 'subtotal'])
      expect(col('customer_id').nullable).toBe(false)
      expect(col('placed_at').nullable).toBe(true)
      expect(col('status').default).toMatch(/pending/)
      expect(col('total').generated).toMatch(/subtotal/)
      expect(col('total').generatedKind).toBe('stored')
      expect(table('categories').columns[0]).toMatchObject({ name: 'id', identity: true })
      expect(table('order_items').columns.find((c) => c.name === 'unit_price')!.type).toMatch(/^(numeric|decimal)\(10, ?2\)$/i)
      if (d !== 'sqlite') {
        expect(table('customers').comment).toBe('People who buy things')
        expect(table('customers').columns.find((c) => c.name === 'email')!.comment).toBe('Login and contact address')
      }
    })

    it('reads indexes with column order, direction and partial predicates', () => {
      const idx = table('orders').indexes.find((i) => i.name === 'orders_customer_placed_idx')!
      expect(idx).toMatchObject({ columns: ['customer_id', 'placed_at DESC'], unique: false })
      if (d !== 'mysql') expect(table('orders').indexes.find((i) => i.name === 'orders_pending_idx')!.predicate).toMatch(/pending/)
      // Indexes that back keys are keys, not indexes.
      expect(table('order_items').indexes.some((i) => i.primary)).toBe(false)
    })

    it('reads triggers, routines and sequences', () => {
      const trigger = table('orders').triggers.find((t) => t.name === 'orders_touch')!
      expect(trigger.events).toContain('UPDATE')
      expect(trigger.definition).toMatch(/orders_touch/i)
      if (d === 'sqlite') return
      expect(model.routines.find((r) => r.name === 'order_total')).toMatchObject({ kind: 'function' })
      expect(model.routines.find((r) => r.name === 'order_total')!.signature).toMatch(/^order_total\(@?p_order_id int/)
      expect(model.routines.find((r) => r.name === 'archive_orders')).toMatchObject({ kind: 'procedure', returns: null })
      expect(model.sequences.map((s) => s.name)).toContain('invoice_number_seq')
    })

    it('estimates row counts where the engine keeps statistics', () => {
      if (d === 'mysql') expect(table('categories').rowEstimate).toBeGreaterThanOrEqual(0)
      else expect(table('categories').rowEstimate).toBe(2)
      expect(table('order_totals').rowEstimate ?? null).toBeNull()
    })
  })
}
