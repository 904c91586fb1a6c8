import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ResultSummary } from '../../../shared/contract'
import { parseConnectionUrl } from '../connections/url'
import { splitQualifiedName } from './export/text-formats'
import { createQueryHandlers, PLACEHOLDER_TABLE } from './query-handlers'
import { finalResults, QueryHarness } from './testing/query-harness'

/** The renderer's encoding of a result's source table for `tableName` (grid-range.ts insertTarget). */
const target = (source: ResultSummary['source']): string | undefined => {
  if (!source) return undefined
  const part = (name: string): string => (/[."]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name)
  return source.schema ? `${part(source.schema)}.${part(source.table)}` : part(source.table)
}

const long = 'x'.repeat(4990) + ' end.'

async function only(h: QueryHarness, conn: string, sql: string): Promise<ResultSummary> {
  const events = await h.run(conn, sql)
  const error = events.find((e) => e.type === 'error')
  if (error) throw new Error(JSON.stringify(error))
  const [result] = finalResults(events)
  return result
}

describe('splitQualifiedName', () => {
  it('splits at dots, keeps quoted parts whole', () => {
    expect(splitQualifiedName('customers')).toEqual(['customers'])
    expect(splitQualifiedName('public.Order Items')).toEqual(['public', 'Order Items'])
    expect(splitQualifiedName('"my.schema"."odd""name"')).toEqual(['my.schema', 'odd"name'])
    expect(splitQualifiedName('')).toEqual([])
  })
})

describe('query.copy on SQLite', () => {
  let h: QueryHarness
  let conn: string
  let copy: ReturnType<typeof createQueryHandlers>['query.copy']
  beforeAll(async () => {
    h = new QueryHarness()
    const db = new Database(join(h.dir, 'copy.db'))
    db.exec(`create table "Order Items" (id integer primary key, "Note" text, qty integer);`)
    const insert = db.prepare('insert into "Order Items" (id, "Note", qty) values (?, ?, ?)')
    insert.run(1, long, 3)
    insert.run(2, "tab\there, 'quoted'", 4)
    insert.run(3, null, 5)
    db.close()
    conn = h.connection({ dialect: 'sqlite', filePath: join(h.dir, 'copy.db') })
    copy = createQueryHandlers({ queries: h.queries })['query.copy']
  })
  afterAll(() => h.close())

  it('copies INSERTs into the source table, quoted, with the table column names', async () => {
    const result = await only(h, conn, 'SELECT * FROM "Order Items" ORDER BY id')
    expect(result.source).toEqual({ table: 'Order Items' })
    const { text, rows } = await copy({ resultId: result.resultId, from: 0, to: 2, format: 'insert', tableName: target(result.source) })
    expect(rows).toBe(2)
    expect(text).toBe(`INSERT INTO "Order Items" ("id", "Note", "qty") VALUES\n  (1, '${long}', 3),\n  (2, 'tab\there, ''quoted''', 4);\n`)

    const aliased = await only(h, conn, 'SELECT qty AS amount, id FROM "Order Items" ORDER BY id')
    expect(aliased.source).toEqual({ table: 'Order Items' })
    const one = await copy({ resultId: aliased.resultId, from: 2, to: 3, format: 'insert', tableName: target(aliased.source) })
    expect(one.text).toBe('INSERT INTO "Order Items" ("qty", "id") VALUES\n  (5, 3);\n')
  })

  it('uses a plain placeholder when the result does not come from one table', async () => {
    const result = await only(h, conn, 'SELECT id, qty * 2 AS double FROM "Order Items" ORDER BY id')
    expect(result.source).toBeUndefined()
    const { text } = await copy({ resultId: result.resultId, from: 0, to: 1, format: 'insert', tableName: target(result.source) })
    expect(text).toBe(`INSERT INTO "${PLACEHOLDER_TABLE}" ("id", "double") VALUES\n  (1, 6);\n`)
  })

  it('copies a block as TSV: the chosen rows and columns in screen order, full values', async () => {
    const result = await only(h, conn, 'SELECT * FROM "Order Items" ORDER BY id')
    const { text, rows } = await copy({ resultId: result.resultId, from: 0, to: 3, columns: [2, 1], format: 'tsv' })
    expect(rows).toBe(3)
    expect(text).toBe(`3\t${long}\n4\t"tab\there, 'quoted'"\n5\t\n`)
    const sorted = await copy({ resultId: result.resultId, from: 0, to: 1, columns: [0], format: 'tsv', sort: [{ column: 2, direction: 'desc' }] })
    expect(sorted.text).toBe('3\n')
  })
})

const PG_URL = process.env.PG_URL

describe.skipIf(!PG_URL)('query.copy on PostgreSQL', () => {
  let h: QueryHarness
  let conn: string
  let copy: ReturnType<typeof createQueryHandlers>['query.copy']
  const admin = new pg.Client({ connectionString: PG_URL })
  beforeAll(async () => {
    await admin.connect()
    await admin.query(`drop schema if exists "Copy Test" cascade; create schema "Copy Test";
      create table "Copy Test"."Order.Items" (id int primary key, "Note" text, data bytea, price numeric(10,2));
      insert into "Copy Test"."Order.Items" values (1, repeat('x', 4990) || ' end.', '\\x00ff'::bytea, 12.50), (2, 'it''s', null, null)`)
    h = new QueryHarness()
    conn = h.connection({ ...parseConnectionUrl(PG_URL!), dialect: 'postgres', name: 'pg' } as never)
    copy = createQueryHandlers({ queries: h.queries })['query.copy']
  })
  afterAll(async () => {
    await h?.close()
    await admin.query('drop schema if exists "Copy Test" cascade')
    await admin.end()
  })

  it('copies INSERTs into the schema-qualified source table, each name quoted', async () => {
    const result = await only(h, conn, 'SELECT * FROM "Copy Test"."Order.Items" ORDER BY id')
    expect(result.source).toEqual({ schema: 'Copy Test', table: 'Order.Items' })
    const { text } = await copy({ resultId: result.resultId, from: 0, to: 2, format: 'insert', tableName: target(result.source) })
    expect(text).toBe(`INSERT INTO "Copy Test"."Order.Items" ("id", "Note", "data", "price") VALUES\n  (1, '${long}', '\\x00ff'::bytea, 12.50),\n  (2, 'it''s', NULL, NULL);\n`)

    const aliased = await only(h, conn, 'SELECT i."Note" AS n, i.id FROM "Copy Test"."Order.Items" i ORDER BY id')
    const one = await copy({ resultId: aliased.resultId, from: 1, to: 2, format: 'insert', tableName: target(aliased.source) })
    expect(one.text).toBe(`INSERT INTO "Copy Test"."Order.Items" ("Note", "id") VALUES\n  ('it''s', 2);\n`)
  })

  it('uses the placeholder for a join or an expression', async () => {
    const result = await only(h, conn, 'SELECT a.id, b.oid AS other FROM "Copy Test"."Order.Items" a JOIN pg_namespace b ON b.nspname = \'Copy Test\' ORDER BY 1')
    expect(result.source).toBeUndefined()
    const { text } = await copy({ resultId: result.resultId, from: 0, to: 1, format: 'insert', tableName: target(result.source) })
    expect(text).toMatch(new RegExp(`^INSERT INTO "${PLACEHOLDER_TABLE}" \\("id", "other"\\) VALUES\\n  \\(1, \\d+\\);\\n`))
    const expression = await only(h, conn, 'SELECT id, id * 2 AS double FROM "Copy Test"."Order.Items" ORDER BY id')
    expect(expression.source).toBeUndefined()
    expect((await copy({ resultId: expression.resultId, from: 0, to: 1, format: 'insert' })).text).toBe(`INSERT INTO "${PLACEHOLDER_TABLE}" ("id", "double") VALUES\n  (1, 2);\n`)
  })
})
