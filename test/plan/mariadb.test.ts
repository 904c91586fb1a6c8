import mysql from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { comparePlans, hotSpots, misestimates, Plan } from '../../src/shared/plan'
import { paramsFromUrl, uniqueName } from '../conformance/engines'
import { allNodes, planSession } from './session'

const url = process.env.MYSQL_URL

/** MariaDB 10.11 here: EXPLAIN FORMAT=JSON and ANALYZE FORMAT=JSON. */
describe.skipIf(!url)('plans from MySQL/MariaDB', () => {
  const db = uniqueName('plan')
  let admin: mysql.Connection
  let s: Awaited<ReturnType<typeof planSession>>

  beforeAll(async () => {
    admin = await mysql.createConnection({ uri: url, multipleStatements: true })
    await admin.query(`
      create database ${db};
      use ${db};
      create table customers (id int primary key, name varchar(40) not null);
      create table orders (id int primary key, customer_id int not null, amount int not null, key (amount));
      insert into customers select seq, concat('c', seq) from seq_1_to_2000;
      insert into orders select seq, 1 + seq % 2000, seq % 1000 from seq_1_to_20000;
      analyze table customers, orders;
    `)
    s = await planSession('mysql', paramsFromUrl(url!, { database: db }))
  })

  afterAll(async () => {
    await s?.session.close()
    await admin?.query(`drop database if exists ${db}`).catch(() => undefined)
    await admin?.end()
  })

  const join = `select c.name, sum(o.amount) as total from customers c join orders o on o.customer_id = c.id
    where o.amount > 10 group by c.name order by total desc limit 10`

  it('a join, aggregate and sort (EXPLAIN FORMAT=JSON): kinds, relations, estimates', async () => {
    const plan = await s.plan(join)
    expect(Plan.parse(plan)).toMatchObject({ engine: 'mysql', analyzed: false, rawFormat: 'json' })
    const nodes = allNodes(plan)
    expect(plan.root.operation).toBe('Query block #1')
    const kinds = new Set(nodes.map((n) => n.kind))
    for (const k of ['sort', 'join', 'materialize']) expect(kinds, k).toContain(k)
    const tables = nodes.filter((n) => n.relation)
    expect(tables.map((n) => n.relation).sort()).toEqual(['c', 'o'])
    expect(tables.every((n) => n.estimatedRows! > 0)).toBe(true)
    expect(nodes.find((n) => n.relation === 'c')).toMatchObject({ kind: 'index-scan', index: 'PRIMARY' })
  })

  it('ANALYZE FORMAT=JSON: actual rows, loops and times; hot spots of time', async () => {
    const plan = await s.plan(join, true)
    expect(plan.analyzed).toBe(true)
    expect(plan.planningMs).toBeGreaterThan(0)
    expect(plan.executionMs).toBeGreaterThan(0)
    const nodes = allNodes(plan)
    const orders = nodes.find((n) => n.relation === 'o')!
    expect(orders.actualRows! * (orders.loops ?? 1)).toBeGreaterThan(15_000)
    const customers = nodes.find((n) => n.relation === 'c')!
    // the inner side of the join: one lookup per order row
    expect(customers.loops).toBeGreaterThan(15_000)
    expect(customers.actualRows).toBe(1)
    expect(hotSpots(plan)[0]).toMatchObject({ measure: 'time' })
    expect(plan.root.timeMs).toBeGreaterThan(0)
  })

  it('CTEs, derived tables, subqueries and unions', async () => {
    const cte = await s.plan(`with big as (select customer_id, count(*) n from orders group by customer_id)
      select c.name, big.n from customers c join big on big.customer_id = c.id where c.id < 50`, true)
    const cteNodes = allNodes(cte)
    expect(cteNodes.some((n) => n.kind === 'materialize' || n.kind === 'subquery')).toBe(true)
    expect(cteNodes.filter((n) => n.operation.startsWith('Query block')).length).toBeGreaterThan(1)
    const sub = await s.plan(`select c.id, (select max(amount) from orders o where o.customer_id = c.id) top from customers c
      where c.id in (select customer_id from orders where amount > 990) union all select 0, 0`, true)
    const subNodes = allNodes(sub)
    expect(subNodes.some((n) => n.kind === 'set-op')).toBe(true)
    expect(subNodes.filter((n) => n.relation === 'o' || n.relation === 'orders').length).toBeGreaterThanOrEqual(2)
  })

  it('compares before/after an index', async () => {
    const sql = 'select * from orders where customer_id = 7'
    const before = await s.plan(sql, true)
    await admin.query(`create index orders_customer on ${db}.orders (customer_id)`)
    const after = await s.plan(sql, true)
    const c = comparePlans(before, after)
    const pair = c.nodes.find((m) => m.before?.relation === 'orders')!
    expect(pair.before).toMatchObject({ kind: 'scan', operation: 'ALL orders' })
    expect(pair.before!.actualRows).toBeCloseTo(10)
    expect(pair.after).toMatchObject({ kind: 'index-scan', index: 'orders_customer', actualRows: 10 })
    expect(c.before.timeMs!).toBeGreaterThan(c.after.timeMs!)
  })

  it('flags the misestimate of a table whose persistent statistics are stale', async () => {
    await admin.query(`
      create table ${db}.skew (id int primary key, v int);
      insert into ${db}.skew select seq, seq from seq_1_to_1000;
      analyze table ${db}.skew persistent for all;
      insert into ${db}.skew select seq, 5 from seq_1001_to_51000;
    `)
    const plan = await s.plan('select * from skew where v = 5', true)
    const [worst] = misestimates(plan)
    expect(worst).toMatchObject({ relation: 'skew', direction: 'under', actualRows: 50_001 })
    expect(worst!.factor).toBeGreaterThan(1000)
  })
})
