import type { Dialect } from '../../src/shared/cells'

/**
 * The 10-table foreign-key chain the mock data tests and the benchmark fill: countries → cities → customers → orders →
 * order_items ← products ← categories (self reference), shipments → orders, and departments ⇄ employees (a cycle
 * through the nullable departments.manager_id; DuckDB cannot add a foreign key after CREATE TABLE, so there the cycle
 * is categories' self reference alone). A UNIQUE email, CHECK (price > 0), a BETWEEN and an IN check, an enum.
 */
export const CHAIN_TABLES = ['mk_countries', 'mk_cities', 'mk_departments', 'mk_employees', 'mk_customers', 'mk_categories', 'mk_products', 'mk_orders', 'mk_order_items', 'mk_shipments']

/** Every foreign key of the chain: child table, child column, parent table (orphans are counted over these). */
export const CHAIN_FKS: [string, string, string][] = [
  ['mk_cities', 'country_id', 'mk_countries'],
  ['mk_employees', 'department_id', 'mk_departments'],
  ['mk_departments', 'manager_id', 'mk_employees'],
  ['mk_customers', 'city_id', 'mk_cities'],
  ['mk_customers', 'support_rep_id', 'mk_employees'],
  ['mk_categories', 'parent_id', 'mk_categories'],
  ['mk_products', 'category_id', 'mk_categories'],
  ['mk_orders', 'customer_id', 'mk_customers'],
  ['mk_order_items', 'order_id', 'mk_orders'],
  ['mk_order_items', 'product_id', 'mk_products'],
  ['mk_shipments', 'order_id', 'mk_orders']
]

interface Types {
  int: string
  text: string
  bool: string
  ts: string
  json: string
  uuid: string
  status: string
}

const TYPES: Record<Exclude<Dialect, 'mssql'>, Types> = {
  postgres: { int: 'integer', text: 'text', bool: 'boolean', ts: 'timestamp', json: 'jsonb', uuid: 'uuid', status: 'mk_order_status' },
  mysql: { int: 'int', text: 'text', bool: 'boolean', ts: 'datetime', json: 'json', uuid: 'char(36)', status: "enum('pending','paid','shipped','cancelled')" },
  sqlite: { int: 'INTEGER', text: 'TEXT', bool: 'BOOLEAN', ts: 'TIMESTAMP', json: 'TEXT', uuid: 'VARCHAR(36)', status: "VARCHAR(10) CHECK (status IN ('pending','paid','shipped','cancelled'))" },
  duckdb: { int: 'INTEGER', text: 'VARCHAR', bool: 'BOOLEAN', ts: 'TIMESTAMP', json: 'JSON', uuid: 'UUID', status: 'mk_order_status' }
}

/** Statements that create the chain (after `chainDrop`), one per entry. */
export function chainSetup(dialect: Exclude<Dialect, 'mssql'>): string[] {
  const t = TYPES[dialect]
  const lateFk = dialect !== 'duckdb'
  // SQLite and MariaDB take a reference to a table created later in the same way; DuckDB has no cycle across tables
  const managerFk = dialect === 'sqlite' ? ' REFERENCES mk_employees(id)' : ''
  return [
    ...(dialect === 'postgres' || dialect === 'duckdb' ? [`CREATE TYPE mk_order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled')`] : []),
    `CREATE TABLE mk_countries (id ${t.int} PRIMARY KEY, code CHAR(2) NOT NULL UNIQUE, name VARCHAR(60) NOT NULL)`,
    `CREATE TABLE mk_cities (id ${t.int} PRIMARY KEY, country_id ${t.int} NOT NULL REFERENCES mk_countries(id), name VARCHAR(80) NOT NULL, postal_code VARCHAR(10))`,
    `CREATE TABLE mk_departments (id ${t.int} PRIMARY KEY, name VARCHAR(50) NOT NULL, manager_id ${t.int}${managerFk})`,
    `CREATE TABLE mk_employees (id ${t.int} PRIMARY KEY, department_id ${t.int} NOT NULL REFERENCES mk_departments(id), first_name VARCHAR(40) NOT NULL, last_name VARCHAR(40) NOT NULL, email VARCHAR(100) NOT NULL UNIQUE, hired_on DATE NOT NULL, salary DECIMAL(9,2) CHECK (salary BETWEEN 1000 AND 500000))`,
    ...(lateFk && dialect !== 'sqlite' ? ['ALTER TABLE mk_departments ADD CONSTRAINT mk_departments_manager_fk FOREIGN KEY (manager_id) REFERENCES mk_employees(id)'] : []),
    `CREATE TABLE mk_customers (id ${t.int} PRIMARY KEY, city_id ${t.int} NOT NULL REFERENCES mk_cities(id), support_rep_id ${t.int} REFERENCES mk_employees(id), first_name VARCHAR(40) NOT NULL, last_name VARCHAR(40) NOT NULL, email VARCHAR(120) NOT NULL UNIQUE, phone VARCHAR(30), address VARCHAR(200), created_at ${t.ts} NOT NULL, is_active ${t.bool} NOT NULL)`,
    `CREATE TABLE mk_categories (id ${t.int} PRIMARY KEY, parent_id ${t.int} REFERENCES mk_categories(id), name VARCHAR(50) NOT NULL UNIQUE)`,
    `CREATE TABLE mk_products (id ${t.int} PRIMARY KEY, category_id ${t.int} NOT NULL REFERENCES mk_categories(id), sku VARCHAR(12) NOT NULL UNIQUE, name VARCHAR(100) NOT NULL, price DECIMAL(10,2) NOT NULL CHECK (price > 0), stock ${t.int} NOT NULL CHECK (stock >= 0), attributes ${t.json})`,
    `CREATE TABLE mk_orders (id ${t.int} PRIMARY KEY, customer_id ${t.int} NOT NULL REFERENCES mk_customers(id), status ${t.status} NOT NULL, ordered_at ${t.ts} NOT NULL, total DECIMAL(12,2), reference ${t.uuid} NOT NULL UNIQUE)`,
    `CREATE TABLE mk_order_items (id ${t.int} PRIMARY KEY, order_id ${t.int} NOT NULL REFERENCES mk_orders(id), product_id ${t.int} NOT NULL REFERENCES mk_products(id), quantity ${t.int} NOT NULL CHECK (quantity > 0), unit_price DECIMAL(10,2) NOT NULL CHECK (unit_price > 0))`,
    `CREATE TABLE mk_shipments (id ${t.int} PRIMARY KEY, order_id ${t.int} NOT NULL REFERENCES mk_orders(id), carrier VARCHAR(20) CHECK (carrier IN ('UPS', 'DHL', 'FedEx')), tracking_code VARCHAR(20), shipped_on DATE)`
  ]
}

/** Drops the chain, children first (errors are expected for what does not exist). */
export function chainDrop(dialect: Exclude<Dialect, 'mssql'>): string[] {
  const cut = dialect === 'postgres' || dialect === 'mysql' ? ['ALTER TABLE mk_departments DROP FOREIGN KEY mk_departments_manager_fk'] : []
  if (dialect === 'postgres') cut[0] = 'ALTER TABLE mk_departments DROP CONSTRAINT mk_departments_manager_fk'
  return [...cut, ...[...CHAIN_TABLES].reverse().map((n) => `DROP TABLE IF EXISTS ${n}`), ...(dialect === 'postgres' || dialect === 'duckdb' ? ['DROP TYPE IF EXISTS mk_order_status'] : [])]
}

/** SELECT count of rows of `child` whose `column` names no row of `parent`. */
export function orphanSql(child: string, column: string, parent: string): string {
  return `SELECT count(*) FROM ${child} c WHERE c.${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE p.id = c.${column})`
}
