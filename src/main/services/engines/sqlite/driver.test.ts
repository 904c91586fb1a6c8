import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../../../shared/errors'
import { CollectingSink } from '../../drivers/collect-sink'
import { getDriver } from '../../engines'

const dir = mkdtempSync(join(tmpdir(), 'qg-sqlite-'))
const file = join(dir, 'db.sqlite')

beforeAll(() => {
  const db = new Database(file)
  db.exec(`create table t (id integer primary key, big integer not null, amount numeric, label text, data blob, flag boolean, made datetime);
    insert into t values (1, 9007199254740993, 12.5, 'a', x'00ff10', 1, '2024-01-02T03:04:05Z');
    insert into t values (2, -5, null, null, null, 0, null);`)
  db.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const connect = (readOnly: boolean) => getDriver('sqlite').connect({ dialect: 'sqlite', filePath: file, readOnly, connectTimeoutMs: 2000 })

describe('sqlite driver', () => {
  it('streams rows with column metadata and normalised cells', async () => {
    const s = await connect(false)
    const sink = new CollectingSink()
    await s.execute('select id, big, label, data, flag, made, 1+1 as two from t order by id', sink)
    const [r] = sink.results
    expect(r.columns.map((c) => [c.name, c.dbType, c.kind, c.nullable])).toEqual([
      ['id', 'INTEGER', 'number', true],
      ['big', 'INTEGER', 'number', false],
      ['label', 'TEXT', 'text', true],
      ['data', 'BLOB', 'binary', true],
      ['flag', 'boolean', 'boolean', true],
      ['made', 'datetime', 'datetime', true],
      ['two', '', 'number', undefined]
    ])
    expect(r.rows).toEqual([
      [1, '9007199254740993', 'a', '\\x00ff10', true, '2024-01-02T03:04:05Z', 2],
      [2, -5, null, null, false, null, 2]
    ])
    expect(await s.serverVersion()).toMatch(/^SQLite 3\./)
    await s.close()
    expect(s.closed).toBe(true)
  })

  it('runs a script as several results and streams in batches', async () => {
    const s = await connect(false)
    const sink = new CollectingSink()
    await s.execute(
      `create temp table n(x); insert into n with recursive c(i) as (select 1 union all select i+1 from c where i < 1200) select i from c;\nselect count(*) from n; select x from n`,
      sink,
      { batchSize: 500 }
    )
    expect(sink.results.map((r) => r.command)).toEqual(['CREATE', 'INSERT', 'SELECT', 'SELECT'])
    expect(sink.results[1].rowsAffected).toBe(1200)
    expect(sink.results[2].rows).toEqual([[1200]])
    expect(sink.results[3].rows.length).toBe(1200)
    expect(sink.results[3].batches).toBe(3)
    await s.close()
  })

  it('reports a syntax error as SQL_ERROR with its line and column in the submitted text', async () => {
    const s = await connect(false)
    const err = await s.execute('select 1;\nselect * fromm t', new CollectingSink()).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('SQL_ERROR')
    expect((err as AppError).message).toMatch(/syntax error/)
    expect((err as AppError).detail).toMatchObject({ line: 2, column: 10 })
    await s.close()
  })

  it('cancels a long stream between batches', async () => {
    const s = await connect(false)
    let seen = 0
    const sink = new CollectingSink()
    const original = sink.rows.bind(sink)
    sink.rows = (batch) => {
      seen += batch.length
      if (seen >= 1000) void s.cancel()
      original(batch)
    }
    const started = Date.now()
    const err = await s
      .execute('with recursive c(i) as (select 1 union all select i+1 from c) select i from c', sink, { batchSize: 500 })
      .catch((e: unknown) => e)
    expect((err as AppError).code).toBe('CANCELLED')
    expect(Date.now() - started).toBeLessThan(2000)
    await s.close()
  })

  it('read-only open rejects writes and keeps reads working', async () => {
    const s = await connect(true)
    for (const sql of ['insert into t(id, big) values (3, 3)', 'pragma query_only = 0; delete from t', 'create table z(a)']) {
      const err = await s.execute(sql, new CollectingSink()).catch((e: unknown) => e)
      expect((err as AppError).code, sql).toBe('READ_ONLY')
    }
    const sink = new CollectingSink()
    await s.execute('select count(*) from t', sink)
    expect(sink.results[0].rows).toEqual([[2]])
    await s.close()
  })

  it('says clearly when the file does not exist', async () => {
    const err = await getDriver('sqlite')
      .connect({ dialect: 'sqlite', filePath: join(dir, 'missing.db'), readOnly: true, connectTimeoutMs: 1000 })
      .catch((e: unknown) => e)
    expect((err as AppError).code).toBe('NOT_FOUND')
    expect((err as AppError).message).toContain('missing.db')
  })
})
