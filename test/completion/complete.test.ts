import { beforeAll, describe, expect, it } from 'vitest'
import { aliasFor, complete } from '../../src/shared/completion/complete'
import { hoverAt } from '../../src/shared/completion/hover'
import { CompletionIndex } from '../../src/shared/completion/schema-index'
import type { SchemaModel } from '../../src/shared/schema-model'
import { postgresShopModel, sampleModel } from './models'

/** Editor text with `|` marking the cursor. */
function at(textWithCursor: string): { text: string; offset: number } {
  const offset = textWithCursor.indexOf('|')
  return { text: textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1), offset }
}

function run(index: CompletionIndex, textWithCursor: string) {
  const { text, offset } = at(textWithCursor)
  return complete(text, offset, index)
}

const sorted = <T extends { sortText: string; label: string }>(items: T[]): T[] => [...items].sort((a, b) => a.sortText.localeCompare(b.sortText) || a.label.localeCompare(b.label))

describe('completion on the sample database', () => {
  let index: CompletionIndex
  let model: SchemaModel
  beforeAll(async () => {
    model = await sampleModel()
    index = new CompletionIndex(model)
  })
  const columnsOf = (table: string) => model.tables.find((t) => t.name === table)!.columns.map((c) => c.name)

  it('lists the columns of an aliased table after `alias.`', () => {
    const r = run(index, 'SELECT *\nFROM orders o\nWHERE o.|')
    expect(r.items.map((i) => i.label)).toEqual(columnsOf('orders'))
    expect(new Set(r.items.map((i) => i.kind))).toEqual(new Set(['column']))
    expect(r.items.find((i) => i.label === 'status')!.detail).toBe('orders.status TEXT NOT NULL')
  })

  it('resolves aliases declared after the cursor, and narrows by the typed prefix', () => {
    const r = run(index, 'SELECT o.tot| FROM orders AS o')
    expect(r.items.map((i) => i.label)).toEqual(['total_amount'])
    expect(r.replaceFrom).toBe('SELECT o.'.length)
  })

  it('offers every column in scope plus the aliases in the select list', () => {
    const r = run(index, 'SELECT | FROM orders o JOIN customers c ON c.customer_id = o.customer_id')
    const labels = r.items.map((i) => i.label)
    expect(labels).toEqual(expect.arrayContaining([...columnsOf('orders'), ...columnsOf('customers'), 'o', 'c', 'count', 'SELECT']))
    expect(sorted(r.items)[0]!.kind).toBe('column')
  })

  it('suggests joins along foreign keys in both directions', () => {
    const r = run(index, 'SELECT *\nFROM orders o\nJOIN |')
    const joins = r.items.filter((i) => i.kind === 'join').map((i) => i.insertText)
    expect(joins).toEqual(
      expect.arrayContaining([
        'customers c ON c.customer_id = o.customer_id',
        'stores s ON s.store_id = o.store_id',
        'employees e ON e.employee_id = o.employee_id',
        'addresses a ON a.address_id = o.shipping_address_id',
        'order_items oi ON oi.order_id = o.order_id',
        'payments p ON p.order_id = o.order_id',
        'shipments s ON s.order_id = o.order_id'
      ])
    )
    expect(sorted(r.items)[0]!.kind).toBe('join')
  })

  it('joins on every column of a composite foreign key and avoids alias clashes on self references', () => {
    expect(run(index, 'select * from returns r join |').items.map((i) => i.insertText)).toContain('order_items oi ON oi.order_id = r.order_id AND oi.line_no = r.line_no')
    const self = run(index, 'select * from employees e join |').items.map((i) => i.insertText)
    expect(self).toContain('employees e2 ON e2.employee_id = e.manager_id')
    expect(self).toContain('employees e2 ON e2.manager_id = e.employee_id')
  })

  it('hangs the next join off the table joined last', () => {
    const r = run(index, 'SELECT * FROM customers c JOIN orders o ON o.customer_id = c.customer_id JOIN |')
    expect(sorted(r.items.filter((i) => i.kind === 'join'))[0]!.insertText).toMatch(/ = o\./)
  })

  it('completes the ON condition from the foreign key', () => {
    const r = run(index, 'SELECT * FROM orders o JOIN customers c ON |')
    expect(sorted(r.items)[0]!.insertText).toBe('c.customer_id = o.customer_id')
  })

  it('completes table names after FROM with a fuzzy prefix', () => {
    const r = run(index, 'SELECT * FROM ordit|')
    expect(r.items.map((i) => i.label)).toEqual(['order_items'])
    expect(run(index, 'select * from ord|').items.map((i) => i.label).sort()).toEqual(['order_items', 'orders'])
  })

  it('works inside one statement of a script', () => {
    const r = run(index, 'select 1;\nSELECT * FROM customers c WHERE c.|;\nselect * from orders c')
    expect(r.items.map((i) => i.label)).toEqual(columnsOf('customers'))
  })

  it('completes columns of UPDATE ... SET and INSERT targets', () => {
    expect(run(index, 'UPDATE products SET disc|').items.map((i) => i.label)).toContain('discontinued')
    expect(run(index, 'DELETE FROM stores WHERE ci|').items.map((i) => i.label)).toContain('city')
    const insert = run(index, 'INSERT INTO customers (first_name, la|) VALUES (1, 2)').items
    expect(insert.filter((i) => i.kind === 'column').map((i) => i.label)).toEqual(['last_name', 'loyalty_tier'])
  })

  it('offers keywords at the start and after a table reference', () => {
    expect(run(index, 'sel|').items.map((i) => i.label)).toContain('SELECT')
    const after = run(index, 'SELECT * FROM orders o |').items
    expect(after.every((i) => i.kind === 'keyword')).toBe(true)
    expect(after.map((i) => i.label)).toEqual(expect.arrayContaining(['WHERE', 'JOIN']))
  })

  it('knows the columns of CTEs and derived tables', () => {
    const cte = run(index, 'WITH recent AS (\n  SELECT o.order_id, o.total_amount AS amount, c.email, count(*) n\n  FROM orders o JOIN customers c ON c.customer_id = o.customer_id\n  GROUP BY 1, 2, 3\n)\nSELECT r.| FROM recent r')
    expect(cte.items.map((i) => i.label)).toEqual(['order_id', 'amount', 'email', 'n'])
    expect(cte.items.find((i) => i.label === 'amount')!.detail).toBe('recent.amount numeric(12,2) NOT NULL')
    expect(run(index, 'SELECT x.| FROM (SELECT count(*) AS n, store_id FROM orders GROUP BY store_id) x').items.map((i) => i.label)).toEqual(['n', 'store_id'])
    expect(run(index, 'WITH s AS (SELECT * FROM stores) SELECT s.| FROM s').items.map((i) => i.label)).toEqual(columnsOf('stores'))
    expect(run(index, 'WITH t (a, b) AS (SELECT 1, 2) SELECT t.| FROM t').items.map((i) => i.label)).toEqual(['a', 'b'])
    expect(run(index, 'WITH RECURSIVE tree AS (SELECT category_id, parent_id FROM categories) SELECT * FROM tree t WHERE t.par|').items.map((i) => i.label)).toEqual(['parent_id'])
  })

  it('hovers a column with its type and foreign key, and a table with its size', () => {
    const { text } = at('SELECT o.customer_id FROM orders o|')
    const h = hoverAt(text, text.indexOf('customer_id') + 3, index)!
    expect(h.contents).toContain('**orders.customer_id** `INTEGER`')
    expect(h.contents).toContain('NOT NULL')
    expect(h.contents).toContain('→ customers.customer_id')
    expect(text.slice(h.start, h.end)).toBe('customer_id')
    const t = hoverAt(text, text.indexOf('orders') + 2, index)!
    expect(t.contents).toMatch(/\*\*main\.orders\*\* \(table, 8 columns · ~6,500 rows\)/)
  })
})

describe('completion with schemas, comments and quoting (PostgreSQL model)', () => {
  const model = postgresShopModel()
  const odd = structuredClone(model.tables.find((t) => t.name === 'orders')!)
  odd.name = 'Order Lines'
  odd.columns.push({ name: 'select', type: 'integer', nullable: true }, { name: 'Amount', type: 'numeric', nullable: true })
  model.tables.push(odd)
  const index = new CompletionIndex(model)

  it('qualifies tables outside the default schema and lists a schema’s tables after `schema.`', () => {
    const r = run(index, 'SELECT * FROM cust|')
    expect(r.items.find((i) => i.label === 'customers')!.insertText).toBe('shop.customers')
    expect(run(index, 'SELECT * FROM shop.|').items.map((i) => i.label)).toEqual(expect.arrayContaining(['customers', 'orders', 'order_totals', 'customer_revenue']))
    expect(run(index, 'SELECT * FROM shop.orders o WHERE o.stat|').items.map((i) => i.label)).toEqual(['status'])
    expect(run(index, 'SELECT shop.orders.| FROM shop.orders').items.map((i) => i.label)).toContain('invoice_number')
    expect(run(index, 'SELECT * FROM |').items.map((i) => i.label)).toContain('shop')
  })

  it('quotes identifiers that need it, in the dialect’s style', () => {
    expect(run(index, 'SELECT * FROM Ord|').items.find((i) => i.label === 'Order Lines')!.insertText).toBe('shop."Order Lines"')
    const cols = run(index, 'SELECT x.| FROM shop."Order Lines" x').items
    expect(cols.find((i) => i.label === 'select')!.insertText).toBe('"select"')
    expect(cols.find((i) => i.label === 'Amount')!.insertText).toBe('"Amount"')
    expect(cols.find((i) => i.label === 'status')!.insertText).toBe('status')
    const mysql = new CompletionIndex({ ...model, dialect: 'mysql' })
    expect(run(mysql, 'SELECT x.| FROM shop.`Order Lines` x').items.find((i) => i.label === 'select')!.insertText).toBe('`select`')
  })

  it('finishes an identifier the user started quoting', () => {
    const r = run(index, 'SELECT * FROM shop."Ord|')
    const item = r.items.find((i) => i.label === 'Order Lines')!
    expect(item.insertText).toBe('"Order Lines"')
    expect(r.replaceFrom).toBe('SELECT * FROM shop.'.length)
  })

  it('joins across schemas with qualified names and hovers comments', () => {
    expect(run(index, 'SELECT * FROM shop.orders o JOIN |').items.map((i) => i.insertText)).toContain('shop.customers c ON c.id = o.customer_id')
    const { text } = at('SELECT c.email FROM shop.customers c|')
    expect(hoverAt(text, text.indexOf('email') + 1, index)!.contents).toContain('Login and contact address')
  })

  it('offers the database’s own functions with their signatures', () => {
    const item = run(index, 'SELECT order_t| FROM shop.orders o').items.find((i) => i.kind === 'function')!
    expect(item).toMatchObject({ label: 'order_total', insertText: 'shop.order_total', detail: 'order_total(p_order_id integer, p_include_tax boolean) → numeric' })
  })

  it('derives short aliases from table names', () => {
    expect(aliasFor('order_items', new Set())).toBe('oi')
    expect(aliasFor('OrderItems', new Set(['oi']))).toBe('oi2')
    expect(aliasFor('customers', new Set())).toBe('c')
  })
})
