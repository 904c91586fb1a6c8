import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SchemaModel, type TableModel } from '../../../../shared/schema-model'
import { CollectingSink } from '../../drivers/collect-sink'
import type { DriverSession } from '../../drivers/types'
import { generateDdl, getDriver, introspectorFor } from '../../engines'
import { finalizeModel } from '../../schema/normalize'

/**
 * The shared schema fixture (test/fixtures/schema) in DuckDB's terms. The cross-engine facts suite asks for what DuckDB
 * does not have (triggers, cascading foreign keys, stored generated columns, partial and descending indexes,
 * procedures), so DuckDB's introspection is checked here, fact by fact, with a DDL round trip.
 */
const fixture = `
create sequence customer_id_seq;
create sequence invoice_number_seq;
create type mood as enum ('sad', 'ok', 'happy');
create type money_amount as decimal(12, 2);
create table categories (
  id integer primary key,
  parent_id integer references categories (id),
  name varchar(80) not null,
  unique (parent_id, name)
);
create table customers (
  id integer primary key default nextval('customer_id_seq'),
  email varchar not null unique check (email like '%_@_%'),
  full_name varchar not null,
  created_at timestamp not null default current_timestamp
);
comment on table customers is 'People who buy things';
comment on column customers.email is 'Login and contact address';
create index customers_lower_name_idx on customers (lower(full_name));
create table products (
  id integer primary key,
  sku varchar(12) not null unique,
  category_id integer not null references categories (id),
  price decimal(10, 2) not null check (price > 0),
  attributes json default '{}'
);
create table orders (
  id integer primary key,
  customer_id integer not null references customers (id),
  status varchar not null default 'pending' check (status in ('pending', 'paid', 'shipped', 'cancelled')),
  subtotal decimal(12, 2) not null default 0,
  tax_rate decimal(4, 3) not null default 0.2,
  total decimal(12, 2) generated always as (round(subtotal * (1 + tax_rate), 2)) virtual,
  placed_at timestamp,
  feeling mood,
  constraint orders_subtotal_check check (subtotal >= 0)
);
create index orders_customer_placed_idx on orders (customer_id, placed_at);
create table order_items (
  order_id integer not null references orders (id),
  line_no integer not null,
  product_id integer not null references products (id),
  quantity integer not null check (quantity > 0),
  unit_price decimal(10, 2) not null,
  primary key (order_id, line_no)
);
create table shipment_lines (
  shipment_id integer not null,
  order_id integer not null,
  line_no integer not null,
  shipped_quantity integer not null,
  primary key (shipment_id, order_id, line_no),
  foreign key (order_id, line_no) references order_items (order_id, line_no)
);
create view order_totals as
  select o.id as order_id, o.customer_id, sum(i.quantity * i.unit_price) as items_total
    from orders o join order_items i on i.order_id = o.id
   group by o.id, o.customer_id;
create macro order_total(p_order_id) as (select sum(quantity * unit_price) from order_items where order_id = p_order_id);
create macro recent_orders(n) as table select * from orders order by placed_at desc limit n;
create schema archive;
create table archive."Old Orders" (id integer primary key, "select" integer);
insert into categories (id, name) values (1, 'Outdoor'), (2, 'Kitchen');
`

const dir = mkdtempSync(join(tmpdir(), 'qg-duckdb-schema-'))
const open = (name: string): Promise<DriverSession> =>
  getDriver('duckdb').connect({ dialect: 'duckdb', filePath: join(dir, name), readOnly: false, connectTimeoutMs: 5000 })
const run = async (session: DriverSession, sql: string): Promise<void> => {
  await session.execute(sql, new CollectingSink())
}

/** Tables before the tables they reference, then views. */
function creationOrder(tables: TableModel[]): TableModel[] {
  const done = new Set<string>()
  const out: TableModel[] = []
  const visit = (t: TableModel): void => {
    if (done.has(t.name)) return
    done.add(t.name)
    for (const fk of t.foreignKeys) {
      const ref = tables.find((r) => r.name === fk.refTable && r.schema === fk.refSchema)
      if (ref && ref !== t) visit(ref)
    }
    out.push(t)
  }
  for (const t of tables.filter((t) => t.kind === 'table')) visit(t)
  return [...out, ...tables.filter((t) => t.kind !== 'table')]
}

describe('duckdb introspection', () => {
  let session: DriverSession
  let model: SchemaModel
  const introspector = introspectorFor('duckdb')
  const table = (name: string): TableModel => model.tables.find((t) => t.name === name) ?? expect.fail(`no table ${name}`)

  beforeAll(async () => {
    // DuckDB creates a missing file; the driver only opens existing ones
    const { DuckDBInstance } = await import('@duckdb/node-api')
    for (const name of ['source.duckdb', 'target.duckdb']) (await DuckDBInstance.create(join(dir, name))).closeSync()
    session = await open('source.duckdb')
    await run(session, fixture)
    const phases: string[] = []
    model = SchemaModel.parse(finalizeModel(await introspector.introspect(session, { onProgress: (phase) => phases.push(phase) })))
    expect(phases[0]).toBe('names')
    expect(phases.at(-1)).toBe('done')
  })
  afterAll(async () => {
    await session?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('lists schemas, tables and views with their kinds', () => {
    expect(model).toMatchObject({ dialect: 'duckdb', database: 'source', defaultSchema: 'main', schemas: ['archive', 'main'] })
    expect(model.tables.map((t) => `${t.schema}.${t.name}:${t.kind}`)).toEqual([
      'archive.Old Orders:table',
      'main.categories:table',
      'main.customers:table',
      'main.order_items:table',
      'main.order_totals:view',
      'main.orders:table',
      'main.products:table',
      'main.shipment_lines:table'
    ])
    expect(table('order_totals').definition).toMatch(/^SELECT .*order_items/is)
  })

  it('lists names first, matching the full model', async () => {
    const names = await introspector.listNames(session)
    expect(names.tables.map((t) => `${t.schema}.${t.name}:${t.kind}`).sort()).toEqual(model.tables.map((t) => `${t.schema}.${t.name}:${t.kind}`).sort())
    expect(names.schemas).toEqual(model.schemas)
    expect((await introspector.listNames(session, { schemas: ['archive'] })).tables.map((t) => t.name)).toEqual(['Old Orders'])
  })

  it('reads primary, composite and self-referencing foreign keys', () => {
    expect(table('order_items').primaryKey?.columns).toEqual(['order_id', 'line_no'])
    expect(table('shipment_lines').foreignKeys).toEqual([
      expect.objectContaining({ columns: ['order_id', 'line_no'], refSchema: 'main', refTable: 'order_items', refColumns: ['order_id', 'line_no'], onDelete: 'NO ACTION' })
    ])
    expect(table('categories').foreignKeys[0]).toMatchObject({ columns: ['parent_id'], refTable: 'categories', refColumns: ['id'] })
  })

  it('reads unique and check constraints', () => {
    expect(table('customers').constraints.find((c) => c.kind === 'unique')).toMatchObject({ name: 'customers_email_key', columns: ['email'] })
    expect(table('categories').constraints.find((c) => c.kind === 'unique')).toMatchObject({ columns: ['parent_id', 'name'] })
    expect(table('orders').constraints.find((c) => c.name === 'orders_subtotal_check')).toMatchObject({ kind: 'check', expression: '(subtotal >= 0)' })
  })

  it('reads columns: types, nullability, defaults, generated, comments', () => {
    const col = (t: string, c: string) => table(t).columns.find((x) => x.name === c) ?? expect.fail(`no column ${c}`)
    expect(table('orders').columns.map((c) => c.name)).toEqual(['id', 'customer_id', 'status', 'subtotal', 'tax_rate', 'total', 'placed_at', 'feeling'])
    expect(col('orders', 'customer_id')).toMatchObject({ type: 'INTEGER', nullable: false })
    expect(col('orders', 'status').default).toBe("'pending'")
    expect(col('orders', 'total')).toMatchObject({ generated: 'round((subtotal * (1 + tax_rate)), 2)', generatedKind: 'virtual', default: null })
    expect(col('orders', 'feeling').type).toBe("ENUM('sad', 'ok', 'happy')")
    expect(col('order_items', 'unit_price').type).toBe('DECIMAL(10,2)')
    expect(col('customers', 'id').default).toBe("nextval('customer_id_seq')")
    expect(table('customers').comment).toBe('People who buy things')
    expect(col('customers', 'email').comment).toBe('Login and contact address')
  })

  it('reads indexes, keeping expressions as printed', () => {
    expect(table('orders').indexes).toEqual([{ name: 'orders_customer_placed_idx', columns: ['customer_id', 'placed_at'], unique: false }])
    expect(table('customers').indexes[0]).toMatchObject({ name: 'customers_lower_name_idx', columns: ['(lower(full_name))'] })
  })

  it('reads macros, sequences, enums and type aliases, and row estimates', () => {
    expect(model.routines.map((r) => [r.name, r.signature, r.returns])).toEqual([
      ['order_total', 'order_total(p_order_id)', null],
      ['recent_orders', 'recent_orders(n)', 'TABLE']
    ])
    expect(model.sequences.map((s) => s.name)).toEqual(['customer_id_seq', 'invoice_number_seq'])
    expect(model.enums).toEqual([{ schema: 'main', name: 'mood', values: ['sad', 'ok', 'happy'] }])
    expect(model.domains).toEqual([{ schema: 'main', name: 'money_amount', baseType: 'DECIMAL(12,2)', check: null }])
    expect(table('categories').rowEstimate).toBe(2)
    expect(table('order_totals').rowEstimate ?? null).toBeNull()
  })

  it('keeps the fingerprint while nothing changes and moves it on DDL', async () => {
    const a = finalizeModel(await introspector.introspect(session))
    expect(finalizeModel(await introspector.introspect(session)).fingerprint).toBe(a.fingerprint)
    await run(session, 'create table fingerprint_probe (id integer primary key)')
    expect(finalizeModel(await introspector.introspect(session)).fingerprint).not.toBe(a.fingerprint)
    await run(session, 'drop table fingerprint_probe')
    expect(finalizeModel(await introspector.introspect(session)).fingerprint).toBe(a.fingerprint)
  })

  it('recreates every table and view from generated DDL with an equal model', async () => {
    const target = await open('target.duckdb')
    try {
      await run(target, 'create sequence customer_id_seq; create sequence invoice_number_seq; create schema archive')
      for (const t of creationOrder(model.tables)) {
        const ddl = generateDdl('duckdb', t)
        await run(target, ddl).catch((e: unknown) => expect.fail(`DDL for ${t.name} failed: ${(e as Error).message}\n${ddl}`))
      }
      const recreated = finalizeModel(await introspector.introspect(target))
      const shape = (m: SchemaModel) => m.tables.map(({ rowEstimate: _r, ...t }) => t)
      expect(shape(recreated)).toEqual(shape(model))
    } finally {
      await target.close()
    }
  })

  it('qualifies names with the schema and quotes names that need it', () => {
    const ddl = generateDdl('duckdb', table('Old Orders'))
    expect(ddl).toContain('CREATE TABLE archive."Old Orders"')
    expect(ddl).toContain('"select" INTEGER')
  })
})
