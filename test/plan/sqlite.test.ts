import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { comparePlans, flattenPlan, Plan } from '../../src/shared/plan'
import { allNodes, planSession } from './session'

describe('plans from SQLite (EXPLAIN QUERY PLAN)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qg-plan-sqlite-'))
  const file = join(dir, 'plan.db')
  let s: Awaited<ReturnType<typeof planSession>>

  beforeAll(async () => {
    const db = new Database(file)
    db.exec(`
      create table customers (id integer primary key, name text not null);
      create table orders (id integer primary key, customer_id int not null, amount int not null);
      create index orders_amount on orders (amount);
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 20000)
      insert into orders select i, 1 + i % 2000, i % 1000 from n;
      insert into customers select id, 'c' || id from orders where id <= 2000;
    `)
    db.close()
    s = await planSession('sqlite', { dialect: 'sqlite', filePath: file, readOnly: false, connectTimeoutMs: 5000 })
  })

  afterAll(async () => {
    await s?.session.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a join with GROUP BY and ORDER BY: scans, searches, temp b-trees', async () => {
    const plan = await s.plan(`select c.name, sum(o.amount) total from orders o join customers c on c.id = o.customer_id
      where o.amount > 10 group by c.name order by total desc limit 10`)
    expect(Plan.parse(plan)).toMatchObject({ engine: 'sqlite', analyzed: false, rawFormat: 'text' })
    const nodes = allNodes(plan)
    expect(nodes.find((n) => n.relation === 'c')).toMatchObject({ kind: 'index-scan', index: 'PRIMARY KEY', conditions: [{ label: 'Index Cond', text: 'rowid=?' }] })
    expect(nodes.find((n) => n.relation === 'o')).toMatchObject({ kind: 'index-scan', index: 'orders_amount' })
    const kinds = nodes.map((n) => n.kind)
    expect(kinds).toContain('sort')
    expect(kinds).toContain('aggregate')
    expect(flattenPlan(plan).map((r) => r.depth)).toEqual(expect.arrayContaining([0, 1]))
  })

  it('CTEs, subqueries and compound queries keep their nesting', async () => {
    const plan = await s.plan(`with top as materialized (select customer_id, max(amount) m from orders group by customer_id)
      select * from top where m > (select avg(amount) from orders) and customer_id in (select id from customers where name like 'c1%')
      union all select 0, 0`)
    const nodes = allNodes(plan)
    const cte = nodes.find((n) => n.kind === 'cte')!
    expect(cte.operation).toMatch(/^MATERIALIZE top/)
    expect(cte.children.some((c) => c.relation === 'orders')).toBe(true)
    expect(nodes.some((n) => n.kind === 'subquery')).toBe(true)
    expect(nodes.some((n) => n.kind === 'set-op')).toBe(true)
  })

  it('analyze runs nothing on SQLite and says so; compare shows a new index', async () => {
    const before = await s.plan('select * from orders where customer_id = 7', true)
    expect(before.analyzed).toBe(false)
    expect(before.notes.join(' ')).toMatch(/no EXPLAIN ANALYZE/)
    expect(before.root.children[0]).toMatchObject({ kind: 'scan', relation: 'orders' })
    await s.session.query('create index orders_customer on orders (customer_id)')
    const after = await s.plan('select * from orders where customer_id = 7')
    const pair = comparePlans(before, after).nodes.find((m) => m.before?.relation === 'orders')!
    expect(pair.after).toMatchObject({ kind: 'index-scan', index: 'orders_customer' })
  })
})
