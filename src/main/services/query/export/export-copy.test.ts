import { existsSync, readFileSync } from 'node:fs'
import pg from 'pg'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../../connections/url'
import { QueryHarness } from '../testing/query-harness'
import { exporter, type ExportProgress } from './testing/exporter'

const PG_URL = process.env.PG_URL
type Progress = ExportProgress

describe.skipIf(!PG_URL)('CSV export through PostgreSQL COPY', () => {
  let h: QueryHarness
  let conn: string
  let admin: pg.Client
  let copy: ReturnType<typeof exporter>
  let generic: ReturnType<typeof exporter>
  // other runs of this suite share the server
  const table = `qg_export_copy_${Math.random().toString(36).slice(2)}`

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    await admin.query(`create table ${table} (id int, t text, b boolean, ts timestamp, tz timestamptz, n numeric(12, 3), i8 bigint, d date,
      iv interval, arr int[], tarr text[], by bytea, j jsonb, f8 double precision, f4 real, u uuid, vc varchar(10), ch char(3))`)
    await admin.query(`insert into ${table} values
      (1, 'plain', true, '2020-01-02 03:04:05.678', '2020-01-02 03:04:05+02', 12.5, 9007199254740993, '2020-02-29', '1 day 02:03:04', '{1,2,3}', '{a,"b,c","d\\"e",NULL}',
        '\\xdeadbeef', '{"a": [1, "x,y"]}', 1.5, 0.25, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'v', 'ab'),
      (2, 'comma, "quote"', false, null, null, -0.001, -1, null, null, '{}', '{}', '\\x', '[]', -2.75, 3.5, null, '', 'x'),
      (3, E'line\\nbreak and\\r\\nCRLF and a lone\\rCR', null, null, null, null, null, null, null, null, null, null, null, 'NaN', '-Infinity', null, null, null),
      (4, '', true, null, null, 0, 0, null, null, null, null, null, 'null', 0.1, 123456.5, null, ' ', null),
      (5, null, false, null, null, 1e8, null, null, null, null, null, null, '"str"', 123456.789, null, null, null, null),
      (6, E'tab\\there', true, null, null, null, null, null, null, null, null, null, null, null, null, null, E'\\\\.', null)`)
    h = new QueryHarness()
    conn = h.connection({ ...parseConnectionUrl(PG_URL!), dialect: 'postgres', name: 'pg' } as never)
    copy = exporter(h, true, 'copy')
    generic = exporter(h, false, 'generic')
  })
  afterAll(async () => {
    await admin.query(`drop table if exists ${table}`)
    await admin.end()
    await copy.exports.idle()
    await generic.exports.idle()
    await h.close()
  })

  const both = async (sql: string, format: 'csv' | 'tsv' = 'csv', header = true): Promise<{ viaCopy: string; viaCursor: string; last: Progress }> => {
    const a = await copy.exports.start({ source: { kind: 'query', connectionId: conn, sql }, format, fileName: 'copy', header })
    const b = await generic.exports.start({ source: { kind: 'query', connectionId: conn, sql }, format, fileName: 'generic', header })
    const [la, lb] = await Promise.all([copy.wait(a.exportId), generic.wait(b.exportId)])
    expect(la).toMatchObject({ state: 'done' })
    expect(lb).toMatchObject({ state: 'done', rows: la.rows })
    return { viaCopy: readFileSync(a.path, 'utf8'), viaCursor: readFileSync(b.path, 'utf8'), last: la }
  }

  it('writes the same CSV and TSV as the generic writer: nulls, quotes, commas, line breaks, booleans, timestamps, numerics, arrays, bytea, JSON', async () => {
    const sql = `select * from ${table} order by id`
    const csv = await both(sql)
    expect(csv.last.rows).toBe(6)
    expect(csv.viaCopy).toBe(csv.viaCursor)
    const rows = parse(csv.viaCopy, { relax_quotes: false }) as string[][]
    expect(rows[0]).toEqual(['id', 't', 'b', 'ts', 'tz', 'n', 'i8', 'd', 'iv', 'arr', 'tarr', 'by', 'j', 'f8', 'f4', 'u', 'vc', 'ch'])
    expect(rows[1].slice(0, 5)).toEqual(['1', 'plain', 'true', '2020-01-02 03:04:05.678', expect.stringMatching(/^2020-01-02 \d\d:04:05[+-]\d\d/)])
    expect(rows[3][1]).toBe('line\nbreak and\r\nCRLF and a lone\rCR')
    expect(rows[2].slice(1, 3)).toEqual(['comma, "quote"', 'false'])
    // rows end in CRLF, like the generic writer's
    expect(csv.viaCopy.startsWith('id,t,b,')).toBe(true)
    expect(csv.viaCopy.split('\r\n').length).toBeGreaterThan(7)
    const tsv = await both(sql, 'tsv')
    expect(tsv.viaCopy).toBe(tsv.viaCursor)
    const noHeader = await both(`select id, t from ${table} where id < 3 order by id`, 'csv', false)
    expect(noHeader.viaCopy).toBe('1,plain\r\n2,"comma, ""quote"""\r\n')
    expect(noHeader.viaCopy).toBe(noHeader.viaCursor)
  })

  it('the same for an empty result, duplicate column names, a CTE and VALUES', async () => {
    for (const sql of [
      `select id, t from ${table} where false`,
      'select 1 as a, 2 as a, true as a',
      `-- leading comment\nwith x as (select id from ${table}) select count(*) as n from x -- trailing comment`,
      "values (1, 'a'), (2, null);",
      "select 'żółw 😀, ünïcode' as u, E'a\\tb' as tab_in_text",
      "select '10.0.0.1'::inet as ip, '10.0.0.0/8'::cidr as net, row(1, 'a,b') as r, '   '::char(3) as blank, 'x '::char(2) as x, ''::varchar as e, 'x'::name as n, '[1,5)'::int4range as rng, 'a b'::tsvector as tv, ''::tsvector as etv, '{}'::text[] as arr"
    ]) {
      const r = await both(sql)
      expect(r.viaCopy, sql).toBe(r.viaCursor)
    }
  })

  it('documented differences: floats keep PostgreSQL notation (same value); bytea is written whole', async () => {
    const r = await both("select 1e16::float8 as big, 1.5e-5::float8 as small, '-0'::float8 as neg_zero")
    expect(r.viaCopy).toBe('big,small,neg_zero\r\n1e+16,1.5e-05,-0\r\n')
    expect(r.viaCursor).toBe('big,small,neg_zero\r\n10000000000000000,0.000015,0\r\n')
    const bytes = await both('select (select string_agg(md5(g::text), \'\') from generate_series(1, 5000) g)::bytea as b')
    expect(bytes.viaCopy.length).toBe('b\r\n'.length + 2 + 2 * 32 * 5000 + 2)
    expect(bytes.viaCursor.endsWith('…\r\n')).toBe(true)
  })

  it('falls back to the generic path for statements COPY cannot wrap, and reports query errors', async () => {
    const show = await both('show server_version')
    expect(show.viaCopy).toBe(show.viaCursor)
    const a = await copy.exports.start({ source: { kind: 'query', connectionId: conn, sql: 'select 1 / (g - 3) from generate_series(1, 5) g' }, format: 'csv', fileName: 'err', header: true })
    const last = await copy.wait(a.exportId)
    expect(last.state).toBe('error')
    expect(last.error?.message).toMatch(/division by zero/)
    expect(existsSync(a.path)).toBe(false)
  })

  it('refuses a statement that writes (the analyser decides before any COPY)', async () => {
    for (const sql of [`delete from ${table} returning *`, `select 1; delete from ${table}`, `with gone as (delete from ${table} returning id) select * from gone`]) {
      const a = await copy.exports.start({ source: { kind: 'query', connectionId: conn, sql }, format: 'csv', fileName: 'write', header: true })
      const last = await copy.wait(a.exportId)
      expect(last, sql).toMatchObject({ state: 'error', error: { code: 'INVALID_INPUT' } })
      expect(existsSync(a.path)).toBe(false)
    }
    expect((await admin.query(`select count(*)::int as n from ${table}`)).rows[0].n).toBe(6)
  })

  it('cancel mid-COPY stops the server and removes the file', async () => {
    const marker = `qg_copy_cancel_${Math.random().toString(36).slice(2)}`
    const sql = `select g, md5(g::text), '${marker}' from generate_series(1, 50000000) g`
    const a = await copy.exports.start({ source: { kind: 'query', connectionId: conn, sql }, format: 'csv', fileName: 'huge', header: true })
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (copy.events.some((e) => e.exportId === a.exportId && e.rows > 10_000)) {
          clearInterval(t)
          resolve()
        }
      }, 10)
    })
    const started = Date.now()
    await copy.exports.cancel(a.exportId)
    const last = await copy.wait(a.exportId)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(last.state).toBe('cancelled')
    expect(existsSync(a.path)).toBe(false)
    await expect
      .poll(async () => (await admin.query(`select count(*)::int as n from pg_stat_activity where query like $1 and pid <> pg_backend_pid()`, [`%${marker}%`])).rows[0].n, { timeout: 10_000 })
      .toBe(0)
  })

  it('the COPY connection is read-only even when the profile is not', async () => {
    const rw = h.connection({ ...parseConnectionUrl(PG_URL!), dialect: 'postgres', name: 'pg rw', readOnly: false } as never)
    const a = await copy.exports.start({ source: { kind: 'query', connectionId: rw, sql: "select current_setting('transaction_read_only') as ro" }, format: 'csv', fileName: 'ro', header: true })
    expect(await copy.wait(a.exportId)).toMatchObject({ state: 'done', rows: 1 })
    expect(readFileSync(a.path, 'utf8')).toBe('ro\r\non\r\n')
  })
})
