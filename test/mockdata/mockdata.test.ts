import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/shared/cells'
import { DataHarness } from '../data/data-harness'
import { CHAIN_FKS, CHAIN_TABLES, chainDrop, chainSetup, orphanSql } from './chain-schema'
import { mocker } from './mock-harness'

type Engine = Exclude<Dialect, 'mssql'>

const tables = CHAIN_TABLES.map((name) => ({ name }))
const fresh = (file: string): string => join(mkdtempSync(join(tmpdir(), 'qg-mock-')), file)

const engines: { name: string; dialect: Engine; target: () => Promise<{ url?: string; file?: string } | undefined> }[] = [
  { name: 'PostgreSQL', dialect: 'postgres', target: async () => (process.env.PG_URL ? { url: process.env.PG_URL } : undefined) },
  { name: 'MariaDB', dialect: 'mysql', target: async () => (process.env.MYSQL_URL ? { url: process.env.MYSQL_URL } : undefined) },
  {
    name: 'SQLite',
    dialect: 'sqlite',
    target: async () => {
      const file = fresh('mock.sqlite')
      new Database(file).close()
      return { file }
    }
  },
  {
    name: 'DuckDB',
    dialect: 'duckdb',
    target: async () => {
      const file = fresh('mock.duckdb')
      ;(await DuckDBInstance.create(file)).closeSync()
      return { file }
    }
  }
]

for (const engine of engines) {
  const configured = engine.dialect === 'sqlite' || engine.dialect === 'duckdb' || !!process.env[engine.dialect === 'postgres' ? 'PG_URL' : 'MYSQL_URL']
  describe.skipIf(!configured)(`mock data on ${engine.name}`, () => {
    let h: DataHarness
    let m: ReturnType<typeof mocker>
    const count = async (table: string): Promise<number> => Number((await h.rows(`SELECT count(*) FROM ${table}`))[0]![0])
    const counts = async (): Promise<number[]> => Promise.all(CHAIN_TABLES.map(count))
    /** Every row of every table as the second session reads it, in key order. */
    const dump = async (): Promise<string> => JSON.stringify(await Promise.all(CHAIN_TABLES.map((t) => h.rows(`SELECT * FROM ${t} ORDER BY id`))))
    const wipe = async (): Promise<void> => {
      if (engine.dialect === 'duckdb') {
        // DuckDB cannot update or delete rows that other rows still reference in the same statement: a new chain
        for (const sql of chainDrop(engine.dialect)) await h.run(sql).catch(() => undefined)
        await h.run(...chainSetup(engine.dialect))
        await h.schema.get(h.id, { refresh: true })
        return
      }
      await h.run('UPDATE mk_departments SET manager_id = NULL', 'UPDATE mk_categories SET parent_id = NULL')
      for (const t of [...CHAIN_TABLES].reverse()) await h.run(`DELETE FROM ${t}`)
    }
    /** DuckDB's chain has no key from departments to employees (no ALTER TABLE … ADD FOREIGN KEY there). */
    const fks = () => CHAIN_FKS.filter(([child, column]) => engine.dialect !== 'duckdb' || !(child === 'mk_departments' && column === 'manager_id'))

    beforeAll(async () => {
      h = new DataHarness(engine.dialect, (await engine.target())!)
      for (const sql of chainDrop(engine.dialect)) await h.run(sql).catch(() => undefined)
      await h.run(...chainSetup(engine.dialect))
      await h.schema.get(h.id, { refresh: true })
      m = mocker(h)
    })
    afterAll(async () => {
      if (!h) return
      await m?.service.idle()
      for (const sql of chainDrop(engine.dialect)) await h.run(sql).catch(() => undefined)
      await h.close()
    })

    it('plans parents before children, breaks the cycle at a nullable key, reads the checks and picks generators by name', async () => {
      const plan = await m.service.plan({ connectionId: h.id, tables, rowsPerTable: 40, seed: 1 })
      const order = plan.tables.map((t) => t.name)
      for (const [child, , parent] of CHAIN_FKS) if (child !== parent && !(child === 'mk_departments')) expect(order.indexOf(parent), `${parent} before ${child}`).toBeLessThan(order.indexOf(child))
      const col = (t: string, c: string) => plan.tables.find((x) => x.name === t)!.columns.find((x) => x.name === c)!
      expect(col('mk_categories', 'parent_id')).toMatchObject({ deferred: false, generator: expect.stringMatching(/an earlier row/) })
      if (engine.dialect !== 'duckdb') expect(col('mk_departments', 'manager_id').deferred).toBe(true)
      expect(col('mk_customers', 'email').generator).toMatch(/^email \(unique\)/)
      expect(col('mk_customers', 'first_name').generator).toBe('first name')
      expect(col('mk_customers', 'phone').generator).toMatch(/^phone/)
      expect(col('mk_orders', 'status').generator).toBe('one of pending, paid, shipped, cancelled')
      expect(col('mk_shipments', 'carrier').generator).toMatch(/^one of UPS, DHL, FedEx/)
      expect(col('mk_products', 'price').generator).toBe('decimal 1.00–1000.00')
      expect(col('mk_employees', 'salary').generator).toMatch(/^decimal 30000\.00–150000\.00/)
      expect(col('mk_orders', 'customer_id').generator).toMatch(/foreign key → .*mk_customers\(id\)/)
      const checks = plan.tables.flatMap((t) => t.checks)
      expect(checks.length).toBeGreaterThanOrEqual(5)
      expect(checks.filter((c) => !c.understood)).toEqual([])
      expect(plan.tables.every((t) => !t.skipped)).toBe(true)
    })

    it('fills the chain: the database takes every row, every foreign key joins (checked from a second session), the cycle is filled by the second pass', async () => {
      const done = await m.run({ connectionId: h.id, tables, rowsPerTable: 60, seed: 3, target: { kind: 'database', transaction: 'table', batchSize: 25 } })
      expect(done.state, JSON.stringify(done.error)).toBe('done')
      for (const t of done.tables) expect(t, t.name).toMatchObject({ state: 'done', inserted: 60, rejected: 0 })
      expect(await counts()).toEqual(CHAIN_TABLES.map(() => 60))
      for (const [child, column, parent] of fks()) expect(Number((await h.rows(orphanSql(child, column, parent)))[0]![0]), `${child}.${column} orphans`).toBe(0)
      // the cut keys were filled afterwards: most rows have a parent (10% stay NULL by default; the first category is a root)
      expect(Number((await h.rows('SELECT count(*) FROM mk_categories WHERE parent_id IS NOT NULL'))[0]![0])).toBeGreaterThan(30)
      if (engine.dialect !== 'duckdb') expect(Number((await h.rows('SELECT count(*) FROM mk_departments WHERE manager_id IS NOT NULL'))[0]![0])).toBeGreaterThan(30)
      if (engine.dialect !== 'duckdb') expect(done.tables.find((t) => t.name === 'mk_departments')!.updated).toBeGreaterThan(30)
      expect(Number((await h.rows('SELECT count(*) FROM mk_categories WHERE parent_id >= id'))[0]![0])).toBe(0)
      // the checks held (the database accepted the rows; this reads them back as well)
      expect(Number((await h.rows('SELECT count(*) FROM mk_products WHERE price <= 0 OR stock < 0'))[0]![0])).toBe(0)
      expect(Number((await h.rows('SELECT count(DISTINCT email) FROM mk_customers'))[0]![0])).toBe(60)
      expect(Number((await h.rows("SELECT count(*) FROM mk_customers WHERE email NOT LIKE '%@%.%'"))[0]![0])).toBe(0)
      await wipe()
    })

    it('same seed, same rows; another seed, other rows', async () => {
      const input = { connectionId: h.id, tables, rowsPerTable: 30, seed: 42 }
      expect(await m.service.preview({ ...input, rows: 5 })).toEqual(await m.service.preview({ ...input, rows: 5 }))
      const first = await m.run({ ...input, target: { kind: 'database', transaction: 'all' } })
      expect(first.state, JSON.stringify(first.error)).toBe('done')
      const a = await dump()
      await wipe()
      await m.run({ ...input, target: { kind: 'database', transaction: 'table' } })
      expect(await dump()).toBe(a)
      await wipe()
      await m.run({ ...input, seed: 43, target: { kind: 'database', transaction: 'table' } })
      expect(await dump()).not.toBe(a)
      await wipe()
    })

    it('refuses a read-only connection before anything is sent', async () => {
      const ro = h.connection({ readOnly: true })
      await expect(m.service.start({ connectionId: ro, tables, rowsPerTable: 10, seed: 1, target: { kind: 'database', transaction: 'table' } })).rejects.toMatchObject({ code: 'READ_ONLY' })
      expect(await counts()).toEqual(CHAIN_TABLES.map(() => 0))
    })

    it('asks for confirmation on a production connection', async () => {
      const prod = h.connection({ tag: 'production' } as never)
      await expect(m.service.start({ connectionId: prod, tables, rowsPerTable: 10, seed: 1, target: { kind: 'database', transaction: 'table' } })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' })
      expect(await counts()).toEqual(CHAIN_TABLES.map(() => 0))
      const done = await m.run({ connectionId: prod, tables, rowsPerTable: 10, seed: 1, target: { kind: 'database', transaction: 'table', confirmed: true } })
      expect(done.state).toBe('done')
      expect(await counts()).toEqual(CHAIN_TABLES.map(() => 10))
      await wipe()
    })

    it('a parent that is not chosen: children take keys from its existing rows', async () => {
      await m.run({ connectionId: h.id, tables: [{ name: 'mk_countries' }], rowsPerTable: 7, seed: 1, target: { kind: 'database', transaction: 'table' } })
      const done = await m.run({ connectionId: h.id, tables: [{ name: 'mk_cities' }], rowsPerTable: 50, seed: 1, target: { kind: 'database', transaction: 'table' } })
      expect(done.tables[0]).toMatchObject({ state: 'done', inserted: 50 })
      expect(Number((await h.rows(orphanSql('mk_cities', 'country_id', 'mk_countries')))[0]![0])).toBe(0)
      expect(Number((await h.rows('SELECT count(DISTINCT country_id) FROM mk_cities'))[0]![0])).toBe(7)
      await wipe()
    })

    it('Cancel in one transaction for all tables leaves nothing', async () => {
      const many = tables.map((t) => (t.name === 'mk_countries' ? { ...t, rows: 300 } : t))
      let asked = false
      const done = await m.run({ connectionId: h.id, tables: many, rowsPerTable: 2000, seed: 5, target: { kind: 'database', transaction: 'all', batchSize: 50 } }, (p, cancel) => {
        if (!asked && p.tables.find((t) => t.name === 'mk_customers')?.inserted) {
          asked = true
          cancel()
        }
      })
      expect(done.state).toBe('cancelled')
      expect(done.tables.filter((t) => t.inserted > 0).every((t) => t.state === 'rolled back')).toBe(true)
      expect(await counts()).toEqual(CHAIN_TABLES.map(() => 0))
    })

    it('Cancel stops and rolls back the table in progress; tables already committed stay', async () => {
      let cancelledAt: string | null = null
      // CHAR(2) codes: 1,296 at most (the plan stops there and says so)
      const many = tables.map((t) => (t.name === 'mk_countries' ? { ...t, rows: 300 } : t))
      const done = await m.run({ connectionId: h.id, tables: many, rowsPerTable: 2000, seed: 5, target: { kind: 'database', transaction: 'table', batchSize: 50 } }, (p, cancel) => {
        const running = p.tables.find((t) => t.state === 'running')
        if (!cancelledAt && running?.name === 'mk_customers' && running.inserted >= 200) {
          cancelledAt = running.name
          cancel()
        }
      })
      expect(done.state).toBe('cancelled')
      expect(cancelledAt).toBe('mk_customers')
      const customers = done.tables.find((t) => t.name === 'mk_customers')!
      expect(customers.state).toBe('rolled back')
      expect(await count('mk_customers')).toBe(0)
      const committed = done.tables.filter((t) => t.state === 'done')
      expect(committed.length).toBeGreaterThan(0)
      for (const t of committed) expect(await count(t.name), t.name).toBe(t.name === 'mk_countries' ? 300 : 2000)
      expect(await count('mk_orders')).toBe(0)
      await wipe()
    })

    it('a CHECK it does not understand: the rows that violate it are rejected and counted with the reason; a two-column order is kept', async () => {
      const unknown = engine.dialect === 'duckdb' ? null : 'mk_odd'
      if (!unknown) return // DuckDB has no savepoints: a refused batch rolls the whole table back (covered by the plan's warning)
      await h.run(`CREATE TABLE mk_odd (id INTEGER PRIMARY KEY, a INTEGER NOT NULL, c INTEGER NOT NULL, d INTEGER NOT NULL, CHECK (a % 2 = 0), CHECK (c <= d))`)
      try {
        await h.schema.get(h.id, { refresh: true })
        const plan = await m.service.plan({ connectionId: h.id, tables: [{ name: 'mk_odd' }], rowsPerTable: 50, seed: 1, overrides: [] })
        expect(plan.tables[0]!.checks.map((c) => c.understood).sort()).toEqual([false, true])
        expect(plan.tables[0]!.warnings.join()).toMatch(/not understood; rows that violate it are rejected and counted/)
        const done = await m.run({ connectionId: h.id, tables: [{ name: 'mk_odd' }], rowsPerTable: 50, seed: 1, overrides: [], target: { kind: 'database', transaction: 'table', batchSize: 10 } })
        const t = done.tables[0]!
        expect(done.state).toBe('done')
        expect(t.rejected).toBeGreaterThan(0)
        expect(t.inserted + t.rejected).toBe(50)
        expect(t.reasons[0]!.count).toBe(t.rejected)
        expect(await count('mk_odd')).toBe(t.inserted)
        // the check it does understand (c <= d, two columns) held for every row: only a % 2 = 0 rejected any
        expect(t.reasons.length).toBe(1)
        expect(Number((await h.rows('SELECT count(*) FROM mk_odd WHERE c > d OR a % 2 <> 0'))[0]![0])).toBe(0)
      } finally {
        await h.run('DROP TABLE mk_odd')
      }
    })

    it.runIf(engine.dialect === 'postgres')('a domain column is generated as its base type within the domain\'s CHECK', async () => {
      await h.run('DROP TABLE IF EXISTS mk_dom', 'DROP DOMAIN IF EXISTS mk_positive', 'CREATE DOMAIN mk_positive AS numeric(6,2) CHECK (VALUE > 0 AND VALUE < 50)', 'CREATE TABLE mk_dom (id integer PRIMARY KEY, amount mk_positive NOT NULL)')
      try {
        await h.schema.get(h.id, { refresh: true })
        const plan = await m.service.plan({ connectionId: h.id, tables: [{ name: 'mk_dom' }], rowsPerTable: 30, seed: 1 })
        expect(plan.tables[0]!.columns[1]!.generator).toBe('decimal 1.00–49.99')
        const done = await m.run({ connectionId: h.id, tables: [{ name: 'mk_dom' }], rowsPerTable: 30, seed: 1, target: { kind: 'database', transaction: 'table' } })
        expect(done.tables[0]).toMatchObject({ state: 'done', inserted: 30, rejected: 0 })
      } finally {
        await h.run('DROP TABLE IF EXISTS mk_dom', 'DROP DOMAIN IF EXISTS mk_positive')
      }
    })

    it('overrides: constant, list, range, pattern and NULL share', async () => {
      const overrides = [
        { table: 'mk_products', column: 'sku', generator: { kind: 'pattern' as const, pattern: 'SKU-#####' } },
        { table: 'mk_products', column: 'stock', generator: { kind: 'range' as const, min: '5', max: '7' } },
        { table: 'mk_products', column: 'name', generator: { kind: 'list' as const, values: ['Red', 'Blue'] } },
        { table: 'mk_products', column: 'attributes', nullShare: 1 },
        { table: 'mk_categories', column: 'name', generator: { kind: 'pattern' as const, pattern: 'CAT-???' } }
      ]
      const preview = await m.service.preview({ connectionId: h.id, tables: [{ name: 'mk_categories' }, { name: 'mk_products' }], rowsPerTable: 20, seed: 9, overrides, rows: 20 })
      const products = preview.tables.find((t) => t.name === 'mk_products')!
      const at = (c: string) => products.columns.indexOf(c)
      for (const r of products.rows) {
        expect(r[at('sku')]).toMatch(/^SKU-\d{5}$/)
        expect(['5', '6', '7']).toContain(r[at('stock')])
        expect(['Red', 'Blue']).toContain(r[at('name')])
        expect(r[at('attributes')]).toBeNull()
      }
    })

    it('writes SQL and CSV files instead (nothing reaches the database)', async () => {
      const sql = await m.run({ connectionId: h.id, tables, rowsPerTable: 15, seed: 2, target: { kind: 'files', format: 'sql' } })
      expect(sql.state, JSON.stringify(sql.error)).toBe('done')
      const script = readFileSync(sql.files![0]!.path, 'utf8')
      expect(script).toMatch(/INSERT INTO mk_countries/)
      if (engine.dialect !== 'duckdb') expect(script).toMatch(/UPDATE mk_departments SET manager_id = CASE/)
      expect(await counts()).toEqual(CHAIN_TABLES.map(() => 0))
      // the script itself loads: every row and the second pass
      await h.run(...script.split(';\n').filter((s) => s.trim()))
      expect(await counts()).toEqual(CHAIN_TABLES.map(() => 15))
      await wipe()
      const csv = await m.run({ connectionId: h.id, tables, rowsPerTable: 15, seed: 2, target: { kind: 'files', format: 'csv' } })
      expect(csv.files).toHaveLength(10)
      expect(readFileSync(csv.files!.find((f) => f.path.includes('mk_countries'))!.path, 'utf8').split('\n')[0]).toBe('id,code,name')
    })
  })
}
