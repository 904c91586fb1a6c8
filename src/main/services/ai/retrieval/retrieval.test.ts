import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openLocalStore, type LocalStore } from '../../store/local-store'
import type { RetrievalTable } from './chunk'
import { offlineEmbedder } from './embedder'
import { SchemaIndex } from './schema-index'
import { fuseRanks } from './rank'
import { ValueIndex, valueMatchedTables } from './value-index'
import { splitWords, stem } from './words'

describe('words', () => {
  it('splits identifiers and stems plurals and verb forms', () => {
    expect(splitWords('OrderLineItems_v2')).toEqual(['order', 'line', 'items', 'v', '2'])
    expect(splitWords('customer_id')).toEqual(['customer', 'id'])
    expect(splitWords('parents of 9th graders, 1st and 22nd')).toEqual(['parents', 'of', '9', 'graders', '1', 'and', '22'])
    expect(['orders', 'ordered', 'ordering', 'categories', 'addresses', 'status'].map(stem)).toEqual(['order', 'order', 'order', 'category', 'address', 'status'])
  })
})

const t = (key: string, cols: string[], fks: [string, string][] = [], comment?: string): RetrievalTable => ({
  key,
  comment,
  columns: cols.map((name) => ({ name, type: 'text' })),
  foreignKeys: fks.map(([c, ref]) => ({ columns: [c], refTable: ref, refColumns: ['id'] }))
})

describe('fuseRanks', () => {
  it('puts documentation examples behind the real table unless the question asks for them', () => {
    const tables = new Map([t('docs.demo_customers', ['id', 'email']), t('shop.customers', ['id', 'email'])].map((x) => [x.key, x]))
    const keys = (words: string[]) => fuseRanks([{ keys: ['docs.demo_customers', 'shop.customers'], weight: 1 }], tables, new Map(words.map((w) => [w, 1])), new Map()).map((r) => r.key)
    expect(keys(['customer', 'email'])).toEqual(['shop.customers', 'docs.demo_customers'])
    expect(keys(['demo', 'customer'])).toEqual(['docs.demo_customers', 'shop.customers'])
  })
})

describe('SchemaIndex', () => {
  let store: LocalStore
  let index: SchemaIndex
  beforeEach(() => {
    store = openLocalStore(':memory:')
    index = new SchemaIndex(store.db)
  })
  afterEach(() => store.close())

  const schema = [
    t('shop.customers', ['id', 'full_name', 'email']),
    t('shop.orders', ['id', 'customer_id', 'placed_at'], [['customer_id', 'shop.customers']]),
    t('shop.order_lines', ['order_id', 'product_id', 'qty'], [['order_id', 'shop.orders'], ['product_id', 'shop.products']]),
    t('shop.products', ['id', 'title', 'price'], [], 'Things we sell'),
    t('hr.staff', ['id', 'name', 'hired_on'], [], 'Employees'),
    t('archive.orders_2020', ['id', 'customer_id', 'placed_at'])
  ]

  it('ranks by meaning, prefers live tables over copies and adds the join table between matches', async () => {
    await index.sync('c1', schema, offlineEmbedder)
    const ranked = (await index.search('c1', 'which products did each customer buy', offlineEmbedder)).map((r) => r.key)
    expect(ranked.slice(0, 4)).toEqual(expect.arrayContaining(['shop.products', 'shop.customers', 'shop.orders', 'shop.order_lines']))
    expect(ranked.indexOf('shop.orders')).toBeLessThan(ranked.indexOf('archive.orders_2020'))
    const staff = await index.search('c1', 'employees hired this year', offlineEmbedder)
    expect(staff[0].key).toBe('hr.staff')
  })

  it('prefers the schema a domain hint names over a same-named table of another schema', async () => {
    await index.sync('c1', schema, offlineEmbedder)
    await index.sync('c3', [...schema, t('hr.orders', ['id', 'staff_id', 'placed_at'], [['staff_id', 'hr.staff']])], offlineEmbedder)
    const first = async (q: string) => (await index.search('c3', q, offlineEmbedder))[0].key
    expect(await first('orders placed this week by customers')).toBe('shop.orders')
    expect(await first('HR: orders placed this week by customers')).toBe('hr.orders')
  })

  it('keeps connections apart and is incremental: unchanged tables are not re-embedded, dropped ones leave', async () => {
    expect(await index.sync('c1', schema, offlineEmbedder)).toMatchObject({ tables: 6, changed: 6, embedded: 6, removed: 0 })
    await index.sync('c2', [t('x.widgets', ['id'])], offlineEmbedder)
    expect(await index.sync('c1', schema, offlineEmbedder)).toMatchObject({ changed: 0, embedded: 0 })
    const changed = [...schema.slice(0, 5).map((x) => ({ ...x })), t('shop.refunds', ['id', 'order_id', 'amount'], [['order_id', 'shop.orders']])]
    changed[0] = { ...changed[0], columns: [...changed[0].columns, { name: 'loyalty_tier', type: 'text' }] }
    expect(await index.sync('c1', changed, offlineEmbedder)).toMatchObject({ tables: 6, changed: 2, embedded: 2, removed: 1 })
    const keys = (await index.search('c1', 'orders archive 2020 widgets refunds', offlineEmbedder)).map((r) => r.key)
    expect(keys).toContain('shop.refunds')
    expect(keys).not.toContain('archive.orders_2020')
    expect(keys).not.toContain('x.widgets')
    expect(index.status('c1', offlineEmbedder)).toMatchObject({ tables: 6, embedded: 6 })
  })

  it('ranks the table whose stored values the question names (the local value index), and only on its connection', async () => {
    const values = new ValueIndex(store.db)
    values.replace('c1', [{ tableKey: 'hr.staff', column: 'city', values: ['Berlin', 'Toronto', 'Milan'] }])
    const withValues = new SchemaIndex(store.db, (cid, q) => valueMatchedTables(values.match(cid, q)))
    await withValues.sync('c1', schema, offlineEmbedder)
    await withValues.sync('c2', schema, offlineEmbedder)
    const top = async (cid: string) => (await withValues.search(cid, 'who works in Toronto', offlineEmbedder)).map((r) => r.key).slice(0, 1)
    expect(await top('c1')).toEqual(['hr.staff'])
    expect(await top('c2')).not.toEqual(['hr.staff'])
  })
})
