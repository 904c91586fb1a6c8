import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import Database from 'better-sqlite3'
import { DuckDBInstance } from '@duckdb/node-api'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dialect } from '../../../shared/cells'
import { parseConnectionUrl } from '../connections/url'
import { QueryHarness } from '../query/testing/query-harness'
import { importer } from './testing'

const PG_URL = process.env.PG_URL
const MYSQL_URL = process.env.MYSQL_URL

/** Rows of a query through the harness's own session (what the app shows). */
async function rows(h: QueryHarness, conn: string, sql: string): Promise<unknown[][]> {
  const s = await h.connections.session(conn)
  try {
    return (await s.query(sql)).rows
  } finally {
    await s.close()
  }
}
async function exec(h: QueryHarness, conn: string, sql: string): Promise<void> {
  const s = await h.connections.session(conn)
  try {
    await s.execute(sql, { beginResult: () => undefined, rows: () => undefined, endResult: () => undefined, notice: () => undefined })
  } finally {
    await s.close()
  }
}

const csv = (lines: string[]): string => lines.join('\r\n') + '\r\n'
const PEOPLE = csv(['id,name,score,joined,active', '1,"Smith, ""JJ""",1.5,2024-01-02,true', '2,"multi\nline",2.25,2024-02-03,false', 'x3,bad,1,2024-01-01,true', '4,Ann,,,'])
const big = (n: number): string => ['id,label', ...Array.from({ length: n }, (_, i) => `${i + 1},row ${i + 1}`)].join('\n') + '\n'
const uid = (): string => Math.random().toString(36).slice(2, 8)

/** The import tests every engine runs: new and existing tables, rejected rows, cancel in both modes. */
function engineSuite(dialect: Dialect, connect: (h: QueryHarness) => string | Promise<string>, count: (name: string) => string = (n) => `SELECT COUNT(*) FROM ${n}`) {
  let h: QueryHarness
  let conn: string
  let imp: ReturnType<typeof importer>
  const created: string[] = []
  const table = (): string => {
    const t = `qg_imp_${uid()}`
    created.push(t)
    return t
  }
  beforeAll(async () => {
    h = new QueryHarness()
    conn = await connect(h)
    imp = importer(h, { progressEveryMs: 0 })
  })
  afterAll(async () => {
    for (const t of created) await exec(h, conn, `DROP TABLE IF EXISTS ${t}`).catch(() => undefined)
    await imp.imports.idle()
    await h.close()
  })

  it(`${dialect}: previews with inferred types and imports into a new table; a non-number in an integer column is rejected with its reason`, async () => {
    const path = join(h.dir, 'people.csv')
    writeFileSync(path, PEOPLE)
    const { fileId } = imp.files.add(path)
    const t = table()
    const preview = await imp.imports.preview({ connectionId: conn, fileId, options: {}, rows: 10, table: { name: t } })
    // x3 makes the id column text in the preview; the user picks integer
    expect(preview.columns.map((c) => c.type)).toEqual(['text', 'text', 'decimal', 'date', 'boolean'])
    expect(preview.existing).toBeNull()
    expect(preview.rows[1]![1]).toBe('multi\nline')
    const columns = preview.columns.map((c) => ({ name: c.name, type: c.name === 'id' ? ('integer' as const) : c.type }))
    const done = await imp.run(path, { connectionId: conn, options: {}, target: { kind: 'new', table: { name: t }, columns }, mode: 'batches' })
    expect(done).toMatchObject({ state: 'done', rows: 4, inserted: 3, rejected: 1 })
    const rejected = parse(readFileSync(done.rejectedPath!, 'utf8'), { columns: true }) as Record<string, string>[]
    expect(rejected).toEqual([{ id: 'x3', name: 'bad', score: '1', joined: '2024-01-01', active: 'true', line: '3', reason: "id: not an integer: 'x3'" }])
    const got = await rows(h, conn, `SELECT id, name, score, joined, active FROM ${t} ORDER BY id`)
    expect(got.map((r) => [r[0], r[1]])).toEqual([
      [1, 'Smith, "JJ"'],
      [2, 'multi\nline'],
      [4, 'Ann']
    ])
    expect(got[2]!.slice(2)).toEqual([null, null, null])
  })

  it(`${dialect}: hostile file content is data, never SQL: quotes, backslashes and statement text arrive as written`, async () => {
    const t = table()
    const keep = table()
    await exec(h, conn, `CREATE TABLE ${keep} (id INTEGER)`)
    const hostile = [`it's`, `a\\b\\`, `'); DROP TABLE ${keep}; --`, `\\'); DROP TABLE ${keep}; --`, `*/ DROP TABLE ${keep}; /*`, `$$; DROP TABLE ${keep}; $$`]
    const lines = ['id,note', ...hostile.map((v, i) => `${i + 1},"${v.replaceAll('"', '""')}"`), `99); DROP TABLE ${keep}; --,x`]
    const path = join(h.dir, 'hostile.csv')
    writeFileSync(path, csv(lines))
    const done = await imp.run(path, { connectionId: conn, options: {}, target: { kind: 'new', table: { name: t }, columns: [{ name: 'id', type: 'integer' }, { name: 'note', type: 'text' }] }, mode: 'transaction' })
    expect(done).toMatchObject({ state: 'done', inserted: hostile.length, rejected: 1 })
    expect((await rows(h, conn, `SELECT note FROM ${t} ORDER BY id`)).map((r) => r[0])).toEqual(hostile)
    expect(await rows(h, conn, count(keep))).toEqual([[expect.anything()]])
  })

  it(`${dialect}: imports into an existing table by column name`, async () => {
    const t = table()
    await exec(h, conn, `CREATE TABLE ${t} (id INTEGER, label VARCHAR(50), extra VARCHAR(10))`)
    const path = join(h.dir, 'existing.jsonl')
    writeFileSync(path, '{"Label":"a","ID":1}\n{"Label":"b","ID":"2"}\n')
    const { fileId } = imp.files.add(path)
    const preview = await imp.imports.preview({ connectionId: conn, fileId, options: {}, rows: 10, table: { name: t } })
    expect(preview.existing?.mapping).toEqual(['label', 'id'])
    const done = await imp.run(path, { connectionId: conn, options: {}, target: { kind: 'existing', table: { name: t }, mapping: preview.existing!.mapping }, mode: 'transaction' })
    expect(done).toMatchObject({ state: 'done', inserted: 2, rejected: 0 })
    expect(await rows(h, conn, `SELECT id, label, extra FROM ${t} ORDER BY id`)).toEqual([
      [1, 'a', null],
      [2, 'b', null]
    ])
  })

  it(`${dialect}: per-batch mode retries a batch the server refuses row by row and rejects the rows with the server's reason`, async () => {
    const t = table()
    await exec(h, conn, `CREATE TABLE ${t} (id INTEGER NOT NULL, label VARCHAR(50))`)
    const path = join(h.dir, 'nulls.csv')
    writeFileSync(path, 'id,label\n1,a\n,b\n3,c\n')
    const done = await imp.run(path, { connectionId: conn, options: {}, target: { kind: 'existing', table: { name: t }, mapping: ['id', 'label'] }, mode: 'batches' })
    expect(done).toMatchObject({ state: 'done', rows: 3, inserted: 2, rejected: 1 })
    const rejected = parse(readFileSync(done.rejectedPath!, 'utf8'), { columns: true }) as Record<string, string>[]
    expect(rejected[0]).toMatchObject({ id: '', label: 'b', line: '2' })
    expect(rejected[0]!.reason).toMatch(/null/i)
    expect(await rows(h, conn, `SELECT id FROM ${t} ORDER BY id`)).toEqual([[1], [3]])
  })

  it(`${dialect}: imports XLSX`, async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('S')
    ws.addRow(['n', 'when', 'ok'])
    ws.addRow([10, new Date(Date.UTC(2024, 4, 6, 7, 8, 9)), true])
    ws.addRow([20, new Date(Date.UTC(2024, 4, 7, 0, 0, 1)), false])
    const path = join(h.dir, 'book.xlsx')
    await wb.xlsx.writeFile(path)
    const t = table()
    const done = await imp.run(path, { connectionId: conn, options: {}, target: { kind: 'new', table: { name: t }, columns: [{ name: 'n', type: 'integer' }, { name: 'when', type: 'timestamp' }, { name: 'ok', type: 'boolean' }] }, mode: 'batches' })
    expect(done).toMatchObject({ state: 'done', inserted: 2 })
    const got = await rows(h, conn, `SELECT n FROM ${t} ORDER BY n`)
    expect(got).toEqual([[10], [20]])
  })

  it(`${dialect}: Cancel keeps the completed batches in per-batch mode and leaves nothing in one transaction`, async () => {
    const path = join(h.dir, 'big.csv')
    writeFileSync(path, big(20_000))
    const columns = [{ name: 'id', type: 'integer' as const }, { name: 'label', type: 'text' as const }]
    const t1 = table()
    const cancelAt = (p: { inserted: number }, cancel: () => void): void => void (p.inserted >= 500 && cancel())
    const batches = await imp.run(path, { connectionId: conn, options: {}, target: { kind: 'new', table: { name: t1 }, columns }, mode: 'batches', batchSize: 100 }, cancelAt)
    expect(batches.state).toBe('cancelled')
    const kept = Number((await rows(h, conn, count(t1)))[0]![0])
    expect(kept).toBeGreaterThanOrEqual(500)
    expect(kept % 100).toBe(0)
    expect(kept).toBeLessThan(20_000)
    const t2 = table()
    const tx = await imp.run(path, { connectionId: conn, options: {}, target: { kind: 'new', table: { name: t2 }, columns }, mode: 'transaction', batchSize: 100 }, cancelAt)
    expect(tx.state).toBe('cancelled')
    // the new table went too
    await expect(rows(h, conn, count(t2))).rejects.toThrow()
  })
}

describe('import: SQLite', () => {
  engineSuite('sqlite', (h) => {
    new Database(join(h.dir, 'import.db')).close()
    return h.connection({ dialect: 'sqlite', filePath: join(h.dir, 'import.db') })
  })

  it('a read-only connection refuses imports before reading the file', async () => {
    const h = new QueryHarness()
    try {
      const conn = h.connection({ dialect: 'sqlite', filePath: join(h.dir, 'ro.db'), readOnly: true })
      const imp = importer(h)
      const { fileId } = imp.files.add(join(h.dir, 'store.db')) // not even a CSV: it is never read
      await expect(imp.imports.start({ connectionId: conn, fileId, options: {}, target: { kind: 'new', table: { name: 't' }, columns: [{ name: 'a', type: 'text' }] }, mode: 'batches' })).rejects.toMatchObject({ code: 'READ_ONLY' })
      await expect(imp.imports.preview({ connectionId: conn, fileId, options: {}, rows: 5 })).rejects.toMatchObject({ code: 'READ_ONLY' })
    } finally {
      await h.close()
    }
  })
})

describe('import: web-mode uploads', () => {
  it('takes the file in base64 chunks into the uploads folder and previews it', async () => {
    const h = new QueryHarness()
    try {
      new Database(join(h.dir, 'up.db')).close()
      const conn = h.connection({ dialect: 'sqlite', filePath: join(h.dir, 'up.db') })
      const imp = importer(h)
      const bytes = Buffer.from('a,b\n1,x\n2,y\n')
      const first = imp.files.upload({ name: '../evil/name.csv', data: bytes.subarray(0, 5).toString('base64'), done: false })
      await expect(imp.imports.preview({ connectionId: conn, fileId: first.fileId, options: {}, rows: 5 })).rejects.toThrow(/still uploading/)
      const last = imp.files.upload({ fileId: first.fileId, name: 'name.csv', data: bytes.subarray(5).toString('base64'), done: true })
      expect(last.size).toBe(bytes.length)
      expect(imp.files.get(last.fileId).path.startsWith(join(h.dir, 'uploads'))).toBe(true)
      const preview = await imp.imports.preview({ connectionId: conn, fileId: last.fileId, options: {}, rows: 5 })
      expect(preview.rows).toEqual([
        ['1', 'x'],
        ['2', 'y']
      ])
      expect(() => imp.files.upload({ fileId: last.fileId, name: 'name.csv', data: '', done: true })).toThrow(/already complete/)
    } finally {
      await h.close()
    }
  })
})

describe('import: DuckDB', () => {
  engineSuite('duckdb', async (h) => {
    ;(await DuckDBInstance.create(join(h.dir, 'import.duckdb'))).closeSync()
    return h.connection({ dialect: 'duckdb', filePath: join(h.dir, 'import.duckdb') })
  })
})

describe.skipIf(!PG_URL)('import: PostgreSQL (COPY FROM STDIN)', () => {
  engineSuite('postgres', (h) => h.connection({ ...parseConnectionUrl(PG_URL!), dialect: 'postgres', name: 'pg' } as never))
})

describe.skipIf(!MYSQL_URL)('import: MariaDB', () => {
  engineSuite('mysql', (h) => h.connection({ ...parseConnectionUrl(MYSQL_URL!), dialect: 'mysql', name: 'my' } as never))
})

/** Export (the app's ExportService, CSV) then import into a new table with the inferred types: same rows, same types. */
async function roundTrip(h: QueryHarness, conn: string, source: string, copy: string, typesSql: (t: string) => string): Promise<void> {
  const { exportId, path } = await h.exports.start({ source: { kind: 'query', connectionId: conn, sql: `SELECT * FROM ${source}` }, format: 'csv', fileName: `${source}.csv`, header: true })
  await new Promise<void>((resolve, reject) =>
    h.on((name, payload) => {
      const p = payload as { exportId: string; state: string }
      if (name !== 'export.progress' || p.exportId !== exportId || p.state === 'running') return
      if (p.state === 'done') resolve()
      else reject(new Error(JSON.stringify(p)))
    })
  )
  const imp = importer(h)
  const { fileId } = imp.files.add(path)
  const preview = await imp.imports.preview({ connectionId: conn, fileId, options: {}, rows: 100, table: { name: copy } })
  const done = await imp.run(path, { connectionId: conn, options: {}, target: { kind: 'new', table: { name: copy }, columns: preview.columns.map((c) => ({ name: c.name, type: c.type })) }, mode: 'transaction' })
  expect(done).toMatchObject({ state: 'done', rejected: 0 })
  expect(await rows(h, conn, `SELECT * FROM ${copy} ORDER BY 1`)).toEqual(await rows(h, conn, `SELECT * FROM ${source} ORDER BY 1`))
  expect(await rows(h, conn, typesSql(copy))).toEqual(await rows(h, conn, typesSql(source)))
}

describe.skipIf(!PG_URL)('import: export then import round trip on PostgreSQL', () => {
  it('gives the same rows and types', async () => {
    const h = new QueryHarness()
    const conn = h.connection({ ...parseConnectionUrl(PG_URL!), dialect: 'postgres', name: 'pg' } as never)
    const [a, b] = [`qg_rt_${uid()}`, `qg_rt_${uid()}`]
    try {
      await exec(h, conn, `CREATE TABLE ${a} (id integer, big bigint, price numeric, ok boolean, d date, ts timestamp, name text, j jsonb);
        INSERT INTO ${a} VALUES (1, 9007199254740993, 12.50, true, '2024-02-29', '2024-01-02 03:04:05.25', 'comma, "quote"', '{"a": [1, "x"]}'),
        (2, -5000000000, -0.001, false, '1999-12-31', '2000-01-01 00:00:00', E'line\\nbreak', '[]'), (3, null, null, null, null, null, null, null)`)
      await roundTrip(h, conn, a, b, (t) => `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${t}' ORDER BY ordinal_position`)
    } finally {
      await exec(h, conn, `DROP TABLE IF EXISTS ${a}; DROP TABLE IF EXISTS ${b}`).catch(() => undefined)
      await h.close()
    }
  })
})

describe('import: export then import round trip on SQLite', () => {
  it('gives the same rows and types', async () => {
    const h = new QueryHarness()
    new Database(join(h.dir, 'rt.db')).close()
    const conn = h.connection({ dialect: 'sqlite', filePath: join(h.dir, 'rt.db') })
    try {
      await exec(h, conn, `CREATE TABLE a (id INTEGER, big INTEGER, price NUMERIC, d DATE, ts TIMESTAMP, name TEXT);
        INSERT INTO a VALUES (1, 9007199254740993, 12.5, '2024-02-29', '2024-01-02 03:04:05', 'comma, "quote"'), (2, -5000000000, -0.25, '1999-12-31', '2000-01-01 00:00:00', 'line
break'), (3, null, null, null, null, null)`)
      await roundTrip(h, conn, 'a', 'b', (t) => `SELECT name, type FROM pragma_table_info('${t}') ORDER BY cid`)
    } finally {
      await h.close()
    }
  })
})
