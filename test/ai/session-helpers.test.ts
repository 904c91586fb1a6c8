import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleValuesWith } from '../../src/main/services/ai/session-helpers'
import { planWith } from '../../src/main/services/plan/plan-service'
import { getDriver } from '../../src/main/services/engines'
import type { DriverSession } from '../../src/main/services/drivers/types'
import { exec, paramsFromUrl, uniqueName } from '../conformance/engines'

/** The plan of `sql` after the analyser's verdict, as every plan is taken (plan-service). */
const explainWith = async (session: DriverSession, sql: string, analyze: boolean) => planWith(session, await session.analyse(sql), analyze)

const seed = (t: string) => `create table ${t} (id int primary key, city varchar(40), total numeric(10,2));
  insert into ${t} values (1, 'Lyon', 10.5); insert into ${t} values (2, 'Oslo', 3); insert into ${t} values (3, 'Lyon', 7)`

describe('explain and sample values on PostgreSQL', () => {
  let session: DriverSession
  const schema = uniqueName('ai')
  beforeAll(async () => {
    session = await getDriver('postgres').connect(paramsFromUrl(process.env.PG_URL!))
    await exec(session, `create schema ${schema}; ${seed(`${schema}.orders`)}`)
  })
  afterAll(async () => {
    await exec(session, `drop schema ${schema} cascade`)
    await session.close()
  })

  it('EXPLAIN gives the plan without running; ANALYZE gives actual timings and changes nothing', async () => {
    const plan = await explainWith(session, `select city, sum(total) from ${schema}.orders group by city;`, false)
    expect(plan.raw).toMatch(/"Relation Name": "orders"/)
    expect(plan.root.actualRows).toBeUndefined()
    const analyzed = await explainWith(session, `select * from ${schema}.orders where city = 'Lyon'`, true)
    expect(analyzed.root.actualRows).toBe(2)
    // ANALYZE executes, so a write is refused before the server sees it
    await expect(explainWith(session, `delete from ${schema}.orders`, true)).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' })
    expect((await session.query(`select count(*) from ${schema}.orders`)).rows[0][0]).toBe('3')
  })

  it('EXPLAIN runs one statement, never more: a trailing DELETE is refused and deletes nothing (the review\'s Optimize case)', async () => {
    for (const analyze of [false, true]) {
      const sql = `SELECT * FROM ${schema}.orders WHERE id = 1; DELETE FROM ${schema}.orders WHERE id = 2;`
      await expect(explainWith(session, sql, analyze)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/exactly one statement/) })
    }
    const other = await getDriver('postgres').connect(paramsFromUrl(process.env.PG_URL!))
    try {
      expect((await other.query(`select count(*) from ${schema}.orders`)).rows[0][0]).toBe('3')
    } finally {
      await other.close()
    }
  })

  it('samples distinct values per column', async () => {
    const samples = await sampleValuesWith(session, `${schema}.orders`, ['city', 'total'], 5)
    expect(samples.city.sort()).toEqual(['Lyon', 'Oslo'])
    expect(samples.total).toHaveLength(3)
  })

  it('takes no samples from a view whose reading would run a function that writes, and changes nothing', async () => {
    await exec(session, `create function ${schema}.purge() returns int language sql volatile as $$ delete from ${schema}.orders returning 1 $$;
      create view ${schema}.v_purge as select ${schema}.purge() as n, 'x' as label`)
    const samples = await sampleValuesWith(session, `${schema}.v_purge`, ['n', 'label'], 5)
    expect(samples).toEqual({})
    expect((await session.query(`select count(*) from ${schema}.orders`)).rows[0][0]).toBe('3')
  })
})

describe('explain on SQLite', () => {
  let dir: string
  let session: DriverSession
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qg-ai-sqlite-'))
    new Database(join(dir, 'db.sqlite')).close()
    session = await getDriver('sqlite').connect({ dialect: 'sqlite', filePath: join(dir, 'db.sqlite'), readOnly: false, connectTimeoutMs: 5000 })
    await exec(session, seed('orders'))
  })
  afterAll(async () => {
    await session.close()
    rmSync(dir, { recursive: true, force: true })
  })
  it('uses EXPLAIN QUERY PLAN', async () => {
    expect((await explainWith(session, 'select * from orders where id = 2', false)).raw).toMatch(/SEARCH orders USING (INTEGER PRIMARY KEY|INDEX sqlite_autoindex)/)
    expect(await sampleValuesWith(session, 'orders', ['city'], 5)).toEqual({ city: expect.arrayContaining(['Lyon', 'Oslo']) })
  })
})

describe.skipIf(!process.env.MYSQL_URL)('explain on MySQL/MariaDB', () => {
  let session: DriverSession
  const db = uniqueName('ai')
  beforeAll(async () => {
    session = await getDriver('mysql').connect(paramsFromUrl(process.env.MYSQL_URL!))
    await exec(session, `create database ${db}`)
    await exec(session, seed(`${db}.orders`))
  })
  afterAll(async () => {
    await exec(session, `drop database ${db}`)
    await session.close()
  })
  it('returns a plan mentioning the table', async () => {
    expect((await explainWith(session, `select * from ${db}.orders where city = 'Lyon'`, false)).raw).toMatch(/orders/)
    expect((await sampleValuesWith(session, `${db}.orders`, ['city'], 5)).city.sort()).toEqual(['Lyon', 'Oslo'])
  })
})
if (!process.env.MYSQL_URL) console.log('[ai] MYSQL_URL not set: skipping the MySQL/MariaDB explain test')
