import { beforeAll, describe, expect, it } from 'vitest'
import { CompletionIndex } from '../../src/shared/completion/schema-index'
import type { SchemaModel, TableModel } from '../../src/shared/schema-model'
import { ranked, run, top } from './cursor'
import { sampleModel } from './models'

describe('columns in table order, and completion before FROM is written', () => {
  let model: SchemaModel
  let index: CompletionIndex
  beforeAll(async () => {
    model = await sampleModel()
    index = new CompletionIndex(model)
  })
  const columnsOf = (table: string) => model.tables.find((t) => t.name === table)!.columns.map((c) => c.name)
  const rankedColumns = (text: string) =>
    ranked(run(index, text).items)
      .filter((i) => i.kind === 'column')
      .map((i) => i.label)

  it('ranks the columns of one table in ordinal order, not alphabetically', () => {
    expect(rankedColumns('SELECT | FROM customers')).toEqual(columnsOf('customers'))
    expect(rankedColumns('SELECT * FROM products p WHERE |')).toEqual(columnsOf('products'))
    expect(rankedColumns('SELECT p.| FROM products p')).toEqual(columnsOf('products'))
    expect(rankedColumns('SELECT * FROM main.products.|')).toEqual(columnsOf('products'))
  })

  it('ranks the tables of a join in statement order, each in ordinal order', () => {
    expect(rankedColumns('SELECT | FROM orders o JOIN customers c ON c.customer_id = o.customer_id')).toEqual([...columnsOf('orders'), ...columnsOf('customers')])
    expect(rankedColumns('SELECT | FROM customers c JOIN orders o ON c.customer_id = o.customer_id')).toEqual([...columnsOf('customers'), ...columnsOf('orders')])
  })

  it('keeps ordinal order among the columns a prefix leaves', () => {
    // created_at is the last column of customers, customer_id the first: alphabetical order would swap them.
    expect(rankedColumns('SELECT c| FROM customers')).toEqual(['customer_id', 'created_at'])
  })

  it('offers tables as `* FROM t` right after SELECT when no FROM is written', () => {
    const first = top(index, 'SELECT |', 3)
    expect(first).toEqual(['* FROM addresses', '* FROM categories', '* FROM customers'])
    const item = ranked(run(index, 'SELECT cus|').items)[0]!
    expect(item).toMatchObject({ label: '* FROM customers', insertText: '* FROM customers', kind: 'table', filterText: 'customers' })
    expect(top(index, 'SELECT DISTINCT ord|', 2)).toEqual(['* FROM order_items', '* FROM orders'])
  })

  it('offers every table’s columns before FROM is written, below the tables, in table order', () => {
    const items = ranked(run(index, 'SELECT na|').items)
    const columns = items.filter((i) => i.kind === 'column')
    expect(columns.map((i) => i.detail)).toEqual(['categories.name TEXT NOT NULL', 'products.name TEXT NOT NULL', 'stores.name TEXT NOT NULL', 'v_product_sales.name TEXT'])
    const all = ranked(run(index, 'SELECT |').items)
    const firstColumn = all.findIndex((i) => i.kind === 'column')
    expect(all.slice(0, firstColumn).every((i) => i.kind === 'table' || i.kind === 'view')).toBe(true)
    expect(all.slice(firstColumn, firstColumn + 3).map((i) => i.label)).toEqual(columnsOf('addresses').slice(0, 3))
  })

  it('offers plain table names later in the select list and once a FROM exists (to qualify a column)', () => {
    const later = run(index, 'SELECT first_name, cus|').items.find((i) => i.kind === 'table')!
    expect(later).toMatchObject({ label: 'customers', insertText: 'customers' })
    expect(run(index, 'SELECT cus| FROM').items.find((i) => i.kind === 'table')!.insertText).toBe('customers')
    expect(run(index, 'SELECT first_name |').items.map((i) => i.label).slice(0, 2)).toEqual(['FROM', 'AS'])
  })

  it('stays quick on a schema of 5,000 tables, capping the unscoped column list', () => {
    const tables: TableModel[] = Array.from({ length: 5000 }, (_, k) => ({
      ...structuredClone(model.tables.find((t) => t.name === 'products')!),
      name: `table_${String(k).padStart(4, '0')}`,
      foreignKeys: []
    }))
    const big = new CompletionIndex({ ...model, tables })
    for (const text of ['SELECT |', 'SELECT na|', 'SELECT * FROM table_0001 WHERE |', 'SELECT * FROM table_0001 t |']) run(big, text) // warm-up
    const started = performance.now()
    const sizes = ['SELECT |', 'SELECT na|', 'SELECT * FROM table_0001 WHERE |', 'SELECT * FROM table_0001 t |'].map((text) => run(big, text).items.length)
    expect((performance.now() - started) / 4).toBeLessThan(100)
    expect(run(big, 'SELECT na|').items.filter((i) => i.kind === 'column')).toHaveLength(1000)
    expect(sizes.every((n) => n > 0)).toBe(true)
  })
})
