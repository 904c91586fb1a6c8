import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QueryHarness } from '../../src/main/services/query/testing/query-harness'
import { runResults, showValues, type ValueCase } from './values-harness'

/**
 * SQL → what the grid shows: the text the duckdb CLI prints, except numbers that fit a double and booleans (typed,
 * so they sort: `1.0` shows as 1) and BLOBs (`\x` hex, as for every engine). TIMESTAMPTZ shows in UTC (`+00`).
 */
const cases: ValueCase[] = [
  ['INTERVAL', "interval '1 day 2 hours'", '1 day 02:00:00', 'other'],
  ['INTERVAL, every part', "interval '1 year 2 months 3 days 04:05:06.7'", '1 year 2 months 3 days 04:05:06.7'],
  ['INTERVAL, negative', "interval '-1 year 2 months 3 days 04:05:06.789'", '-10 months 3 days 04:05:06.789'],
  ['INTERVAL, negative time', "interval '-3 hours'", '-03:00:00'],
  ['INTERVAL, zero', "interval '0 seconds'", '00:00:00'],
  ['LIST with NULL', '[1, 2, NULL]', '[1, 2, NULL]', 'array'],
  ['nested LIST', '[[1, 2], [3]]', '[[1, 2], [3]]'],
  ['empty LIST', '[]::INT[]', '[]'],
  ['LIST of text, quoted only when needed', "['a', 'b c', '', 'NULL', 'x,y', ' lead', 'it''s', 'back\\slash']", "[a, b c, '', 'NULL', 'x,y', ' lead', 'it\\'s', back\\slash]"],
  ['LIST of timestamps', "[TIMESTAMP '2024-01-02 03:04:05']", "['2024-01-02 03:04:05']"],
  ['LIST of doubles', '[1.5::DOUBLE, 1e300, 1.0::DOUBLE, 1e20::DOUBLE, 1e-7::DOUBLE]', '[1.5, 1e+300, 1.0, 1e+20, 1e-07]'],
  ['LIST of decimals', '[1.5::DECIMAL(4,2)]', '[1.50]'],
  ['LIST of booleans', '[true, false]', '[true, false]'],
  ['ARRAY', '[1, 2, 3]::INT[3]', '[1, 2, 3]', 'array'],
  ['STRUCT', "{'a': 1, 'b': 'x'}", "{'a': 1, 'b': x}", 'other'],
  ['nested STRUCT', "{'a': [1, 2], 'b': {'c': NULL}}", "{'a': [1, 2], 'b': {'c': NULL}}"],
  ['STRUCT key with a quote', "{'it''s': 1}", "{'it\\'s': 1}"],
  ['MAP', "MAP {'k': 1, 'z': 2}", '{k=1, z=2}', 'other'],
  ['MAP with text values', "MAP {1: 'a b', 2: NULL}", '{1=a b, 2=NULL}'],
  ['MAP quoting', "MAP {'a=b': 'c:d'}", "{'a=b'='c:d'}"],
  ['HUGEINT', '170141183460469231731687303715884105727::HUGEINT', '170141183460469231731687303715884105727', 'bigint'],
  ['UBIGINT', '18446744073709551615::UBIGINT', '18446744073709551615', 'bigint'],
  ['DECIMAL keeps scale', '1.50::DECIMAL(10,2)', '1.50', 'decimal'],
  ['DECIMAL exact', '12345678901234567890.123456789::DECIMAL(38,9)', '12345678901234567890.123456789'],
  ['TIMESTAMPTZ', "TIMESTAMPTZ '2024-01-02 03:04:05.123456+02'", '2024-01-02 01:04:05.123456+00', 'datetime'],
  ['TIMESTAMPTZ infinity', "TIMESTAMPTZ 'infinity'", 'infinity'],
  ['TIMESTAMP', "TIMESTAMP '2024-01-02 03:04:05.5'", '2024-01-02 03:04:05.5', 'datetime'],
  ['TIMESTAMP_NS', "TIMESTAMP_NS '2024-01-02 03:04:05.123456789'", '2024-01-02 03:04:05.123456789'],
  ['TIMESTAMP BC', "TIMESTAMP '0044-03-15 (BC) 01:02:03'", '0044-03-15 (BC) 01:02:03'],
  ['DATE', "DATE '2024-02-29'", '2024-02-29', 'date'],
  ['DATE infinity', "DATE 'infinity'", 'infinity'],
  ['DATE -infinity', "DATE '-infinity'", '-infinity'],
  ['DATE BC', "DATE '0044-03-15 (BC)'", '0044-03-15 (BC)'],
  ['TIME', "TIME '12:34:56.789'", '12:34:56.789', 'time'],
  ['TIMETZ', "TIMETZ '12:34:56+05:30'", '12:34:56+05:30'],
  ['UUID', "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID", 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'uuid'],
  ['BIT', "'101'::BIT", '101'],
  ['JSON', `'{"a": 1}'::JSON`, '{"a": 1}', 'json'],
  ['UNION', 'union_value(num := 2)', '2'],
  ['DOUBLE (typed)', '1.5::DOUBLE', '1.5', 'number'],
  ['FLOAT (typed, shortest)', '0.1::FLOAT', '0.1', 'number'],
  ['BOOLEAN (typed)', 'true', 'true', 'boolean'],
  ['BLOB (hex)', "'\\x00\\xFFab'::BLOB", '\\x00ff6162', 'binary'],
  ['NULL', 'NULL', 'NULL']
]

/** Cells that are not the CLI's text on purpose (see above). */
const typed = new Set(['DOUBLE (typed)', 'FLOAT (typed, shortest)', 'BOOLEAN (typed)', 'BLOB (hex)', 'NULL'])

describe('DuckDB values as the duckdb CLI prints them', () => {
  let h: QueryHarness
  let conn: string
  let values: Map<string, [string, string]>
  beforeAll(async () => {
    h = new QueryHarness({ batchSize: 2 })
    const file = join(h.dir, 'values.duckdb')
    const db = await DuckDBInstance.create(file)
    db.closeSync()
    conn = h.connection({ dialect: 'duckdb', filePath: file })
    values = await showValues(h, conn, cases, { prelude: "set TimeZone = 'UTC';\n", tabId: 'values' })
  })
  afterAll(() => h.close())

  it.each(cases)('%s: %s shows as the CLI prints it', (label, _sql, text, kind) => {
    expect(values.get(label)![0]).toBe(text)
    if (kind) expect(values.get(label)![1]).toBe(kind)
  })

  it("every text cell is DuckDB's own cast of the value to VARCHAR (what its CLI prints)", async () => {
    const textCases = cases.filter(([label]) => !typed.has(label))
    const asText = await showValues(h, conn, textCases.map(([label, sql]) => [label, `cast((${sql}) as varchar)`, ''] as const), { prelude: "set TimeZone = 'UTC';\n", tabId: 'values' })
    expect(Object.fromEntries(textCases.map(([label]) => [label, values.get(label)![0]]))).toEqual(Object.fromEntries(textCases.map(([label]) => [label, asText.get(label)![0]])))
  })

  it('sorts HUGEINT and DECIMAL kept as text by value', async () => {
    const [{ summary }] = await runResults(h, conn, 'select * from (values (10::HUGEINT), (9), (100), (-1)) v(n)')
    const sorted = await h.queries.rows({ resultId: summary.resultId, offset: 0, limit: 10, sort: [{ column: 0, direction: 'desc' }] })
    expect(sorted.rows.map((r) => r[0])).toEqual(['100', '10', '9', '-1'])
  })

  it('names no source table (the DuckDB client API does not say where a column comes from)', async () => {
    const results = await runResults(h, conn, 'create table people (id int, name varchar); insert into people values (1, \'ann\'); select id, name from people')
    expect(results.at(-1)!.summary.source).toBeUndefined()
    expect(results.at(-1)!.summary.columns.map((c) => c.sourceColumn)).toEqual([undefined, undefined])
  })
})
