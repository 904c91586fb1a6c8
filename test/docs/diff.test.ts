import { describe, expect, it } from 'vitest'
import { diffSchemas, formatDiff, type ObjectChange } from '../../src/main/services/docs/diff'
import { unifiedDiff, wordDiff } from '../../src/main/services/docs/text-diff'
import { SchemaModel } from '../../src/shared/schema-model'
import { shopModel } from '../fixtures/docs/shop-model'

const clone = (): SchemaModel => structuredClone(shopModel)
const table = (m: SchemaModel, name: string) => m.tables.find((t) => t.name === name)!
const find = (objects: ObjectChange[], name: string) => objects.find((o) => o.name === name)

/** A model with one of every schema-level kind, for the per-kind cases. */
const rich = (): SchemaModel =>
  SchemaModel.parse({
    ...structuredClone(shopModel),
    routines: [
      { schema: 'public', name: 'f', kind: 'function', signature: 'f(a integer)', returns: 'integer', language: 'sql', definition: 'CREATE FUNCTION f(a integer)\n RETURNS integer\n LANGUAGE sql\nAS $$\n  select a + 1\n$$' },
      { schema: 'public', name: 'f', kind: 'function', signature: 'f(a text)', returns: 'text', language: 'sql', definition: 'CREATE FUNCTION f(a text) RETURNS text LANGUAGE sql AS $$ select a $$' }
    ],
    sequences: [{ schema: 'public', name: 'invoice_seq', dataType: 'bigint', start: '1', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false }],
    domains: [{ schema: 'public', name: 'email', baseType: 'text', check: "VALUE ~~ '%@%'", checks: [{ name: 'email_check', expression: "VALUE ~~ '%@%'" }], nullable: true, default: null, collation: null }],
    types: [{ schema: 'public', name: 'money_pair', attributes: [{ name: 'amount', type: 'numeric' }, { name: 'currency', type: 'text' }] }]
  })

describe('diffSchemas', () => {
  it('finds nothing between identical models', () => {
    const d = diffSchemas(shopModel, clone())
    expect(d).toEqual({ version: 1, drift: false, summary: { added: 0, removed: 0, changed: 0 }, objects: [] })
    expect(formatDiff(d)).toContain('No drift')
    expect(diffSchemas(rich(), rich()).drift).toBe(false)
  })

  it('reports column, key, foreign key, index and table-level changes', () => {
    const after = clone()
    const orders = table(after, 'orders')
    orders.columns.find((c) => c.name === 'total')!.type = 'numeric(14,2)'
    orders.columns.find((c) => c.name === 'customer_id')!.nullable = false
    orders.columns = orders.columns.filter((c) => c.name !== 'total_with_tax')
    orders.columns.push({ name: 'note', type: 'text', nullable: true })
    orders.foreignKeys[0].onDelete = 'CASCADE'
    orders.indexes.push({ name: 'orders_status_idx', columns: ['status'], unique: false })
    table(after, 'customers').indexes.find((i) => i.name === 'customers_email_idx')!.unique = true
    table(after, 'order_items').primaryKey = { name: 'order_items_pkey', columns: ['order_id', 'line_no', 'product_id'] }
    table(after, 'events').primaryKey = { name: 'events_pkey', columns: ['at'] }
    after.tables = after.tables.filter((t) => t.name !== 'products')

    const d = diffSchemas(shopModel, after)
    expect(d.drift).toBe(true)
    expect(d.summary).toEqual({ added: 0, removed: 1, changed: 4 })
    expect(find(d.objects, 'public.products')).toMatchObject({ object: 'table', change: 'removed', definition: '4 columns' })
    expect(find(d.objects, 'public.orders')!.parts).toEqual([
      { part: 'column', name: 'customer_id', change: 'changed', fields: [{ field: 'nullable', before: 'true', after: 'false' }] },
      { part: 'column', name: 'total', change: 'changed', fields: [{ field: 'type', before: 'numeric(12,2)', after: 'numeric(14,2)' }] },
      { part: 'column', name: 'total_with_tax', change: 'removed', definition: 'numeric(12,2) GENERATED ALWAYS AS ((total * 1.2))' },
      { part: 'column', name: 'note', change: 'added', definition: 'text' },
      { part: 'foreign key', name: 'orders_customer_id_fkey', change: 'changed', fields: [{ field: 'on delete', before: 'SET NULL', after: 'CASCADE' }] },
      { part: 'index', name: 'orders_status_idx', change: 'added', definition: '(status)' }
    ])
    expect(find(d.objects, 'public.customers')!.parts).toEqual([{ part: 'index', name: 'customers_email_idx', change: 'changed', fields: [{ field: 'unique', before: 'false', after: 'true' }] }])
    expect(find(d.objects, 'public.order_items')!.parts).toEqual([
      { part: 'primary key', name: 'order_items_pkey', change: 'changed', fields: [{ field: 'columns', before: 'order_id, line_no', after: 'order_id, line_no, product_id' }] }
    ])
    expect(find(d.objects, 'audit.events')!.parts).toEqual([{ part: 'primary key', name: 'events_pkey', change: 'added', definition: '(at)' }])

    const text = formatDiff(d)
    expect(text).toMatch(/^Drift: 0 added, 1 removed, 4 changed\./)
    expect(text).toContain('- table public.products: 4 columns')
    expect(text).toContain('    ~ column total: type: numeric(12,2) → numeric(14,2)')
    expect(text).toContain('    + column note text\n')
  })

  it('shows a changed view as a unified diff and ignores whitespace-only changes', () => {
    const after = clone()
    const v = table(after, 'order_totals')
    v.definition = v.definition!.replace(/\s+/g, '  ')
    expect(diffSchemas(shopModel, after).drift).toBe(false)
    v.definition = ' SELECT o.customer_id,\n    sum(o.total) AS total,\n    count(*) AS orders\n   FROM orders o\n  GROUP BY o.customer_id;'
    const d = diffSchemas(shopModel, after)
    expect(d.objects).toHaveLength(1)
    expect(d.objects[0]).toMatchObject({ object: 'view', name: 'public.order_totals', change: 'changed' })
    const f = d.objects[0].fields![0]
    expect(f.field).toBe('definition')
    expect(f.diff).toBe(['@@ -1,4 +1,5 @@', '  SELECT o.customer_id,', '-    sum(o.total) AS total', '+    sum(o.total) AS total,', '+    count(*) AS orders', '    FROM orders o', '   GROUP BY o.customer_id;'].join('\n'))
    expect(formatDiff(d)).toContain('~ view public.order_totals\n    ~ definition:\n        @@ -1,4 +1,5 @@\n')
  })

  it.each<[string, (m: SchemaModel) => void, Partial<ObjectChange>]>([
    ['a dropped trigger', (m) => void (table(m, 'orders').triggers = []), { name: 'public.orders', parts: [{ part: 'trigger', name: 'orders_audit', change: 'removed', definition: 'CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION audit.log_change()' }] }],
    ['an added CHECK', (m) => void table(m, 'orders').constraints.push({ name: 'orders_total_check', kind: 'check', expression: '(total >= 0)' }), { parts: [{ part: 'constraint', name: 'orders_total_check', change: 'added', definition: 'CHECK (total >= 0)' }] }],
    ['an added UNIQUE', (m) => void table(m, 'orders').constraints.push({ name: 'orders_customer_key', kind: 'unique', columns: ['customer_id'] }), { parts: [{ part: 'constraint', name: 'orders_customer_key', change: 'added', definition: 'UNIQUE (customer_id)' }] }],
    ['a changed collation', (m) => void (table(m, 'customers').columns[1].collation = '"C"'), { parts: [{ part: 'column', name: 'email', change: 'changed', fields: [{ field: 'collation', before: null, after: '"C"' }] }] }],
    ['an added enum value', (m) => void m.enums[0].values.push('refunded'), { object: 'enum', name: 'public.order_status', fields: [{ field: 'values', before: '(new, paid, shipped)', after: '(new, paid, shipped, refunded)' }] }],
    ['a dropped function overload', (m) => void (m.routines = m.routines.filter((r) => r.signature !== 'f(a text)')), { object: 'routine', name: 'public.f(a text)', change: 'removed', definition: 'function returns text language sql' }],
    ['a dropped domain check', (m) => void Object.assign(m.domains[0], { check: null, checks: [] }), { object: 'domain', fields: [{ field: 'checks', before: "(VALUE ~~ '%@%')", after: '()' }] }],
    ['a created sequence', (m) => void m.sequences.push({ schema: 'public', name: 'new_seq', dataType: 'integer', start: '10', increment: '5' }), { object: 'sequence', name: 'public.new_seq', change: 'added', definition: 'integer, start 10, increment 5' }],
    ['a changed sequence', (m) => void Object.assign(m.sequences[0], { increment: '10', cycle: true }), { object: 'sequence', fields: [{ field: 'increment', before: '1', after: '10' }, { field: 'cycle', before: 'false', after: 'true' }] }],
    ['a changed composite type', (m) => void m.types![0].attributes.push({ name: 'rate', type: 'numeric' }), { object: 'type', name: 'public.money_pair', fields: [{ field: 'attributes', before: '(amount numeric, currency text)', after: '(amount numeric, currency text, rate numeric)' }] }],
    ['a changed table comment', (m) => void (table(m, 'orders').comment = 'Orders'), { fields: [{ field: 'comment', before: null, after: 'Orders' }] }],
    ['a changed table option', (m) => { table(m, 'orders').options = { engine: 'InnoDB' }; return void 0 }, { drift: false } as never],
    ['an FK dropped on a partition', (m) => {
      const p = table(m, 'order_items')
      p.partitionOf = { schema: 'public', table: 'orders_all', bound: 'DEFAULT' }
      p.foreignKeys = p.foreignKeys.slice(1)
    }, { parts: [{ part: 'foreign key', name: 'order_items_order_id_fkey', change: 'removed', definition: '(order_id) → public.orders(id) ON DELETE CASCADE' }] }]
  ])('reports %s exactly', (_label, change, expected) => {
    const before = rich()
    const after = rich()
    // The partition case: the bound is part of both models.
    if (_label.includes('partition')) table(before, 'order_items').partitionOf = { schema: 'public', table: 'orders_all', bound: 'DEFAULT' }
    change(after)
    const d = diffSchemas(before, after)
    if ((expected as { drift?: boolean }).drift === false) {
      // Options recorded on one side only: a snapshot from before options were recorded is not drift.
      expect(d.drift).toBe(false)
      return
    }
    expect(d.objects).toHaveLength(1)
    expect(d.objects[0]).toMatchObject({ change: 'changed', ...expected })
    expect(formatDiff(d)).not.toContain('No drift')
  })

  it('shows a changed routine body as a unified diff and compares options key by key', () => {
    const before = rich()
    const after = rich()
    after.routines[0].definition = after.routines[0].definition!.replace('a + 1', 'a + 2')
    table(before, 'orders').options = { engine: 'InnoDB', charset: 'utf8mb4' }
    table(after, 'orders').options = { engine: 'Aria', charset: 'utf8mb4', row_format: 'DYNAMIC' }
    const d = diffSchemas(before, after)
    expect(find(d.objects, 'public.f(a integer)')!.fields).toEqual([
      { field: 'definition', before: before.routines[0].definition, after: after.routines[0].definition, diff: '@@ -2,5 +2,5 @@\n  RETURNS integer\n  LANGUAGE sql\n AS $$\n-  select a + 1\n+  select a + 2\n $$' }
    ])
    expect(find(d.objects, 'public.orders')!.parts).toEqual([
      { part: 'option', name: 'engine', change: 'changed', fields: [{ field: 'value', before: 'InnoDB', after: 'Aria' }] },
      { part: 'option', name: 'row_format', change: 'added', definition: 'row_format = DYNAMIC' }
    ])
    const text = formatDiff(d)
    expect(text).toContain('~ routine public.f(a integer)\n    ~ definition:\n        @@ -2,5 +2,5 @@\n')
    expect(text).toContain('        -  select a + 1\n        +  select a + 2\n')
  })

  it('does not report properties an older snapshot did not record', () => {
    const old = rich()
    for (const r of old.routines) delete r.definition
    for (const s of old.sequences) for (const k of ['start', 'increment', 'min', 'max', 'cache', 'cycle'] as const) delete s[k]
    delete old.types
    expect(diffSchemas(old, rich()).drift).toBe(false)
  })
})

describe('text diffs', () => {
  it('unified diff with context and separate hunks', () => {
    const a = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`)
    const b = [...a]
    b[1] = 'changed 2'
    b.splice(15, 1)
    expect(unifiedDiff(a.join('\n'), b.join('\n'))).toBe(
      ['@@ -1,5 +1,5 @@', ' line 1', '-line 2', '+changed 2', ' line 3', ' line 4', ' line 5', '@@ -13,7 +13,6 @@', ' line 13', ' line 14', ' line 15', '-line 16', ' line 17', ' line 18', ' line 19'].join('\n')
    )
    expect(unifiedDiff('x', 'x')).toBe('')
  })

  it('word diff for one-line definitions (MySQL views)', () => {
    expect(wordDiff('select `a`,`b` from `t` where x = 1', 'select `a`,`b` from `t` where x = 2')).toBe('select `a`,`b` from `t` where x = [-1-] {+2+}')
  })
})
