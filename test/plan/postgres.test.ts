import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { comparePlans, flattenPlan, hotSpots, misestimates, Plan } from '../../src/shared/plan'
import { paramsFromUrl, uniqueName } from '../conformance/engines'
import { allNodes, planSession } from './session'

const url = process.env.PG_URL

describe.skipIf(!url)('plans from PostgreSQL', () => {
  const schema = uniqueName('plan')
  let admin: pg.Client
  let s: Awaited<ReturnType<typeof planSession>>

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`
      create schema ${schema};
      set search_path = ${schema};
      create table customers (id int primary key, name text not null);
      create table orders (id int primary key, customer_id int not null, amount numeric not null);
      insert into customers select i, 'c' || i from generate_series(1, 2000) i;
      insert into orders select i, 1 + i % 2000, i % 1000 from generate_series(1, 20000) i;
      create table big (id int, v int);
      insert into big select i, i % 7 from generate_series(1, 200000) i;
      analyze customers; analyze orders; analyze big;
      create table stale (id int, v int) with (autovacuum_enabled = false);
      insert into stale select i, i from generate_series(1, 10) i;
      analyze stale;
      insert into stale select i, 42 from generate_series(11, 100000) i;
    `)
    s = await planSession('postgres', paramsFromUrl(url!, { defaultSchema: schema }))
  })

  afterAll(async () => {
    await s?.session.close()
    await admin?.query(`drop schema ${schema} cascade`).catch(() => undefined)
    await admin?.end()
  })

  const join = `select c.name, sum(o.amount) as total from customers c join orders o on o.customer_id = c.id
    where o.amount > 10 group by c.name order by total desc limit 10`

  it('a join, aggregate, sort and limit: kinds, relations, estimates (EXPLAIN)', async () => {
    const plan = await s.plan(join)
    expect(Plan.parse(plan)).toBeTruthy()
    expect(plan).toMatchObject({ engine: 'postgres', analyzed: false, rawFormat: 'json' })
    const nodes = allNodes(plan)
    const kinds = new Set(nodes.map((n) => n.kind))
    for (const k of ['limit', 'sort', 'aggregate', 'join', 'scan']) expect(kinds, k).toContain(k)
    expect(nodes.map((n) => n.relation).filter(Boolean)).toEqual(expect.arrayContaining([`${schema}.customers`, `${schema}.orders`]))
    expect(nodes.every((n) => n.estimatedRows !== undefined && n.totalCost !== undefined)).toBe(true)
    expect(nodes.some((n) => n.actualRows !== undefined)).toBe(false)
    const scan = nodes.find((n) => n.relation === `${schema}.orders`)!
    expect(scan.conditions).toEqual([{ label: 'Filter', text: expect.stringMatching(/o\.amount > /) }])
    expect(hotSpots(plan)[0]!.measure).toBe('cost')
    expect(flattenPlan(plan)).toHaveLength(nodes.length)
  })

  it('the same with ANALYZE: actual rows, loops, times, buffers, planning and execution time', async () => {
    const plan = await s.plan(join, true)
    expect(plan.analyzed).toBe(true)
    expect(plan.planningMs).toBeGreaterThan(0)
    expect(plan.executionMs).toBeGreaterThan(0)
    const nodes = allNodes(plan)
    expect(plan.root).toMatchObject({ kind: 'limit', actualRows: 10, loops: 1 })
    const orders = nodes.find((n) => n.relation === `${schema}.orders`)!
    expect(orders.actualRows).toBeGreaterThan(15_000)
    expect(orders.buffers?.sharedHit ?? 0 + (orders.buffers?.sharedRead ?? 0)).toBeGreaterThan(0)
    expect(nodes.every((n) => n.timeMs !== undefined)).toBe(true)
    const spots = hotSpots(plan)
    expect(spots[0]!.measure).toBe('time')
    expect(spots.reduce((sum, h) => sum + h.share, 0)).toBeLessThanOrEqual(1.0001)
  })

  it('analyze leaves no transaction behind, also when the statement fails', async () => {
    await s.plan('select count(*) from orders', true)
    expect(await s.session.transactionState!()).toBe('none')
    await expect(s.plan('select 1 / (id - id) from orders', true)).rejects.toMatchObject({ code: 'SQL_ERROR' })
    expect(await s.session.transactionState!()).toBe('none')
    expect((await s.plan('select 1', true)).analyzed).toBe(true)
  })

  it('an index scan names its index and condition', async () => {
    const plan = await s.plan('select * from orders where id = 5')
    expect(plan.root).toMatchObject({ kind: 'index-scan', operation: 'Index Scan', index: 'orders_pkey', relation: `${schema}.orders` })
    expect(plan.root.conditions[0]).toMatchObject({ label: 'Index Cond' })
  })

  it('CTEs and subqueries', async () => {
    const cte = await s.plan('with recent as materialized (select * from orders where id > 19000) select count(*) from recent r join customers c on c.id = r.customer_id', true)
    const cteScan = allNodes(cte).find((n) => n.kind === 'cte')!
    expect(cteScan).toMatchObject({ operation: 'CTE Scan', relation: 'recent', actualRows: 1000 })
    const sub = await s.plan(`select c.id, (select max(amount) from orders o where o.customer_id = c.id) as top from customers c
      where exists (select 1 from orders o2 where o2.customer_id = c.id and o2.amount > 990) order by 2 desc`, true)
    const subNodes = allNodes(sub)
    expect(subNodes.some((n) => n.details.some((d) => d.label === 'Subplan Name' && /SubPlan/.test(d.text)))).toBe(true)
    // the correlated subplan runs once per outer row: loops carry that
    expect(Math.max(...subNodes.map((n) => n.loops ?? 0))).toBeGreaterThan(1)
  })

  it('parallel workers: Gather over a Parallel Seq Scan, times as wall clock, settings listed', async () => {
    for (const set of ['max_parallel_workers_per_gather = 2', 'parallel_setup_cost = 0', 'parallel_tuple_cost = 0', 'min_parallel_table_scan_size = 0']) {
      await s.session.query(`set ${set}`)
    }
    try {
      const plan = await s.plan('select v, count(*) from big group by v', true)
      const nodes = allNodes(plan)
      const gather = nodes.find((n) => n.kind === 'gather')!
      expect(gather.operation).toMatch(/^Gather/)
      const scan = nodes.find((n) => n.operation === 'Parallel Seq Scan')!
      expect(scan).toMatchObject({ kind: 'scan', relation: `${schema}.big` })
      const launched = Number(gather.details.find((d) => d.label === 'Workers Launched')?.text ?? 0)
      expect(scan.loops).toBe(launched + 1)
      if (launched > 0) expect(scan.details.find((d) => d.label === 'Workers')?.text).toMatch(/^#0: \d+ rows in [\d.]+ ms/)
      // per-process averages divided back to wall-clock: the scan cannot take longer than the Gather above it
      expect(scan.timeMs!).toBeLessThanOrEqual(gather.timeMs! * 1.05)
      expect(scan.actualRows! * scan.loops!).toBeGreaterThan(190_000)
      expect(plan.settings.map((x) => x.label)).toEqual(expect.arrayContaining(['parallel_setup_cost', 'parallel_tuple_cost', 'min_parallel_table_scan_size']))
    } finally {
      await s.session.query('reset all')
    }
  })

  it('flags the misestimate of a table whose statistics are stale', async () => {
    const plan = await s.plan('select * from stale where v = 42', true)
    const [worst] = misestimates(plan)
    expect(worst).toMatchObject({ relation: `${schema}.stale`, direction: 'under' })
    expect(worst!.factor).toBeGreaterThan(100)
    expect(worst!.actualRows).toBe(99_990)
  })

  it('compares the plan before and after an index', async () => {
    const sql = 'select * from orders where customer_id = 7'
    const before = await s.plan(sql, true)
    await admin.query(`create index orders_customer on ${schema}.orders (customer_id)`)
    try {
      s.session.forgetAnalysisContext()
      const after = await s.plan(sql, true)
      const c = comparePlans(before, after)
      expect(c.before.totalCost!).toBeGreaterThan(c.after.totalCost!)
      expect(c.before.rows).toBe(10)
      expect(c.after.rows).toBe(10)
      const pair = c.nodes.find((m) => m.before?.relation === `${schema}.orders`)!
      expect(pair.before!.kind).toBe('scan')
      expect(pair.after!.kind).toBe('index-scan')
      // a Bitmap Heap Scan names the table; its Bitmap Index Scan child names the index
      expect(allNodes(after).some((n) => n.index === 'orders_customer')).toBe(true)
    } finally {
      await admin.query(`drop index ${schema}.orders_customer`)
    }
  })
})
