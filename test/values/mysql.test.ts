import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../../src/main/services/connections/url'
import { QueryHarness } from '../../src/main/services/query/testing/query-harness'
import { runResults, showValues, type ValueCase } from './values-harness'

const MYSQL_URL = process.env.MYSQL_URL

/**
 * SQL → what the grid shows: the text the mysql/mariadb client prints (`-B -N`), except booleans (TINYINT(1), BIT(1))
 * and numbers that fit a double, which stay typed, and BIT(n)/binary, which the client prints as raw bytes.
 */
const cases: ValueCase[] = [
  ['TIME past 24 hours', "time'838:59:59'", '838:59:59', 'time'],
  ['negative TIME with fraction', "time'-25:00:00.5'", '-25:00:00.5'],
  ['TIME column', 'tm', '-100:00:00.0'],
  ['DATETIME(3) keeps trailing zeros', "cast('2024-01-02 03:04:05.100' as datetime(3))", '2024-01-02 03:04:05.100', 'datetime'],
  ['DATETIME(6)', "cast('2024-01-02 03:04:05.123456' as datetime(6))", '2024-01-02 03:04:05.123456'],
  ['DATETIME', "cast('2024-01-02 03:04:05' as datetime)", '2024-01-02 03:04:05'],
  ['TIMESTAMP column', 'ts', '2024-01-02 03:04:05', 'datetime'],
  ['zero DATE', 'd', '0000-00-00', 'date'],
  ['zero DATETIME', 'dt', '0000-00-00 00:00:00'],
  ['zero TIMESTAMP', 'zts', '0000-00-00 00:00:00'],
  ['DATE', "date'2024-02-29'", '2024-02-29'],
  ['DECIMAL exact', '12345678901234567890.123456789', '12345678901234567890.123456789', 'decimal'],
  ['DECIMAL keeps scale', 'cast(1.5 as decimal(10,2))', '1.50'],
  ['DECIMAL column', 'dec1', '0.10'],
  ['decimal arithmetic', '0.1 + 0.2', '0.3'],
  ['BIGINT max', '9223372036854775807', '9223372036854775807', 'bigint'],
  ['BIGINT min', '-9223372036854775808', '-9223372036854775808'],
  ['BIGINT UNSIGNED max', '18446744073709551615', '18446744073709551615'],
  ['SET', 's', 'a,c', 'text'],
  ['ENUM', 'e', 'y', 'text'],
  ['JSON column', 'j', '{"k": [1, 2]}'],
  ['JSON function', "json_object('a', 1, 'b', json_array(1, 2))", '{"a": 1, "b": [1, 2]}'],
  ['JSON array with null', "json_array(1, null, 'x')", '[1, null, "x"]'],
  ['FLOAT', 'f', '0.1', 'number'],
  ['DOUBLE', 'cast(0.1 as double)', '0.1', 'number'],
  ['YEAR', 'y', '2024', 'number'],
  ['INT', '42', '42', 'number'],
  ['BIT(1) (typed)', 'b1', 'true', 'boolean'],
  ['BIT(10) (hex)', 'bt', '\\x000a', 'binary'],
  ['text', "'text'", 'text', 'text'],
  ['NULL', 'null', 'NULL']
]

const table = `qg_values_${process.pid}_${Date.now()}`

describe.skipIf(!MYSQL_URL)('MySQL/MariaDB values as the mysql client prints them', () => {
  let h: QueryHarness
  let conn: string
  let values: Map<string, [string, string]>
  beforeAll(async () => {
    h = new QueryHarness({ batchSize: 2 })
    conn = h.connection({ ...parseConnectionUrl(MYSQL_URL!), dialect: 'mysql', name: 'my values' } as never)
    // zero dates need a lenient sql_mode; the temporary table lives in the tab's session
    const prelude = `set sql_mode = '';
      create temporary table z (tm time(1), ts timestamp null, zts timestamp null, d date, dt datetime, dec1 decimal(10,2), s set('a','b','c'), e enum('x','y'),
        j json, f float, y year, b1 bit(1), bt bit(10));
      insert into z values ('-100:00:00', '2024-01-02 03:04:05', '0000-00-00 00:00:00', '0000-00-00', '0000-00-00 00:00:00', 0.1, 'a,c', 'y', '{"k": [1, 2]}', 0.1, 2024, b'1', b'1010');\n`
    values = await showValues(h, conn, cases, { prelude, tabId: 'values', from: 'from z' })
    await runResults(
      h,
      conn,
      `create table ${table}_people (id int primary key, name varchar(20) not null);
       create table ${table}_pets (id int primary key, owner int, name varchar(20));
       create view ${table}_view as select id, name from ${table}_people;
       insert into ${table}_people values (1, 'ann'), (2, 'bob'), (3, 'cy');
       insert into ${table}_pets values (1, 1, 'rex')`
    )
  })
  afterAll(async () => {
    await runResults(h, conn, `drop view if exists ${table}_view; drop table if exists ${table}_pets; drop table if exists ${table}_people`)
    await h.close()
  })

  it.each(cases)('%s: %s shows as the client prints it', (label, _sql, text, kind) => {
    expect(values.get(label)![0]).toBe(text)
    if (kind) expect(values.get(label)![1]).toBe(kind)
  })

  it('names the source table of a single-table result (the catalog says it is a base table)', async () => {
    const db = parseConnectionUrl(MYSQL_URL!).database
    for (let run = 0; run < 2; run++) {
      // the first run asks the catalog after the rows; the second knows it from the start
      const [r] = await runResults(h, conn, `select id, name as who from ${table}_people p`, 'source-tab')
      expect(r!.summary.source).toEqual({ schema: db, table: `${table}_people` })
      expect(r!.summary.columns.map((c) => c.sourceColumn)).toEqual(['id', 'name'])
      expect(r!.rows).toHaveLength(3)
    }
  })

  it('names no source for joins, self-joins, expressions, views and derived tables', async () => {
    const summary = async (sql: string) => (await runResults(h, conn, sql))[0]!.summary
    const join = await summary(`select p.id, q.name from ${table}_people p join ${table}_pets q on q.owner = p.id`)
    expect(join.source).toBeUndefined()
    expect(join.columns.map((c) => c.sourceColumn)).toEqual(['id', 'name'])
    expect((await summary(`select a.id, b.name from ${table}_people a join ${table}_people b on a.id = b.id`)).source).toBeUndefined()
    const expression = await summary(`select id, id + 1 as next from ${table}_people`)
    expect(expression.source).toBeUndefined()
    expect(expression.columns.map((c) => c.sourceColumn)).toEqual(['id', undefined])
    expect((await summary(`select id, name from ${table}_view`)).source).toBeUndefined()
    expect((await summary(`select x.id from (select id from ${table}_people) x`)).source).toBeUndefined()
    expect((await summary('select 1 as one')).source).toBeUndefined()
  })
})
