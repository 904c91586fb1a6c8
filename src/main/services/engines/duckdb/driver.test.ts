import { DuckDBInstance } from '@duckdb/node-api'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../../../shared/errors'
import { planWith } from '../../plan/plan-service'
import { CollectingSink } from '../../drivers/collect-sink'
import type { DriverSession } from '../../drivers/types'
import { getDriver } from '../../engines'

const dir = mkdtempSync(join(tmpdir(), 'qg-duckdb-'))
const file = join(dir, 'db.duckdb')
const csv = join(dir, 'sales 2024.csv')

beforeAll(async () => {
  const db = await DuckDBInstance.create(file)
  const c = await db.connect()
  await c.run(`create table t (id integer primary key, big bigint not null, amount decimal(10,2), label varchar, data blob, flag boolean, made timestamp);
    insert into t values (1, 9007199254740993, 12.50, 'a', '\\x00\\xFF\\x10'::blob, true, '2024-01-02 03:04:05');
    insert into t values (2, -5, null, null, null, false, null);`)
  c.closeSync()
  db.closeSync()
  writeFileSync(csv, 'region,amount\nnorth,10\nsouth,20\n')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const connect = (readOnly: boolean, filePath = file): Promise<DriverSession> => getDriver('duckdb').connect({ dialect: 'duckdb', filePath, readOnly, connectTimeoutMs: 2000 })
const failure = (p: Promise<unknown>): Promise<AppError> => p.then(() => expect.fail('expected a failure'), (e: unknown) => e as AppError)

describe('duckdb driver', () => {
  it('streams rows with column metadata and normalised cells', async () => {
    const s = await connect(false)
    const sink = new CollectingSink()
    await s.execute('select id, big, amount, label, data, flag, made, 1 + 1 as two from t order by id', sink)
    const [r] = sink.results
    expect(r!.columns.map((c) => [c.name, c.dbType, c.kind])).toEqual([
      ['id', 'INTEGER', 'number'],
      ['big', 'BIGINT', 'bigint'],
      ['amount', 'DECIMAL(10,2)', 'decimal'],
      ['label', 'VARCHAR', 'text'],
      ['data', 'BLOB', 'binary'],
      ['flag', 'BOOLEAN', 'boolean'],
      ['made', 'TIMESTAMP', 'datetime'],
      ['two', 'INTEGER', 'number']
    ])
    expect(r!.rows).toEqual([
      [1, '9007199254740993', '12.50', 'a', '\\x00ff10', true, '2024-01-02 03:04:05', 2],
      [2, '-5', null, null, null, false, null, 2]
    ])
    expect(await s.serverVersion()).toMatch(/^DuckDB \d+\.\d+/)
    await s.close()
    expect(s.closed).toBe(true)
  })

  it('normalises nested, temporal and exotic values', async () => {
    const s = await connect(false)
    const sink = new CollectingSink()
    await s.execute(
      `select [1, 2, null] as l, {'a': 1, 'b': [true]} as st, map {'k': 2.5} as m, 170141183460469231731687303715884105727::hugeint as h,
        interval '1 year 2 months 3 days 04:05:06.7' as iv, time '03:04:05.25' as tm, timestamptz '2024-01-02 03:04:05+02' as tz,
        'infinity'::date as inf, 0.1::float as f, 'nan'::double as nan, '{"x": [1]}'::json as j, [1.5::decimal(4,2)] as dl,
        'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid as u`,
      sink
    )
    const [r] = sink.results
    expect(Object.fromEntries(r!.columns.map((c, i) => [c.name, [r!.rows[0]![i], c.kind]]))).toEqual({
      l: ['[1, 2, NULL]', 'array'],
      st: ["{'a': 1, 'b': [true]}", 'other'],
      m: ['{k=2.5}', 'other'],
      h: ['170141183460469231731687303715884105727', 'bigint'],
      iv: ['1 year 2 months 3 days 04:05:06.7', 'other'],
      tm: ['03:04:05.25', 'time'],
      tz: ['2024-01-02 01:04:05+00', 'datetime'],
      inf: ['infinity', 'date'],
      f: [0.1, 'number'],
      nan: ['NaN', 'number'],
      j: ['{"x": [1]}', 'json'],
      dl: ['[1.50]', 'array'],
      u: ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'uuid']
    })
    expect(JSON.parse(JSON.stringify(r!.rows))).toEqual(r!.rows)
    await s.close()
  })

  it('runs a script as several results and streams in batches', async () => {
    const s = await connect(false)
    const sink = new CollectingSink()
    await s.execute('create temp table n as select range as x from range(1200); select count(*) from n; select x from n order by x; update n set x = x where x < 10', sink, { batchSize: 500 })
    expect(sink.results.map((r) => r.command)).toEqual(['CREATE', 'SELECT', 'SELECT', 'UPDATE'])
    expect(sink.results[1]!.rows).toEqual([['1200']])
    expect(sink.results[2]!.rows.length).toBe(1200)
    expect(sink.results[2]!.batches).toBe(3)
    expect(sink.results[3]!.rowsAffected).toBe(10)
    await s.close()
  })

  it('places errors in the submitted text, from the JSON position and from the plain LINE caret', async () => {
    const s = await connect(false)
    const parser = await failure(s.execute('select 1;\nselect * fromm t', new CollectingSink()))
    expect(parser.code).toBe('SQL_ERROR')
    expect(parser.message).toMatch(/^Parser Error: syntax error/)
    expect(parser.detail).toMatchObject({ line: 2, column: 16 })
    await s.execute('set errors_as_json = false', new CollectingSink())
    const binder = await failure(s.execute('select 1;\nselect\n  nope from t', new CollectingSink()))
    expect(binder.message).toMatch(/^Binder Error: Referenced column "nope" not found/)
    expect(binder.detail).toMatchObject({ line: 3, column: 3 })
    await s.close()
  })

  it('cancels a long statement and stays usable', async () => {
    const s = await connect(false)
    const running = failure(s.execute('select count(*) from range(100000000) a, range(100000) b where a.range + b.range = -1', new CollectingSink()))
    await new Promise((r) => setTimeout(r, 200))
    const started = Date.now()
    await s.cancel()
    expect((await running).code).toBe('CANCELLED')
    expect(Date.now() - started).toBeLessThan(2000)
    const sink = new CollectingSink()
    await s.execute('select 42 as x', sink)
    expect(sink.results[0]!.rows).toEqual([[42]])
    await s.close()
  })

  it('read-only first: DuckDB opens the file READ_ONLY and refuses writes and files itself', async () => {
    const ro = await connect(true)
    for (const sql of ['insert into t(id, big) values (3, 3)', 'create table z(a int)', "copy t to '/tmp/qg-never.csv'", 'begin; delete from t; commit']) {
      expect((await failure(ro.execute(sql, new CollectingSink()))).code, sql).toBe('READ_ONLY')
    }
    // the analyser is the first guard; behind it DuckDB refuses what a rule might miss
    expect((await failure(ro.query("insert into t(id, big) values (3, 3)"))).code).toBe('READ_ONLY')
    const sink = new CollectingSink()
    await ro.execute('select count(*) from t', sink)
    expect(sink.results[0]!.rows).toEqual([['2']])
    // a writable session must wait until the read-only instance is gone
    expect((await failure(connect(false))).code).toBe('CONNECTION_REFUSED')
    await ro.close()
    const rw = await connect(false)
    await rw.close()
  })

  it('read-only after writable: shares the instance, guarded by a read-only transaction', async () => {
    const rw = await connect(false)
    const ro = await connect(true)
    expect((await failure(ro.execute('delete from t', new CollectingSink()))).code).toBe('READ_ONLY')
    const sink = new CollectingSink()
    await rw.execute('insert into t (id, big) values (7, 7)', new CollectingSink())
    await ro.execute('select count(*) from t', sink)
    expect(sink.results[0]!.rows).toEqual([['3']])
    await rw.execute('delete from t where id = 7', new CollectingSink())
    // query() is guarded the same way: a read-only transaction of its own, where DuckDB refuses a sequence step
    await rw.execute('create sequence if not exists seq', new CollectingSink())
    expect((await failure(ro.query("select nextval('seq')"))).code).toBe('READ_ONLY')
    expect((await planWith(ro, await ro.analyse('select count(*) from t'), true)).analyzed).toBe(true)
    await rw.execute('drop sequence seq', new CollectingSink())
    await ro.close()
    await rw.close()
  })

  it('opens a CSV file as a view named after it, read-only without access to other files', async () => {
    const ro = await connect(true, csv)
    const sink = new CollectingSink()
    await ro.execute('select region, amount from "sales 2024" order by region', sink)
    expect(sink.results[0]!.rows).toEqual([
      ['north', '10'],
      ['south', '20']
    ])
    expect((await failure(ro.execute("select * from read_text('/etc/hostname')", new CollectingSink()))).code).toBe('READ_ONLY')
    await ro.close()
    expect(readdirSync(dir).sort()).toEqual(['db.duckdb', 'sales 2024.csv'])
  })

  it('read-only catalog queries sent at once (the schema tree does that) all answer', async () => {
    const s = await connect(true)
    try {
      const answers = await Promise.all([s.query('select count(*) from t'), s.query('select 42'), s.serverVersion(), s.query('select label from t order by id')])
      expect(answers[0]).toMatchObject({ rows: [['2']] })
      expect(answers[1]).toMatchObject({ rows: [[42]] })
      expect(answers[3]).toMatchObject({ rows: [['a'], [null]] })
    } finally {
      await s.close()
    }
  })

  it('says clearly when the file does not exist', async () => {
    const err = await failure(connect(true, join(dir, 'missing.duckdb')))
    expect(err.code).toBe('NOT_FOUND')
    expect(err.message).toContain('missing.duckdb')
  })
})
