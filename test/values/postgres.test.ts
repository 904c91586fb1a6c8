import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../../src/main/services/connections/url'
import { QueryHarness } from '../../src/main/services/query/testing/query-harness'
import { runResults, showValues, type ValueCase } from './values-harness'

const PG_URL = process.env.PG_URL

/** SQL literal → what the grid shows: the text psql prints (`psql -At`), except booleans, which stay typed. */
const cases: ValueCase[] = [
  ['interval', "interval '1 day 2 hours'", '1 day 02:00:00', 'other'],
  ['interval, negative parts', "interval '-1 year 2 mons 3 days 04:05:06.789'", '-10 mons +3 days 04:05:06.789'],
  ['interval, zero', "interval '0'", '00:00:00'],
  ['interval, months only', "interval '14 months'", '1 year 2 mons'],
  ['int array with NULL', "'{1,2,NULL}'::int[]", '{1,2,NULL}', 'array'],
  ['nested int array', "'{{1,2},{3,NULL}}'::int[]", '{{1,2},{3,NULL}}', 'array'],
  ['empty array', "'{}'::int[]", '{}'],
  ['text array quoting', "array['a b', 'c,d', null, 'NULL', '\"q\"', 'back\\slash', '']", '{"a b","c,d",NULL,"NULL","\\"q\\"","back\\\\slash",""}'],
  ['array with bounds', "'[0:1]={7,8}'::int[]", '[0:1]={7,8}'],
  ['bool array', 'array[true, false, null]', '{t,f,NULL}'],
  ['jsonb array', `array['{"a":1}'::jsonb]`, '{"{\\"a\\": 1}"}'],
  ['int4range', 'int4range(1, 5)', '[1,5)'],
  ['empty range', "'empty'::int4range", 'empty'],
  ['numrange inclusive', "'[1.5,2.5]'::numrange", '[1.5,2.5]'],
  ['unbounded range', "'[3,)'::int8range", '[3,)'],
  ['tstzrange', "tstzrange('2024-01-01', '2024-02-01')", '["2024-01-01 00:00:00+00","2024-02-01 00:00:00+00")'],
  ['daterange', "daterange('2024-01-01', '2024-01-10', '[]')", '[2024-01-01,2024-01-11)'],
  ['int4multirange', "'{[1,3), [5,7)}'::int4multirange", '{[1,3),[5,7)}'],
  ['money', '12.34::money', '$12.34'],
  ['negative money', '(-1234.5)::money', '-$1,234.50'],
  ['bit', "B'1010'", '1010'],
  ['varbit', "'101'::varbit(5)", '101'],
  ['point', 'point(1, 2)', '(1,2)'],
  ['box', "box '((0,0),(1,1))'", '(1,1),(0,0)'],
  ['circle', "circle '<(1,2),3>'", '<(1,2),3>'],
  ['lseg', "lseg '[(0,0),(1,1)]'", '[(0,0),(1,1)]'],
  ['path', "path '((0,0),(1,1),(2,0))'", '((0,0),(1,1),(2,0))'],
  ['polygon', "polygon '((0,0),(1,1),(2,0))'", '((0,0),(1,1),(2,0))'],
  ['line', "line '{1,2,3}'", '{1,2,3}'],
  ['json keeps its text', `'{"b":1,  "a":[1,2]}'::json`, '{"b":1,  "a":[1,2]}', 'json'],
  ['jsonb normalises', `'{"b":1,  "a":[1,2]}'::jsonb`, '{"a": [1, 2], "b": 1}', 'json'],
  ['timestamptz', "timestamptz '2024-01-02 03:04:05.123456+01'", '2024-01-02 02:04:05.123456+00', 'datetime'],
  ['timestamptz whole second', "timestamptz '2024-01-02 03:04:05+00'", '2024-01-02 03:04:05+00'],
  ['timestamp', "timestamp '2024-01-02 03:04:05.5'", '2024-01-02 03:04:05.5', 'datetime'],
  ['timestamp infinity', "timestamp 'infinity'", 'infinity'],
  ['timestamptz -infinity', "timestamptz '-infinity'", '-infinity'],
  ['timestamp BC', "timestamp '0044-03-15 12:00:00 BC'", '0044-03-15 12:00:00 BC'],
  ['date', "date '2024-02-29'", '2024-02-29', 'date'],
  ['date infinity', "date 'infinity'", 'infinity'],
  ['date BC', "date '0044-03-15 BC'", '0044-03-15 BC'],
  ['time', "time '12:34:56.789'", '12:34:56.789', 'time'],
  ['timetz', "timetz '12:34:56+02'", '12:34:56+02'],
  ['numeric exact', '123456789012345678901234567890.123456789::numeric', '123456789012345678901234567890.123456789', 'decimal'],
  ['numeric keeps scale', '1.50::numeric(10,2)', '1.50'],
  ['numeric NaN', "'NaN'::numeric", 'NaN'],
  ['bigint max', '9223372036854775807::bigint', '9223372036854775807', 'bigint'],
  ['bigint min', '(-9223372036854775807 - 1)::bigint', '-9223372036854775808'],
  ['integer', '42', '42', 'number'],
  ['smallint', '(-7)::smallint', '-7', 'number'],
  ['double', '1.5::float8', '1.5', 'number'],
  ['double huge', '1e300::float8', '1e+300'],
  ['double infinity', "'Infinity'::float8", 'Infinity'],
  ['real', '0.1::float4', '0.1', 'number'],
  ['boolean (typed)', 'true', 'true', 'boolean'],
  ['bytea', "'\\xdeadbeef'::bytea", '\\xdeadbeef', 'binary'],
  ['uuid', "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid", 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'uuid'],
  ['inet', "inet '10.0.0.1/8'", '10.0.0.1/8'],
  ['xml', "xmlparse(content '<a>1</a>')", '<a>1</a>'],
  ['tsvector', "to_tsvector('simple', 'a b')", "'a':1 'b':2"],
  ['null', 'null::text', 'NULL']
]

/** Cases whose cell keeps the server's text: it must equal the server's own `::text` of the value. */
const typed = new Set(['integer', 'smallint', 'double', 'double huge', 'real', 'boolean (typed)', 'null'])

describe.skipIf(!PG_URL)('PostgreSQL values as psql prints them', () => {
  let h: QueryHarness
  let conn: string
  let values: Map<string, [string, string]>
  const schema = `qg_values_${process.pid}_${Date.now()}`
  beforeAll(async () => {
    // batches of 2: a result longer than that is described on a side connection while its cursor is open
    h = new QueryHarness({ batchSize: 2 })
    conn = h.connection({ ...parseConnectionUrl(PG_URL!), dialect: 'postgres', name: 'pg values' } as never)
    values = await showValues(h, conn, cases, { prelude: "set time zone 'UTC';\n", tabId: 'values' })
    await runResults(
      h,
      conn,
      `create schema ${schema};
       create table ${schema}.people (id int primary key, name text not null, born date);
       create table ${schema}.pets (id int primary key, owner int references ${schema}.people, name text);
       create view ${schema}.people_view as select id, name from ${schema}.people;
       insert into ${schema}.people values (1, 'ann', '1990-01-01'), (2, 'bob', null), (3, 'cy', null), (4, 'di', null), (5, 'ed', null);
       insert into ${schema}.pets values (1, 1, 'rex')`
    )
  })
  afterAll(async () => {
    await runResults(h, conn, `drop schema if exists ${schema} cascade`)
    await h.close()
  })

  it.each(cases)('%s: %s shows as psql prints it', (label, _sql, text, kind) => {
    expect(values.get(label)![0]).toBe(text)
    if (kind) expect(values.get(label)![1]).toBe(kind)
  })

  it("every text cell is the server's own text output of the value", async () => {
    const textCases = cases.filter(([label]) => !typed.has(label))
    const asText = await showValues(h, conn, textCases.map(([label, sql]) => [label, `(${sql})::text`, ''] as const), { prelude: "set time zone 'UTC';\n", tabId: 'values' })
    expect(Object.fromEntries(textCases.map(([label]) => [label, values.get(label)![0]]))).toEqual(Object.fromEntries(textCases.map(([label]) => [label, asText.get(label)![0]])))
  })

  it('sorts exact numbers kept as text by value, not as text', async () => {
    const [{ summary }] = await runResults(h, conn, "select n from (values (10::numeric), (9.5), (100), (-1), (99999999999999999999.5)) v(n)")
    const sorted = await h.queries.rows({ resultId: summary.resultId, offset: 0, limit: 10, sort: [{ column: 0, direction: 'asc' }] })
    expect(sorted.rows.map((r) => r[0])).toEqual(['-1', '9.5', '10', '100', '99999999999999999999.5'])
    const big = await h.queries.rows({ resultId: summary.resultId, offset: 0, limit: 10, filter: [{ column: 0, op: 'gt', value: '9.9' }] })
    expect(big.total).toBe(3)
  })

  it('names the source table of a single-table result, with each column as the table names it', async () => {
    const [r] = await runResults(h, conn, `select id, name as who from ${schema}.people where id = 1`)
    expect(r!.summary.source).toEqual({ schema, table: 'people' })
    expect(r!.summary.columns.map((c) => c.sourceColumn)).toEqual(['id', 'name'])
    // longer than a batch: described on a side connection while the cursor is open
    const [all] = await runResults(h, conn, `select * from ${schema}.people`)
    expect(all!.rows).toHaveLength(5)
    expect(all!.summary.source).toEqual({ schema, table: 'people' })
    expect(all!.summary.columns.map((c) => c.sourceColumn)).toEqual(['id', 'name', 'born'])
    // through a subquery the columns still come from the table
    const [sub] = await runResults(h, conn, `select x.id from (select id from ${schema}.people) x`)
    expect(sub!.summary.source).toEqual({ schema, table: 'people' })
  })

  it('names no source for joins, expressions, views and constants', async () => {
    const sources = async (sql: string) => (await runResults(h, conn, sql))[0]!.summary
    const join = await sources(`select p.id, q.name from ${schema}.people p join ${schema}.pets q on q.owner = p.id`)
    expect(join.source).toBeUndefined()
    expect(join.columns.map((c) => c.sourceColumn)).toEqual(['id', 'name'])
    const expression = await sources(`select id, id + 1 as next from ${schema}.people`)
    expect(expression.source).toBeUndefined()
    expect(expression.columns.map((c) => c.sourceColumn)).toEqual(['id', undefined])
    expect((await sources(`select id, name from ${schema}.people_view`)).source).toBeUndefined()
    expect((await sources('select 1 as one')).source).toBeUndefined()
  })

  it('a temporary table is named through pg_temp', async () => {
    const results = await runResults(h, conn, 'create temp table scratch (a int); insert into scratch values (1); select a from scratch', 'temp-tab')
    expect(results.at(-1)!.summary.source).toEqual({ schema: 'pg_temp', table: 'scratch' })
  })
})
