import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { engineFor } from '../../engines'
import { QueryHarness } from '../testing/query-harness'
import { exporter } from './testing/exporter'

/** Every type the DuckDB CSV path reads itself, its edge values (NULLs, beyond 2^53, infinities, BC, quotes), and the rest through cells. */
const ROWS = 6000
const TYPES_SQL = `select g,
  (g % 200 - 100)::tinyint as i1, (g * 37 % 60000 - 30000)::smallint as i2,
  case when g % 7 = 0 then null else (g * 2654435761 % 4294967296 - 2147483648)::integer end as i4,
  (g % 256)::utinyint as u1, (g * 7 % 65536)::usmallint as u2, (g * 2654435761 % 4294967296)::uinteger as u4,
  (case g % 6 when 0 then 9007199254740993 when 1 then -9223372036854775808 when 2 then 9223372036854775807 when 3 then null
    when 4 then -9007199254740991 else g * -1000003 end)::bigint as i8,
  (g * 1000003)::ubigint as u8,
  case g % 3 when 0 then 170141183460469231731687303715884105727::hugeint else g::hugeint - 5 end as h,
  case g % 10 when 0 then 'nan'::double when 1 then 'inf'::double when 2 then '-inf'::double when 3 then -0.0::double when 4 then 1e21
    when 5 then 1.0 / 3 when 6 then 9007199254740993.0 when 7 then null when 8 then 123456789.0 else g * -1.25e-7 end as f8,
  (g * 0.1)::float as f4,
  cast(((g % 19999) - 9999) * 0.01 as decimal(4, 2)) as d16,
  cast(((g * 12345) % 999999999 - 499999999) * 0.001 as decimal(9, 3)) as d32,
  case g % 3 when 0 then cast(((g * 1234567891) % 999999999999999999 - 499999999999999999) * 0.000001 as decimal(18, 6))
    when 1 then cast((g - 3000) * 0.000001 as decimal(18, 6)) end as d64,
  case g % 4 when 0 then cast('-1234567890123456789012345678.0123456789' as decimal(38, 10)) when 1 then cast((g - 3000) * 0.0000000001 as decimal(38, 10))
    when 2 then cast(-0.5 as decimal(38, 10)) end as d128,
  case g % 2 when 0 then cast(g - 3000 as decimal(30, 0)) else cast('-900719925474099312345' as decimal(30, 0)) end as d128s0,
  (g * 3 % 1000 - 500)::decimal(21, 1) / 10 as d21,
  case g % 11 when 0 then 'infinity'::date when 1 then '-infinity'::date when 2 then date '0001-01-01' - 100 when 3 then date '9999-12-31'
    when 4 then date '0005-06-07' when 5 then null else date '1970-01-01' + (g * 37 % 100000 - 50000)::int end as dt,
  case g % 13 when 0 then 'infinity'::timestamp when 1 then '-infinity'::timestamp when 2 then timestamp '1500-01-01 00:00:00.5'
    when 3 then timestamp '1969-12-31 23:59:59.999999' when 4 then timestamp '2300-06-01 01:02:03' when 5 then null
    when 6 then timestamp '0005-01-01 00:00:00' else timestamp '2020-01-01' + g * interval 1234567 microsecond end as ts,
  timestamptz '2020-01-01 00:00:00+00' + g * interval 1 hour as tstz,
  time '01:02:03' + g * interval 1 second as tm, g * interval 1 minute as iv,
  uuid '00000000-0000-0000-0000-000000000000' as u, case g % 2 when 0 then '\\x00\\xFFa"b'::blob end as bl,
  case g % 3 when 0 then [1, null, g] when 1 then [] end as li, {'a': g, 'b': 'x, "y"'} as st, map {'k': g} as mp,
  '{"a": "b,c"}'::json as j,
  case g % 3 when 0 then true when 1 then false end as b,
  case g % 17 when 0 then '' when 1 then 'a,b' when 2 then 'q"uote' when 3 then 'line' || chr(10) || 'break' when 4 then 'cr' || chr(13) || 'here' when 5 then 'tab' || chr(9) || 'here'
    when 6 then 'ünïcödé' when 7 then chr(65279) || 'bom' when 8 then 'this is a long string over twelve' when 9 then 'long "quoted", text here'
    when 10 then 'long ünïcödé text, with a comma' when 11 then 'exactly12chr' when 12 then 'null' when 13 then null when 14 then 'long' || chr(13) || chr(10) || 'line breaks in it'
    when 15 then '😀' else 'name ' || g end as v,
  md5(g::varchar) as hash, repeat('a"b,', g % 9) as rep, case when g % 5 = 0 then null when g % 5 = 1 then md5(g::varchar) || 'ü' else repeat('x', g % 40) end as mixed
  from range(0, ${ROWS}) t(g) order by g`

describe('DuckDB CSV/TSV export: its own writer, the same bytes as the generic writer', () => {
  let h: QueryHarness
  let rw: string
  let ro: string
  let copy: ReturnType<typeof exporter>
  let generic: ReturnType<typeof exporter>
  beforeAll(async () => {
    h = new QueryHarness()
    ;(await DuckDBInstance.create(join(h.dir, 'csv.duckdb'))).closeSync()
    rw = h.connection({ dialect: 'duckdb', filePath: join(h.dir, 'csv.duckdb'), readOnly: false })
    ro = h.connection({ dialect: 'duckdb', filePath: join(h.dir, 'csv.duckdb'), readOnly: true })
    copy = exporter(h, true, 'copy')
    generic = exporter(h, false, 'generic')
  })
  afterAll(() => h.close())

  const file = async (e: ReturnType<typeof exporter>, connectionId: string, sql: string, format: 'csv' | 'tsv'): Promise<Buffer> => {
    const { exportId } = await e.exports.start({ source: { kind: 'query', connectionId, sql }, format, fileName: 'x', header: true })
    const last = await e.wait(exportId)
    expect(last.state, JSON.stringify(last.error)).toBe('done')
    return readFileSync(last.path)
  }

  for (const format of ['csv', 'tsv'] as const) {
    for (const readOnly of [false, true]) {
      it(`${format}, ${readOnly ? 'read-only' : 'read-write'}: every type byte for byte`, async () => {
        const connection = readOnly ? ro : rw
        const spy = vi.spyOn(engineFor('duckdb'), 'copyOut')
        const ours = await file(copy, connection, TYPES_SQL, format)
        expect(spy).toHaveBeenCalledTimes(1)
        expect(await spy.mock.results[0]!.value).toBe(ROWS)
        spy.mockRestore()
        const before = await file(generic, connection, TYPES_SQL, format)
        expect(ours.length).toBeGreaterThan(1 << 20)
        expect(ours.equals(before)).toBe(true)
      })
    }
  }

  it('writes the cells as the grid shows them (a pinned sample)', async () => {
    const sql = `select 1::bigint as id, 'a,"b"' as t, null as n, cast(-0.05 as decimal(5, 2)) as d, date '2020-02-29' as day,
      timestamp '2020-01-02 03:04:05.678' as ts, true as ok, 1.5::double as f, 9007199254740993::bigint as big, 'x' || chr(10) || 'y' as nl
      union all select 2, '', null, 12, '-infinity', null, false, -0.0, null, 'plain'`
    const text = (await file(copy, rw, sql, 'csv')).toString('utf8')
    expect(text).toBe(
      'id,t,n,d,day,ts,ok,f,big,nl\r\n1,"a,""b""",,-0.05,2020-02-29,2020-01-02 03:04:05.678,true,1.5,9007199254740993,"x\ny"\r\n2,,,12.00,-infinity,,false,0,,plain\r\n'
    )
    expect(text).toBe((await file(generic, rw, sql, 'csv')).toString('utf8'))
  })

  it('Cancel stops it and leaves no file', async () => {
    const { exportId, path } = await copy.exports.start({ source: { kind: 'query', connectionId: ro, sql: 'select g, md5(g::varchar) as h from range(0, 50000000) t(g)' }, format: 'csv', fileName: 'big', header: true })
    await new Promise((r) => setTimeout(r, 300))
    await copy.exports.cancel(exportId)
    const last = await copy.wait(exportId)
    expect(last.state).toBe('cancelled')
    expect(existsSync(path)).toBe(false)
    // the session is usable afterwards
    expect((await file(copy, ro, 'select 42 as x', 'csv')).toString()).toBe('x\r\n42\r\n')
  })

  it('no result set, an empty one, and a script: as the generic path', async () => {
    const empty = await file(copy, rw, 'select 1 as a, 2 as b where false', 'csv')
    expect(empty.toString()).toBe('a,b\r\n')
    const { exportId } = await copy.exports.start({ source: { kind: 'query', connectionId: rw, sql: 'select 1 as a, 2 as b; select 3 as c' }, format: 'csv', fileName: 'y', header: true })
    const last = await copy.wait(exportId)
    expect(last.state).toBe('done')
    expect(readFileSync(last.path, 'utf8')).toBe('a,b\r\n1,2\r\n')
  })
})
