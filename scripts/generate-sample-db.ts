/**
 * Writes resources/sample.db: "Northwind Outfitters", a small retail company (stores, staff, catalogue,
 * customers, orders, payments, shipments, returns). Deterministic: seeded faker, fixed reference date,
 * fixed insertion order — regenerating gives the same content (see sampleDbChecksum).
 *
 * Usage: npm run sample-db [-- <output path>]
 */
import Database from 'better-sqlite3'
import { faker } from '@faker-js/faker'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const SAMPLE_DB_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'sample.db')

const SEED = 20260101
const REF_DATE = new Date('2026-01-01T00:00:00Z')
const HISTORY_START = new Date('2023-01-01T00:00:00Z')

const DDL = `
create table categories (
  category_id integer primary key,
  parent_id integer references categories(category_id) on delete set null,
  name text not null,
  slug text not null unique,
  description text
);

create table suppliers (
  supplier_id integer primary key,
  company_name text not null,
  contact_name text,
  email text not null unique,
  phone text,
  country text not null,
  created_at text not null
);

create table products (
  product_id integer primary key,
  sku text not null unique,
  name text not null,
  category_id integer not null references categories(category_id),
  supplier_id integer references suppliers(supplier_id) on delete set null,
  unit_price numeric(10,2) not null check (unit_price > 0),
  unit_cost numeric(10,2) not null check (unit_cost >= 0),
  weight_kg real check (weight_kg is null or weight_kg >= 0),
  discontinued integer not null default 0 check (discontinued in (0, 1)),
  created_at text not null,
  check (unit_cost <= unit_price)
);
create index ix_products_category on products(category_id);
create index ix_products_supplier on products(supplier_id);
create index ix_products_active_price on products(unit_price) where discontinued = 0;

create table stores (
  store_id integer primary key,
  code text not null unique,
  name text not null,
  city text not null,
  state text not null,
  opened_on text not null
);

create table employees (
  employee_id integer primary key,
  store_id integer not null references stores(store_id),
  manager_id integer references employees(employee_id) on delete set null,
  first_name text not null,
  last_name text not null,
  email text not null unique,
  job_title text not null,
  hired_on text not null,
  salary numeric(10,2) not null check (salary > 0)
);
create index ix_employees_store on employees(store_id);
create index ix_employees_manager on employees(manager_id);

create table customers (
  customer_id integer primary key,
  first_name text not null,
  last_name text not null,
  email text not null unique,
  phone text,
  birth_date text,
  loyalty_tier text not null default 'bronze' check (loyalty_tier in ('bronze', 'silver', 'gold', 'platinum')),
  created_at text not null
);
create index ix_customers_name on customers(last_name, first_name);

create table addresses (
  address_id integer primary key,
  customer_id integer not null references customers(customer_id) on delete cascade,
  kind text not null check (kind in ('billing', 'shipping')),
  line1 text not null,
  line2 text,
  city text not null,
  state text not null,
  postal_code text not null,
  country text not null default 'US'
);
create index ix_addresses_customer on addresses(customer_id);

create table inventory (
  store_id integer not null references stores(store_id) on delete cascade,
  product_id integer not null references products(product_id) on delete cascade,
  quantity integer not null check (quantity >= 0),
  reorder_level integer not null default 10 check (reorder_level >= 0),
  updated_at text not null,
  primary key (store_id, product_id)
);
create index ix_inventory_product on inventory(product_id);

create table orders (
  order_id integer primary key,
  customer_id integer not null references customers(customer_id),
  store_id integer not null references stores(store_id),
  employee_id integer references employees(employee_id) on delete set null,
  shipping_address_id integer references addresses(address_id),
  status text not null check (status in ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'returned')),
  ordered_at text not null,
  total_amount numeric(12,2) not null default 0
);
create index ix_orders_customer on orders(customer_id);
create index ix_orders_store_date on orders(store_id, ordered_at);
create index ix_orders_status on orders(status);

create table order_items (
  order_id integer not null references orders(order_id) on delete cascade,
  line_no integer not null check (line_no > 0),
  product_id integer not null references products(product_id),
  quantity integer not null check (quantity > 0),
  unit_price numeric(10,2) not null check (unit_price >= 0),
  discount numeric(4,2) not null default 0 check (discount >= 0 and discount < 1),
  primary key (order_id, line_no)
);
create index ix_order_items_product on order_items(product_id);

create table payments (
  payment_id integer primary key,
  order_id integer not null references orders(order_id) on delete cascade,
  method text not null check (method in ('card', 'cash', 'gift_card', 'paypal')),
  amount numeric(12,2) not null check (amount >= 0),
  paid_at text not null,
  reference text unique
);
create index ix_payments_order on payments(order_id);

create table shipments (
  shipment_id integer primary key,
  order_id integer not null unique references orders(order_id) on delete cascade,
  carrier text not null,
  tracking_number text not null unique,
  shipped_at text not null,
  delivered_at text,
  check (delivered_at is null or delivered_at >= shipped_at)
);

create table returns (
  return_id integer primary key,
  order_id integer not null,
  line_no integer not null,
  quantity integer not null check (quantity > 0),
  reason text not null,
  returned_at text not null,
  foreign key (order_id, line_no) references order_items(order_id, line_no) on delete cascade
);
create index ix_returns_item on returns(order_id, line_no);

create trigger trg_order_items_total after insert on order_items
begin
  update orders
     set total_amount = round(total_amount + new.quantity * new.unit_price * (1 - new.discount), 2)
   where order_id = new.order_id;
end;

create view v_order_summary as
select o.order_id, o.ordered_at, o.status, c.customer_id,
       c.first_name || ' ' || c.last_name as customer_name,
       s.name as store_name, count(oi.line_no) as line_count, o.total_amount
  from orders o
  join customers c on c.customer_id = o.customer_id
  join stores s on s.store_id = o.store_id
  left join order_items oi on oi.order_id = o.order_id
 group by o.order_id;

create view v_product_sales as
select p.product_id, p.sku, p.name, cat.name as category,
       coalesce(sum(oi.quantity), 0) as units_sold,
       round(coalesce(sum(oi.quantity * oi.unit_price * (1 - oi.discount)), 0), 2) as revenue
  from products p
  join categories cat on cat.category_id = p.category_id
  left join order_items oi on oi.product_id = p.product_id
 group by p.product_id;
`

const CATEGORY_TREE: Record<string, string[]> = {
  Apparel: ['Jackets', 'Shirts', 'Pants', 'Base Layers', 'Socks'],
  Footwear: ['Hiking Boots', 'Trail Runners', 'Sandals', 'Approach Shoes'],
  Camping: ['Tents', 'Sleeping Bags', 'Sleeping Pads', 'Camp Kitchen', 'Lighting'],
  Climbing: ['Harnesses', 'Ropes', 'Carabiners', 'Helmets', 'Chalk & Bags'],
  Cycling: ['Bikes', 'Bike Helmets', 'Bike Parts', 'Cycling Apparel'],
  Water: ['Kayaks', 'Paddles', 'Life Jackets', 'Dry Bags'],
  Electronics: ['GPS Devices', 'Headlamps', 'Power Banks', 'Watches'],
  Packs: ['Daypacks', 'Backpacking Packs', 'Travel Bags']
}
const PRODUCT_NOUNS: Record<string, string[]> = {
  Jackets: ['Rain Jacket', 'Down Jacket', 'Softshell Jacket', 'Fleece Jacket'], Shirts: ['Hiking Shirt', 'Flannel Shirt', 'Sun Hoodie'],
  Pants: ['Trail Pants', 'Convertible Pants', 'Climbing Pants'], 'Base Layers': ['Merino Crew', 'Thermal Tights', 'Base Layer Top'],
  Socks: ['Hiking Socks', 'Running Socks', 'Ski Socks'], 'Hiking Boots': ['Hiking Boot', 'Mountaineering Boot'],
  'Trail Runners': ['Trail Runner', 'Trail Running Shoe'], Sandals: ['Sport Sandal', 'River Sandal'], 'Approach Shoes': ['Approach Shoe'],
  Tents: ['2-Person Tent', '4-Person Tent', 'Ultralight Tent', 'Tarp Shelter'], 'Sleeping Bags': ['Down Sleeping Bag', 'Synthetic Sleeping Bag', 'Quilt'],
  'Sleeping Pads': ['Inflatable Pad', 'Foam Pad'], 'Camp Kitchen': ['Camp Stove', 'Cook Set', 'Water Filter', 'Insulated Mug'],
  Lighting: ['Lantern', 'String Lights'], Harnesses: ['Climbing Harness'], Ropes: ['Dynamic Rope', 'Static Rope'],
  Carabiners: ['Locking Carabiner', 'Quickdraw Set'], Helmets: ['Climbing Helmet'], 'Chalk & Bags': ['Chalk Bag', 'Liquid Chalk'],
  Bikes: ['Gravel Bike', 'Mountain Bike', 'Commuter Bike'], 'Bike Helmets': ['Road Helmet', 'MTB Helmet'], 'Bike Parts': ['Tubeless Tire', 'Saddle', 'Chain', 'Pedals'],
  'Cycling Apparel': ['Cycling Jersey', 'Bib Shorts', 'Cycling Gloves'], Kayaks: ['Touring Kayak', 'Inflatable Kayak'], Paddles: ['Kayak Paddle', 'SUP Paddle'],
  'Life Jackets': ['Life Vest', 'Kids Life Jacket'], 'Dry Bags': ['Dry Bag', 'Waterproof Duffel'], 'GPS Devices': ['Handheld GPS', 'Satellite Messenger'],
  Headlamps: ['Headlamp', 'Rechargeable Headlamp'], 'Power Banks': ['Solar Power Bank', 'Power Bank'], Watches: ['GPS Watch', 'Altimeter Watch'],
  Daypacks: ['Daypack', 'Hydration Pack'], 'Backpacking Packs': ['Backpacking Pack', 'Ultralight Pack'], 'Travel Bags': ['Travel Duffel', 'Carry-On Pack']
}
const BRANDS = ['Northwind', 'Summit Ridge', 'Cascade', 'Alpenglow', 'Timberline', 'Granite Peak', 'Riverbend', 'Trailhead Co.']
const JOB_TITLES = ['Sales Associate', 'Senior Sales Associate', 'Cashier', 'Stock Associate', 'Visual Merchandiser', 'Customer Service Rep']
const CARRIERS = ['UPS', 'FedEx', 'USPS', 'DHL']
const RETURN_REASONS = ['Wrong size', 'Defective', 'Changed mind', 'Arrived late', 'Not as described', 'Found a better price']
const PAYMENT_METHODS = ['card', 'card', 'card', 'paypal', 'gift_card', 'cash'] as const

const round2 = (n: number): number => Math.round(n * 100) / 100
const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z')
const day = (d: Date): string => d.toISOString().slice(0, 10)
const slugify = (s: string): string => s.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

export interface SampleDbStats {
  path: string
  rowCounts: Record<string, number>
  totalRows: number
}

/** Deletes and rewrites the sample database at `path`. */
export function generateSampleDb(path: string = SAMPLE_DB_PATH): SampleDbStats {
  faker.seed(SEED)
  faker.setDefaultRefDate(REF_DATE)
  mkdirSync(dirname(path), { recursive: true })
  for (const suffix of ['', '-wal', '-shm', '-journal']) if (existsSync(path + suffix)) rmSync(path + suffix)

  const db = new Database(path)
  db.pragma('journal_mode = DELETE')
  db.pragma('foreign_keys = ON')
  db.exec(DDL)
  const between = (from: Date, to: Date = REF_DATE): Date => faker.date.between({ from, to })

  db.transaction(() => {
    // Categories: top level first, then children pointing at their parent.
    const insCategory = db.prepare('insert into categories (category_id, parent_id, name, slug, description) values (?, ?, ?, ?, ?)')
    let categoryId = 0
    const leafCategories: { id: number; name: string }[] = []
    for (const [top, children] of Object.entries(CATEGORY_TREE)) {
      const parentId = ++categoryId
      insCategory.run(parentId, null, top, slugify(top), faker.commerce.productDescription())
      for (const child of children) {
        insCategory.run(++categoryId, parentId, child, slugify(`${top} ${child}`), faker.helpers.maybe(() => faker.commerce.productDescription(), { probability: 0.7 }) ?? null)
        leafCategories.push({ id: categoryId, name: child })
      }
    }

    const insSupplier = db.prepare('insert into suppliers (supplier_id, company_name, contact_name, email, phone, country, created_at) values (?, ?, ?, ?, ?, ?, ?)')
    const supplierCount = 60
    for (let id = 1; id <= supplierCount; id++) {
      const company = faker.company.name()
      insSupplier.run(id, company, faker.person.fullName(), `sales${id}@${slugify(company).slice(0, 24)}.example.com`, faker.phone.number({ style: 'international' }), faker.location.country(), iso(between(new Date('2018-01-01T00:00:00Z'), HISTORY_START)))
    }

    const insProduct = db.prepare('insert into products (product_id, sku, name, category_id, supplier_id, unit_price, unit_cost, weight_kg, discontinued, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    const productCount = 600
    const productPrice: number[] = [0]
    for (let id = 1; id <= productCount; id++) {
      const price = round2(faker.number.float({ min: 4, max: 900, fractionDigits: 2 }))
      productPrice.push(price)
      const category = faker.helpers.arrayElement(leafCategories)
      insProduct.run(
        id,
        `NWO-${String(id).padStart(5, '0')}`,
        `${faker.helpers.arrayElement(BRANDS)} ${faker.commerce.productAdjective()} ${faker.helpers.arrayElement(PRODUCT_NOUNS[category.name] ?? [category.name])}`,
        category.id,
        faker.helpers.maybe(() => faker.number.int({ min: 1, max: supplierCount }), { probability: 0.95 }) ?? null,
        price,
        round2(price * faker.number.float({ min: 0.35, max: 0.75 })),
        faker.helpers.maybe(() => faker.number.float({ min: 0.05, max: 25, fractionDigits: 2 }), { probability: 0.9 }) ?? null,
        faker.datatype.boolean({ probability: 0.05 }) ? 1 : 0,
        iso(between(new Date('2020-01-01T00:00:00Z'), HISTORY_START))
      )
    }

    const insStore = db.prepare('insert into stores (store_id, code, name, city, state, opened_on) values (?, ?, ?, ?, ?, ?)')
    const storeCount = 24
    for (let id = 1; id <= storeCount; id++) {
      const city = faker.location.city()
      insStore.run(id, `S${String(id).padStart(3, '0')}`, `Northwind Outfitters ${city}`, city, faker.location.state({ abbreviated: true }), day(between(new Date('2010-01-01T00:00:00Z'), HISTORY_START)))
    }

    // Employees: one store manager per store (reporting to employee 1, the COO), then staff reporting to their store manager.
    const insEmployee = db.prepare('insert into employees (employee_id, store_id, manager_id, first_name, last_name, email, job_title, hired_on, salary) values (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    let employeeId = 0
    const employeesByStore = new Map<number, number[]>()
    const addEmployee = (storeId: number, managerId: number | null, title: string, salary: number): number => {
      const id = ++employeeId
      const first = faker.person.firstName()
      const last = faker.person.lastName()
      insEmployee.run(id, storeId, managerId, first, last, `${slugify(first)}.${slugify(last)}.${id}@northwind-outfitters.example.com`, title, day(between(new Date('2012-01-01T00:00:00Z'))), round2(salary))
      employeesByStore.set(storeId, [...(employeesByStore.get(storeId) ?? []), id])
      return id
    }
    const coo = addEmployee(1, null, 'Chief Operating Officer', 185000)
    for (let storeId = 1; storeId <= storeCount; storeId++) {
      const manager = addEmployee(storeId, coo, 'Store Manager', faker.number.int({ min: 62000, max: 90000 }))
      const staff = faker.number.int({ min: 6, max: 12 })
      for (let i = 0; i < staff; i++) addEmployee(storeId, manager, faker.helpers.arrayElement(JOB_TITLES), faker.number.int({ min: 31000, max: 52000 }))
    }

    const insCustomer = db.prepare('insert into customers (customer_id, first_name, last_name, email, phone, birth_date, loyalty_tier, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)')
    const insAddress = db.prepare('insert into addresses (address_id, customer_id, kind, line1, line2, city, state, postal_code, country) values (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    const customerCount = 3000
    let addressId = 0
    const shippingAddress: number[] = [0]
    const customerSince: Date[] = [REF_DATE]
    for (let id = 1; id <= customerCount; id++) {
      const first = faker.person.firstName()
      const last = faker.person.lastName()
      const since = between(new Date('2021-01-01T00:00:00Z'), new Date('2025-10-01T00:00:00Z'))
      customerSince.push(since)
      insCustomer.run(
        id, first, last,
        faker.internet.email({ firstName: first, lastName: `${last}${id}`, provider: 'example.com' }).toLowerCase(),
        faker.helpers.maybe(() => faker.phone.number({ style: 'national' }), { probability: 0.8 }) ?? null,
        faker.helpers.maybe(() => day(faker.date.birthdate({ min: 18, max: 85, mode: 'age' })), { probability: 0.6 }) ?? null,
        faker.helpers.weightedArrayElement([{ weight: 60, value: 'bronze' }, { weight: 25, value: 'silver' }, { weight: 11, value: 'gold' }, { weight: 4, value: 'platinum' }]),
        iso(since)
      )
      const kinds = faker.datatype.boolean({ probability: 0.35 }) ? ['billing', 'shipping'] : ['shipping']
      for (const kind of kinds) {
        insAddress.run(++addressId, id, kind, faker.location.streetAddress(), faker.helpers.maybe(() => faker.location.secondaryAddress(), { probability: 0.2 }) ?? null, faker.location.city(), faker.location.state({ abbreviated: true }), faker.location.zipCode('#####'), 'US')
      }
      shippingAddress.push(addressId)
    }

    const insInventory = db.prepare('insert into inventory (store_id, product_id, quantity, reorder_level, updated_at) values (?, ?, ?, ?, ?)')
    for (let storeId = 1; storeId <= storeCount; storeId++) {
      const carried = faker.helpers.arrayElements(Array.from({ length: productCount }, (_, i) => i + 1), { min: 120, max: 180 }).sort((a, b) => a - b)
      for (const productId of carried) insInventory.run(storeId, productId, faker.number.int({ min: 0, max: 250 }), faker.helpers.arrayElement([5, 10, 15, 20]), iso(between(new Date('2025-06-01T00:00:00Z'))))
    }

    const insOrder = db.prepare('insert into orders (order_id, customer_id, store_id, employee_id, shipping_address_id, status, ordered_at) values (?, ?, ?, ?, ?, ?, ?)')
    const insItem = db.prepare('insert into order_items (order_id, line_no, product_id, quantity, unit_price, discount) values (?, ?, ?, ?, ?, ?)')
    const insPayment = db.prepare('insert into payments (payment_id, order_id, method, amount, paid_at, reference) values (?, ?, ?, ?, ?, ?)')
    const insShipment = db.prepare('insert into shipments (shipment_id, order_id, carrier, tracking_number, shipped_at, delivered_at) values (?, ?, ?, ?, ?, ?)')
    const insReturn = db.prepare('insert into returns (return_id, order_id, line_no, quantity, reason, returned_at) values (?, ?, ?, ?, ?, ?)')
    const orderTotal = db.prepare('select total_amount from orders where order_id = ?').pluck()
    const orderCount = 6500
    let paymentId = 0
    let shipmentId = 0
    let returnId = 0
    for (let id = 1; id <= orderCount; id++) {
      const customerId = faker.number.int({ min: 1, max: customerCount })
      const storeId = faker.number.int({ min: 1, max: storeCount })
      const orderedAt = between(customerSince[customerId]!, REF_DATE)
      const status = faker.helpers.weightedArrayElement([
        { weight: 4, value: 'pending' }, { weight: 6, value: 'paid' }, { weight: 10, value: 'shipped' },
        { weight: 70, value: 'delivered' }, { weight: 6, value: 'cancelled' }, { weight: 4, value: 'returned' }
      ])
      const online = faker.datatype.boolean({ probability: 0.4 })
      insOrder.run(id, customerId, storeId, online ? null : faker.helpers.arrayElement(employeesByStore.get(storeId)!), online ? shippingAddress[customerId]! : null, status, iso(orderedAt))
      const lines = faker.number.int({ min: 1, max: 5 })
      for (let line = 1; line <= lines; line++) {
        const productId = faker.number.int({ min: 1, max: productCount })
        insItem.run(id, line, productId, faker.number.int({ min: 1, max: 4 }), productPrice[productId]!, faker.helpers.weightedArrayElement([{ weight: 80, value: 0 }, { weight: 12, value: 0.1 }, { weight: 8, value: 0.25 }]))
      }
      if (status === 'pending' || status === 'cancelled') continue
      const paidAt = new Date(orderedAt.getTime() + faker.number.int({ min: 0, max: 3600 }) * 1000)
      insPayment.run(++paymentId, id, faker.helpers.arrayElement(PAYMENT_METHODS), orderTotal.get(id), iso(paidAt), `PAY-${faker.string.alphanumeric({ length: 12, casing: 'upper' })}`)
      if (!online || status === 'paid') continue
      const shippedAt = new Date(paidAt.getTime() + faker.number.int({ min: 4, max: 72 }) * 3600_000)
      const delivered = status !== 'shipped' ? iso(new Date(shippedAt.getTime() + faker.number.int({ min: 1, max: 8 }) * 86400_000)) : null
      insShipment.run(++shipmentId, id, faker.helpers.arrayElement(CARRIERS), `${faker.string.numeric(4)}${String(id).padStart(8, '0')}`, iso(shippedAt), delivered)
      if (status === 'returned') {
        insReturn.run(++returnId, id, 1, 1, faker.helpers.arrayElement(RETURN_REASONS), iso(new Date(shippedAt.getTime() + faker.number.int({ min: 10, max: 30 }) * 86400_000)))
      }
    }
  })()

  db.exec('analyze; vacuum;')
  const rowCounts = tableRowCounts(db)
  db.close()
  return { path, rowCounts, totalRows: Object.values(rowCounts).reduce((a, b) => a + b, 0) }
}

function userTables(db: Database.Database): string[] {
  return db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[]
}

function tableRowCounts(db: Database.Database): Record<string, number> {
  return Object.fromEntries(userTables(db).map((t) => [t, db.prepare(`select count(*) from "${t}"`).pluck().get() as number]))
}

/** Row counts plus a SHA-256 over the schema and every row of every table, in primary-key order. */
export function sampleDbChecksum(path: string): { rowCounts: Record<string, number>; checksum: string } {
  const db = new Database(path, { readonly: true })
  try {
    const hash = createHash('sha256')
    for (const sql of db.prepare("select sql from sqlite_master where sql is not null and name not like 'sqlite_%' order by type, name").pluck().all()) hash.update(`${sql}\n`)
    for (const table of userTables(db)) {
      const pk = (db.prepare(`select name from pragma_table_info(?) where pk > 0 order by pk`).pluck().all(table) as string[]).map((c) => `"${c}"`).join(', ')
      hash.update(`#${table}\n`)
      for (const row of db.prepare(`select * from "${table}" order by ${pk}`).raw().iterate()) hash.update(`${JSON.stringify(row)}\n`)
    }
    return { rowCounts: tableRowCounts(db), checksum: hash.digest('hex') }
  } finally {
    db.close()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = performance.now()
  const stats = generateSampleDb(process.argv[2] ? resolve(process.argv[2]) : SAMPLE_DB_PATH)
  const { checksum } = sampleDbChecksum(stats.path)
  for (const [table, n] of Object.entries(stats.rowCounts)) console.log(`${table.padEnd(14)} ${n}`)
  console.log(`wrote ${stats.path}: ${stats.totalRows} rows in ${Math.round(performance.now() - started)} ms, checksum ${checksum}`)
}
