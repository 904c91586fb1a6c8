import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QueryHarness } from '../../src/main/services/query/testing/query-harness'
import { runResults, showValues, type ValueCase } from './values-harness'

/**
 * SQL → what the grid shows: the text the sqlite3 shell prints, except numbers that fit a double (typed, so they sort;
 * a REAL shows its shortest exact form, `1e+300` where the shell rounds to 15 digits and writes `1.0e+300`) and
 * BLOBs, shown as `\x` hex where the shell writes raw bytes.
 */
const cases: ValueCase[] = [
  ['INTEGER max', '9223372036854775807', '9223372036854775807', 'number'],
  ['INTEGER min', '-9223372036854775808', '-9223372036854775808'],
  ['INTEGER past 2^53', '9007199254740993', '9007199254740993'],
  ['INTEGER', '42', '42'],
  ['REAL', '1.5', '1.5'],
  ['REAL negative', '-0.5', '-0.5'],
  ['TEXT', "'text'", 'text', 'text'],
  ['NULL', 'null', 'NULL'],
  ['JSON array', 'json_array(1, 2, null)', '[1,2,null]'],
  ['JSON object', "json_object('a', 1)", '{"a":1}'],
  ['date()', "date('2024-02-29')", '2024-02-29'],
  ['datetime()', "datetime('2024-01-02 03:04:05')", '2024-01-02 03:04:05'],
  ['DATETIME column (text)', 'at', '2024-01-02 03:04:05.123', 'datetime'],
  ['DECIMAL column', 'price', '12.5', 'number'],
  ['BOOLEAN column (typed)', 'ok', 'true', 'boolean'],
  ['BLOB', "x'00ff10'", '\\x00ff10', 'binary']
]

describe('SQLite values as the sqlite3 shell prints them', () => {
  let h: QueryHarness
  let conn: string
  let values: Map<string, [string, string]>
  beforeAll(async () => {
    h = new QueryHarness({ batchSize: 2 })
    const file = join(h.dir, 'values.db')
    const db = new Database(file)
    db.exec(`create table v (at datetime, price decimal(10,2), ok boolean);
      insert into v values ('2024-01-02 03:04:05.123', 12.5, 1);
      create table people (id integer primary key, name text not null);
      create table pets (id integer primary key, owner int, name text);
      create view people_view as select id, name from people;
      insert into people values (1, 'ann'), (2, 'bob'), (3, 'cy');
      insert into pets values (1, 1, 'rex')`)
    db.close()
    conn = h.connection({ dialect: 'sqlite', filePath: file })
    values = await showValues(h, conn, cases, { from: 'from v' })
  })
  afterAll(() => h.close())

  it.each(cases)('%s: %s shows as the shell prints it', (label, _sql, text, kind) => {
    expect(values.get(label)![0]).toBe(text)
    if (kind) expect(values.get(label)![1]).toBe(kind)
  })

  it('names the source table of a single-table result, also through a view (SQLite reports the base table)', async () => {
    const [r] = await runResults(h, conn, 'select id, name as who from people')
    expect(r!.summary.source).toEqual({ table: 'people' })
    expect(r!.summary.columns.map((c) => c.sourceColumn)).toEqual(['id', 'name'])
    expect((await runResults(h, conn, 'select id, name from people_view'))[0]!.summary.source).toEqual({ table: 'people' })
    const temp = await runResults(h, conn, 'create temp table scratch (a int); insert into scratch values (1); select a from scratch', 'temp-tab')
    expect(temp.at(-1)!.summary.source).toEqual({ schema: 'temp', table: 'scratch' })
  })

  it('names no source for joins, expressions and constants', async () => {
    const summary = async (sql: string) => (await runResults(h, conn, sql))[0]!.summary
    const joined = await summary('select p.id, q.name from people p join pets q on q.owner = p.id')
    expect(joined.source).toBeUndefined()
    expect(joined.columns.map((c) => c.sourceColumn)).toEqual(['id', 'name'])
    const expression = await summary('select id, id + 1 as next from people')
    expect(expression.source).toBeUndefined()
    expect(expression.columns.map((c) => c.sourceColumn)).toEqual(['id', undefined])
    expect((await summary('select 1 as one')).source).toBeUndefined()
  })
})
