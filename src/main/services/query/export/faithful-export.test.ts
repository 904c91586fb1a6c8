import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { DuckDBInstance } from '@duckdb/node-api'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Cell, ColumnMeta } from '../../../../shared/cells'
import type { CallInput, EventPayload, ResultSummary } from '../../../../shared/contract'
import { parseConnectionUrl } from '../../connections/url'
import { openLocalStore } from '../../store/local-store'
import { finalResults, QueryHarness } from '../testing/query-harness'
import { jsonCell, parseArray, xlsxCell } from './cell-typing'
import { ExportService } from './export-service'

const PG_URL = process.env.PG_URL
const MYSQL_URL = process.env.MYSQL_URL
type Progress = EventPayload<'export.progress'>

/** The renderer's encoding of a result's source table for `tableName` (grid-range.ts insertTarget). */
const target = (source: ResultSummary['source']): string | undefined => {
  if (!source) return undefined
  const part = (name: string): string => (/[."]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name)
  return source.schema ? `${part(source.schema)}.${part(source.table)}` : part(source.table)
}

async function only(h: QueryHarness, conn: string, sql: string): Promise<ResultSummary> {
  const events = await h.run(conn, sql)
  const error = events.find((e) => e.type === 'error')
  if (error) throw new Error(JSON.stringify(error))
  return finalResults(events)[0]!
}

async function runOk(h: QueryHarness, conn: string, sql: string): Promise<void> {
  const events = await h.run(conn, sql)
  const error = events.find((e) => e.type === 'error')
  if (error) throw new Error(`${sql.slice(0, 200)}: ${JSON.stringify(error)}`)
}

/** Runs an export on the harness's service and waits for its last event. */
async function exported(h: QueryHarness, input: Omit<CallInput<'export.start'>, 'header'> & { header?: boolean }, onRunning?: (p: Progress) => void): Promise<Progress> {
  const { exportId } = await h.exports.start({ header: true, ...input })
  return new Promise((resolve) => {
    const seen = (): void => {
      const mine = h.events.filter((e) => e.name === 'export.progress' && (e.payload as Progress).exportId === exportId).map((e) => e.payload as Progress)
      const last = mine.at(-1)
      if (last && last.state !== 'running') resolve(last)
      else if (last) onRunning?.(last)
    }
    h.on(seen)
    seen()
  })
}

async function allRows(h: QueryHarness, result: ResultSummary): Promise<Cell[][]> {
  return (await h.queries.rows({ resultId: result.resultId, offset: 0, limit: 10_000 })).rows
}

const col = (kind: ColumnMeta['kind'], dbType = ''): ColumnMeta => ({ name: 'c', dbType, kind })

describe('cell typing for export files', () => {
  it('reads PostgreSQL arrays and DuckDB lists, elements typed by the element type', () => {
    expect(parseArray('{1,NULL,3}', 'integer[]')).toEqual([1, null, 3])
    expect(parseArray('{a,"b,c","d\\"e","x\\\\y",NULL,"NULL",""}', 'text[]')).toEqual(['a', 'b,c', 'd"e', 'x\\y', null, 'NULL', ''])
    expect(parseArray('{{1,2},{3,4}}', 'integer[]')).toEqual([[1, 2], [3, 4]])
    expect(parseArray('{9007199254740993,7}', 'bigint[]')).toEqual(['9007199254740993', 7])
    expect(parseArray('{t,f}', 'boolean[]')).toEqual([true, false])
    expect(parseArray('{1.10,2}', 'numeric[]')).toEqual(['1.10', '2'])
    expect(parseArray('{"{\\"a\\": 1}","null",NULL}', 'jsonb[]')).toEqual([{ a: 1 }, null, null])
    expect(parseArray('{}', 'text[]')).toEqual([])
    expect(parseArray('[0:1]={1,2}', 'integer[]')).toBeUndefined()
    expect(parseArray('{(0,0),(1,1);(2,2),(3,3)}', 'box[]')).toBeUndefined()
    expect(parseArray('[1, 2, NULL]', 'INTEGER[]')).toEqual([1, 2, null])
    expect(parseArray("[a, 'b, c', '', NULL, 'NULL', 'it\\'s']", 'VARCHAR[]')).toEqual(['a', 'b, c', '', null, 'NULL', "it's"])
    expect(parseArray('[[1], []]', 'INTEGER[][]')).toEqual([[1], []])
    expect(parseArray("[{'a': 1}]", 'STRUCT(a INTEGER)[]')).toBeUndefined()
    expect(parseArray('[true, false]', 'BOOLEAN[3]')).toEqual([true, false])
  })

  it('JSON: safe integers as numbers, beyond 2^53 and decimals as exact strings, JSON embedded', () => {
    expect(jsonCell('42', col('bigint'))).toBe(42)
    expect(jsonCell('9007199254740993', col('bigint'))).toBe('9007199254740993')
    expect(jsonCell('12.50', col('decimal'))).toBe('12.50')
    expect(jsonCell('NaN', col('number'))).toBe('NaN')
    expect(jsonCell('{"a":[1,{"b":null}]}', col('json'))).toEqual({ a: [1, { b: null }] })
    expect(jsonCell('not json', col('json'))).toBe('not json')
    expect(jsonCell('2020-01-02 03:04:05', col('datetime'))).toBe('2020-01-02 03:04:05')
  })

  it('XLSX: exact numbers as numbers, the rest as text with a reason; dates without a zone shift', () => {
    expect(xlsxCell('42', col('bigint'))).toEqual({ value: 42 })
    expect(xlsxCell('9007199254740993', col('bigint')).keptAsText).toMatch(/2\^53/)
    expect(xlsxCell('123456789012.345', col('decimal'))).toEqual({ value: 123456789012.345 })
    expect(xlsxCell('-0.000', col('decimal'))).toEqual({ value: 0 })
    expect(xlsxCell('1234567890.1234567', col('decimal')).keptAsText).toMatch(/15 significant/)
    expect(xlsxCell('2020-02-29', col('date'))).toEqual({ value: new Date(Date.UTC(2020, 1, 29)), numFmt: 'yyyy-mm-dd' })
    expect(xlsxCell('2020-01-02 03:04:05.678', col('datetime'))).toEqual({ value: new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678)), numFmt: 'yyyy-mm-dd hh:mm:ss.000' })
    expect(xlsxCell('2020-01-02 03:04:05+05:30', col('datetime'))).toEqual({ value: new Date(Date.UTC(2020, 0, 2, 3, 4, 5)), numFmt: 'yyyy-mm-dd hh:mm:ss"+05:30"' })
    expect(xlsxCell('2020-01-02T03:04:05.000Z', col('datetime'))).toEqual({ value: new Date(Date.UTC(2020, 0, 2, 3, 4, 5)), numFmt: 'yyyy-mm-dd hh:mm:ss"Z"' })
    expect(xlsxCell('2020-01-02 03:04:05.120000', col('datetime')).numFmt).toBe('yyyy-mm-dd hh:mm:ss.000')
    for (const text of ['2020-01-02 03:04:05.123456', '0044-03-15 BC', 'infinity', '-infinity', '0000-00-00 00:00:00', '1899-12-31', '2020-02-30', '12345-01-01']) {
      const cell = xlsxCell(text, col('datetime'))
      expect(cell.value, text).toBe(text)
      expect(cell.keptAsText, text).toBeTruthy()
    }
    expect(xlsxCell('12:00:00', col('time'))).toEqual({ value: '12:00:00' })
  })
})

describe.skipIf(!PG_URL)('faithful export from PostgreSQL', () => {
  let h: QueryHarness
  let conn: string
  const table = `qg_faithful_${Math.random().toString(36).slice(2)}`
  let result: ResultSummary
  let rows: Cell[][]

  beforeAll(async () => {
    h = new QueryHarness()
    conn = h.connection({ ...parseConnectionUrl(PG_URL!), dialect: 'postgres', name: 'pg', readOnly: false } as never)
    await runOk(h, conn, `create table ${table} (id int primary key, i8 bigint, n numeric(30, 10), f8 double precision, ok boolean, t text, d date, ts timestamp(6),
      tz timestamptz, arr int[], tarr text[], j jsonb, jarr json, by bytea, iv interval)`)
    await runOk(
      h,
      conn,
      `insert into ${table} values
      (1, 9007199254740993, 12.5, 1.25, true, E'O''Brien, "x"\\nline', '2020-02-29', '2020-01-02 03:04:05.678', '2020-01-02 03:04:05+00', '{1,NULL,3}', '{a,"b,c",NULL}',
        '{"a": [1, "x"], "b": {"c": null}}', '[1, 2]', '\\xdeadbeef', '1 day 02:03:04'),
      (2, 42, 12345678901234567890.0123456789, -0.5, false, '', '0044-03-15 BC', '2020-01-02 03:04:05.123456', 'infinity', '{}', '{"NULL"}', 'null', '"s"', '\\x', null),
      (3, null, null, null, null, null, null, null, null, null, null, null, null, null, null)`
    )
    result = await only(h, conn, `select * from ${table} order by id`)
    rows = await allRows(h, result)
  })
  afterAll(async () => {
    await runOk(h, conn, `drop table if exists ${table}`).catch(() => undefined)
    await h.close()
  })

  it('XLSX reads back with typed cells: numbers, booleans, dates as Excel dates, exact text where needed (with a note)', async () => {
    const last = await exported(h, { source: { kind: 'result', resultId: result.resultId }, format: 'xlsx', fileName: 'typed' })
    expect(last.state).toBe('done')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(last.path)
    const sheet = book.getWorksheet('Result')!
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    const at = (row: number, name: string): ExcelJS.Cell => sheet.getRow(row).getCell(header.indexOf(name) + 1)
    expect(at(2, 'id').value).toBe(1)
    expect(at(2, 'i8').value).toBe('9007199254740993')
    expect(at(2, 'i8').note).toMatch(/2\^53/)
    expect(at(3, 'i8').value).toBe(42)
    expect(at(2, 'n').value).toBe(12.5)
    expect(at(3, 'n').value).toBe('12345678901234567890.0123456789')
    expect(at(2, 'f8').value).toBe(1.25)
    expect(at(2, 'ok').value).toBe(true)
    expect(at(3, 'ok').value).toBe(false)
    expect(at(2, 't').value).toBe('O\'Brien, "x"\nline')
    expect(at(2, 'd').value).toEqual(new Date(Date.UTC(2020, 1, 29)))
    expect(at(2, 'd').numFmt).toBe('yyyy-mm-dd')
    expect(at(3, 'd').value).toBe('0044-03-15 BC')
    expect(at(2, 'ts').value).toEqual(new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678)))
    expect(at(2, 'ts').numFmt).toBe('yyyy-mm-dd hh:mm:ss.000')
    expect(at(3, 'ts').value).toBe('2020-01-02 03:04:05.123456')
    // the wall clock the grid shows, its offset as text in the format
    const tz = rows[0][header.indexOf('tz')] as string
    expect((at(2, 'tz').value as Date).toISOString().slice(0, 19)).toBe(tz.slice(0, 19).replace(' ', 'T'))
    expect(at(2, 'tz').numFmt).toBe(`yyyy-mm-dd hh:mm:ss"${tz.slice(19)}"`)
    expect(at(3, 'tz').value).toBe('infinity')
    expect(at(2, 'arr').value).toBe('{1,NULL,3}')
    expect(at(4, 'n').value).toBeNull()
    expect(sheet.rowCount).toBe(4)
  })

  it('JSON and JSON Lines parse back with numbers, booleans, arrays and objects; big integers and decimals as strings', async () => {
    const json = await exported(h, { source: { kind: 'result', resultId: result.resultId }, format: 'json', fileName: 'typed' })
    const lines = await exported(h, { source: { kind: 'query', connectionId: conn, sql: `select * from ${table} order by id` }, format: 'jsonl', fileName: 'typed' })
    const parsed = JSON.parse(readFileSync(json.path, 'utf8')) as Record<string, unknown>[]
    expect(readFileSync(lines.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual(parsed)
    expect(parsed[0]).toMatchObject({
      id: 1,
      i8: '9007199254740993',
      n: '12.5000000000',
      f8: 1.25,
      ok: true,
      arr: [1, null, 3],
      tarr: ['a', 'b,c', null],
      j: { a: [1, 'x'], b: { c: null } },
      jarr: [1, 2],
      ts: '2020-01-02 03:04:05.678',
      iv: '1 day 02:03:04'
    })
    expect(parsed[1]).toMatchObject({ i8: 42, n: '12345678901234567890.0123456789', f8: -0.5, ok: false, arr: [], tarr: ['NULL'], j: null, jarr: 's' })
    expect(Object.values(parsed[2]).filter((v) => v !== null)).toEqual([3])
  })

  it('SQL export of a one-table result targets that table; replaying it into the emptied table gives the same rows', async () => {
    const fromResult = await exported(h, { source: { kind: 'result', resultId: result.resultId }, format: 'sql', fileName: 'rt', tableName: target(result.source) })
    const fromServer = await exported(h, { source: { kind: 'query', connectionId: conn, sql: `select * from ${table} order by id` }, format: 'sql', fileName: 'rt' })
    const sql = readFileSync(fromResult.path, 'utf8')
    expect(sql.startsWith(`INSERT INTO "public"."${table}" ("id", "i8"`)).toBe(true)
    expect(readFileSync(fromServer.path, 'utf8')).toBe(sql)
    // an aliased column goes back under its table name
    const aliased = await only(h, conn, `select id as key, t as label from ${table} where id = 1`)
    const alias = await exported(h, { source: { kind: 'result', resultId: aliased.resultId }, format: 'sql', fileName: 'alias', tableName: target(aliased.source) })
    expect(readFileSync(alias.path, 'utf8')).toMatch(new RegExp(`^INSERT INTO "public"."${table}" \\("id", "t"\\)`))
    // not one table: the name the user gives, else a plain placeholder
    const joined = await only(h, conn, `select id, id * 2 as id from ${table}`)
    expect(joined.source).toBeUndefined()
    const named = await exported(h, { source: { kind: 'result', resultId: joined.resultId }, format: 'sql', fileName: 'named', tableName: 'audit."Pairs"' })
    expect(readFileSync(named.path, 'utf8')).toMatch(/^INSERT INTO "audit"."Pairs" \("id", "id"\)/)
    const placeholder = await exported(h, { source: { kind: 'result', resultId: joined.resultId }, format: 'sql', fileName: 'placeholder' })
    expect(readFileSync(placeholder.path, 'utf8')).toMatch(/^INSERT INTO "target_table"/)

    await runOk(h, conn, `delete from ${table}`)
    await runOk(h, conn, sql)
    expect(await allRows(h, await only(h, conn, `select * from ${table} order by id`))).toEqual(rows)
  })
})

describe.skipIf(!MYSQL_URL)('SQL export round trip on MySQL/MariaDB', () => {
  let h: QueryHarness
  let conn: string
  const table = `qg_faithful_${Math.random().toString(36).slice(2)}`
  beforeAll(() => {
    h = new QueryHarness()
    conn = h.connection({ ...parseConnectionUrl(MYSQL_URL!), dialect: 'mysql', name: 'mysql', readOnly: false } as never)
  })
  afterAll(async () => {
    await runOk(h, conn, `drop table if exists ${table}`).catch(() => undefined)
    await h.close()
  })

  it('targets the source table and replays to the same rows; XLSX and JSON typed', async () => {
    await runOk(h, conn, `create table ${table} (id int primary key, i8 bigint, n decimal(30, 10), ok tinyint(1), t text, d date, ts datetime(6), j json, b blob)`)
    await runOk(
      h,
      conn,
      `insert into ${table} values (1, 9007199254740993, 12.5, 1, 'O''Brien \\\\ "x"\\nline', '2020-02-29', '2020-01-02 03:04:05.678000', '{"a": [1, 2]}', x'deadbeef'),
        (2, -5, -0.25, 0, '', '1000-01-01', '2020-01-02 03:04:05.123456', 'null', x''), (3, null, null, null, null, null, null, null, null)`
    )
    const result = await only(h, conn, `select * from ${table} order by id`)
    expect(result.source?.table).toBe(table)
    const rows = await allRows(h, result)
    const dump = await exported(h, { source: { kind: 'result', resultId: result.resultId }, format: 'sql', fileName: 'rt', tableName: target(result.source) })
    const sql = readFileSync(dump.path, 'utf8')
    expect(sql).toMatch(new RegExp(`^INSERT INTO (\`\\w+\`\\.)?\`${table}\` \\(\`id\``))
    await runOk(h, conn, `delete from ${table}`)
    await runOk(h, conn, sql)
    expect(await allRows(h, await only(h, conn, `select * from ${table} order by id`))).toEqual(rows)

    const json = JSON.parse(readFileSync((await exported(h, { source: { kind: 'result', resultId: result.resultId }, format: 'json', fileName: 'j' })).path, 'utf8')) as Record<string, unknown>[]
    expect(json[0]).toMatchObject({ id: 1, i8: '9007199254740993', n: '12.5000000000', ok: true, j: { a: [1, 2] } })
    expect(json[1]).toMatchObject({ i8: -5, ok: false, j: null })
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile((await exported(h, { source: { kind: 'result', resultId: result.resultId }, format: 'xlsx', fileName: 'x' })).path)
    const r2 = book.getWorksheet('Result')!.getRow(2)
    expect([r2.getCell(1).value, r2.getCell(2).value, r2.getCell(3).value, r2.getCell(4).value]).toEqual([1, '9007199254740993', 12.5, true])
    expect(r2.getCell(6).value).toEqual(new Date(Date.UTC(2020, 1, 29)))
    expect(r2.getCell(7).value).toEqual(new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678)))
    const r3 = book.getWorksheet('Result')!.getRow(3)
    expect([r3.getCell(6).value, r3.getCell(7).value]).toEqual(['1000-01-01', '2020-01-02 03:04:05.123456'])
  })
})

describe('SQLite and DuckDB: SQL round trip, typed files, partial files', () => {
  let h: QueryHarness
  let sqlite: string
  let duck: string
  beforeAll(async () => {
    h = new QueryHarness()
    new Database(join(h.dir, 'rt.db')).close()
    ;(await DuckDBInstance.create(join(h.dir, 'rt.duckdb'))).closeSync()
    sqlite = h.connection({ dialect: 'sqlite', filePath: join(h.dir, 'rt.db'), readOnly: false })
    duck = h.connection({ dialect: 'duckdb', filePath: join(h.dir, 'rt.duckdb'), readOnly: false })
  })
  afterAll(() => h.close())

  it('SQLite: targets the source table and replays to the same rows', async () => {
    await runOk(h, sqlite, `create table "Order Items" (id integer primary key, t text, r real, i integer, b blob, ok boolean, d date)`)
    await runOk(h, sqlite, `insert into "Order Items" values (1, 'it''s', 1.5, 9007199254740993, x'00ff', 1, '2020-02-29'), (2, '', -0.25, -3, x'', 0, 'someday'), (3, null, null, null, null, null, null)`)
    const result = await only(h, sqlite, 'select * from "Order Items" order by id')
    expect(result.source).toEqual({ table: 'Order Items' })
    const rows = await allRows(h, result)
    const dump = await exported(h, { source: { kind: 'result', resultId: result.resultId }, format: 'sql', fileName: 'rt', tableName: target(result.source) })
    const sql = readFileSync(dump.path, 'utf8')
    expect(sql.startsWith('INSERT INTO "Order Items" ("id", "t", "r", "i", "b", "ok", "d")')).toBe(true)
    await runOk(h, sqlite, 'delete from "Order Items"')
    await runOk(h, sqlite, sql)
    expect(await allRows(h, await only(h, sqlite, 'select * from "Order Items" order by id'))).toEqual(rows)
    const json = JSON.parse(readFileSync((await exported(h, { source: { kind: 'result', resultId: result.resultId }, format: 'json', fileName: 'j' })).path, 'utf8')) as Record<string, unknown>[]
    expect(json[0]).toMatchObject({ id: 1, t: "it's", r: 1.5, i: '9007199254740993' })
  })

  it('DuckDB: lists as JSON arrays, typed XLSX, and a replay into the table the user names', async () => {
    await runOk(h, duck, `create table items (id integer, i8 bigint, n decimal(18, 4), ok boolean, t varchar, d date, ts timestamp, l integer[], s varchar[])`)
    await runOk(h, duck, `insert into items values (1, 9007199254740993, 12.5, true, 'a, ''b''', '2020-02-29', '2020-01-02 03:04:05.678', [1, null, 3], ['x', 'y, z', null]),
      (2, 7, -0.25, false, '', '2020-01-01', '2020-01-02 03:04:05.123456', [], []), (3, null, null, null, null, null, null, null, null)`)
    const result = await only(h, duck, 'select * from items order by id')
    const rows = await allRows(h, result)
    const json = JSON.parse(readFileSync((await exported(h, { source: { kind: 'result', resultId: result.resultId }, format: 'json', fileName: 'j' })).path, 'utf8')) as Record<string, unknown>[]
    expect(json[0]).toMatchObject({ id: 1, i8: '9007199254740993', n: '12.5000', ok: true, l: [1, null, 3], s: ['x', 'y, z', null] })
    expect(json[1]).toMatchObject({ i8: 7, ok: false, l: [], s: [] })
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile((await exported(h, { source: { kind: 'result', resultId: result.resultId }, format: 'xlsx', fileName: 'x' })).path)
    const r2 = book.getWorksheet('Result')!.getRow(2)
    expect([r2.getCell(1).value, r2.getCell(2).value, r2.getCell(3).value, r2.getCell(4).value, r2.getCell(6).value, r2.getCell(7).value]).toEqual([
      1,
      '9007199254740993',
      12.5,
      true,
      new Date(Date.UTC(2020, 1, 29)),
      new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678))
    ])
    const dump = await exported(h, { source: { kind: 'result', resultId: result.resultId }, format: 'sql', fileName: 'rt', tableName: target(result.source) ?? 'items' })
    const sql = readFileSync(dump.path, 'utf8')
    expect(sql.startsWith('INSERT INTO "items" ("id"')).toBe(true)
    await runOk(h, duck, 'delete from items')
    await runOk(h, duck, sql)
    expect(await allRows(h, await only(h, duck, 'select * from items order by id'))).toEqual(rows)
  })

  const big = "with recursive g(n) as (select 1 union all select n + 1 from g where n < 20000000) select n, printf('row %d', n) as label from g"

  it('writes to a hidden partial file and renames when complete; cancel removes the partial', async () => {
    const area = join(h.dir, 'exports')
    let seen: { partials: string[]; final: boolean } | undefined
    const last = await exported(h, { source: { kind: 'query', connectionId: sqlite, sql: big }, format: 'json', fileName: 'big' }, (p) => {
      if (seen || p.rows < 10_000) return
      seen = { partials: readdirSync(area).filter((n) => n.startsWith('.big.json.partial-x_')), final: existsSync(p.path) }
      void h.exports.cancel(p.exportId)
    })
    expect(last.state).toBe('cancelled')
    expect(seen).toEqual({ partials: [expect.any(String)], final: false })
    expect(readdirSync(area).filter((n) => n.includes('big'))).toEqual([])
    expect(h.store.db.prepare('select count(*) as n from export_partials').get()).toEqual({ n: 0 })

    const done = await exported(h, { source: { kind: 'query', connectionId: sqlite, sql: 'select 1 as a' }, format: 'csv', fileName: 'small' })
    expect(done.state).toBe('done')
    expect(readFileSync(done.path, 'utf8')).toBe('a\r\n1\r\n')
    expect(readdirSync(area).filter((n) => n.includes('partial'))).toEqual([])
    // web mode: a second export of the same name never replaces the first
    const again = await exported(h, { source: { kind: 'query', connectionId: sqlite, sql: 'select 2 as a' }, format: 'csv', fileName: 'small' })
    expect(again.path).toBe(join(area, 'small (2).csv'))
    expect(readFileSync(done.path, 'utf8')).toBe('a\r\n1\r\n')
  })

  it('a failed export removes its partial and leaves an existing desktop target untouched', async () => {
    const desk = join(h.dir, 'desktop')
    mkdirSync(desk, { recursive: true })
    const chosen = join(desk, 'mine.csv')
    writeFileSync(chosen, 'keep me')
    const events: Progress[] = []
    const exports = new ExportService({
      results: h.queries.results,
      connections: h.connections,
      events: { emit: (_name, p) => void events.push(p as Progress) },
      exportDir: join(h.dir, 'exports'),
      store: h.store,
      choosePath: async () => chosen
    })
    await exports.start({ source: { kind: 'query', connectionId: sqlite, sql: 'select * from no_such_table' }, format: 'csv', fileName: 'mine', header: true })
    await exports.idle()
    expect(events.at(-1)?.state).toBe('error')
    expect(readdirSync(desk)).toEqual(['mine.csv'])
    expect(readFileSync(chosen, 'utf8')).toBe('keep me')
    await exports.start({ source: { kind: 'query', connectionId: sqlite, sql: 'select 1 as a' }, format: 'csv', fileName: 'mine', header: true })
    await exports.idle()
    expect(events.at(-1)?.state).toBe('done')
    expect(readdirSync(desk)).toEqual(['mine.csv'])
    expect(readFileSync(chosen, 'utf8')).toBe('a\r\n1\r\n')
  })

  it('the start-up sweep removes partial files left in the exports area, nothing else', () => {
    const area = join(h.dir, 'exports')
    mkdirSync(area, { recursive: true })
    writeFileSync(join(area, '.left.json.partial-x_abcdefgh12'), '[\n  {"n": 1}')
    writeFileSync(join(area, 'left.json'), '[]')
    writeFileSync(join(area, '.hidden'), 'x')
    expect(h.exports.sweep()).toEqual([join(area, '.left.json.partial-x_abcdefgh12')])
    const left = readdirSync(area)
    expect(left).toEqual(expect.arrayContaining(['.hidden', 'left.json', 'small.csv', 'small (2).csv']))
    expect(left.filter((n) => n.includes('partial'))).toEqual([])
  })
})

describe('an export killed mid-way', () => {
  it('leaves nothing under the final name; the next start removes its partial file (found through the store)', async () => {
    const h = new QueryHarness()
    try {
      const dir = h.dir
      const desk = join(dir, 'desktop')
      mkdirSync(desk, { recursive: true })
      const chosen = join(desk, 'crash.json')
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'testing', 'crash-export.fixture.ts'), dir, chosen], { stdio: ['ignore', 'pipe', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      const partial = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          const m = /PARTIAL (.+)\n/.exec(out)
          if (m) resolve(m[1]!)
        })
        child.on('exit', (code) => reject(new Error(`the child exited (${code}): ${stderr}`)))
        setTimeout(() => reject(new Error(`no partial file after 30 s: ${stderr}`)), 30_000)
      }).catch((e: unknown) => {
        child.kill('SIGKILL')
        throw e
      })
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
      expect(existsSync(chosen)).toBe(false)
      expect(partial).toMatch(/\/\.crash\.json\.partial-x_[\w-]+$/)
      expect(statSync(partial).size).toBeGreaterThan(0)

      // the next start: the same store, a new export service
      const store = openLocalStore(join(dir, 'store.db'))
      try {
        expect(store.db.prepare('select partial_path as p, target_path as t from export_partials').all()).toEqual([{ p: partial, t: chosen }])
        const next = new ExportService({ results: h.queries.results, connections: h.connections, events: { emit: () => undefined }, exportDir: join(dir, 'exports'), store })
        expect(next.sweep()).toEqual([partial])
        expect(readdirSync(desk)).toEqual([])
        expect(store.db.prepare('select count(*) as n from export_partials').get()).toEqual({ n: 0 })
      } finally {
        store.close()
      }
    } finally {
      await h.close()
    }
  }, 60_000)
})
