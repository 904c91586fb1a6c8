/// <reference lib="dom" />
import { DuckDBInstance } from '@duckdb/node-api'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mysql from 'mysql2/promise'
import pg from 'pg'
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../src/main/services/connections/url'
import { openAppInBrowser, type BrowserSession } from './harness'
import { rpc } from './rpc'

/**
 * The table data view (issue 16): open a table from the schema tree or by name, WHERE and a column filter, sort,
 * page far down, count; edit a cell, add and delete rows, preview the DML and apply it, checked from a connection of
 * the test's own; a failing change shown at its row with nothing applied; a table without a key and a read-only
 * connection refusing edits; a production connection asking first. On PostgreSQL, MariaDB, SQLite and DuckDB.
 */
const PG_URL = process.env.PG_URL
const MYSQL_URL = process.env.MYSQL_URL
const ROWS = 3000

let session: BrowserSession
let page: Page
let dir: string

/** What the test needs from each engine: fixture SQL, a way to read back, the connection to create. */
interface Engine {
  name: string
  /** How the view is opened: from the schema tree or by typing the table's name. */
  openBy: 'tree' | 'name'
  setup(): Promise<void>
  /** Runs a query on the test's own connection (rows as objects). */
  query(sql: string): Promise<Record<string, unknown>[]>
  connection(): Promise<Record<string, unknown>>
  teardown(): Promise<void>
  /** Before reading back: DuckDB lets one process write a file, so the app lets go of it first. */
  release?(ids: string[]): Promise<void>
}

const fixture = (dialect: 'pg' | 'mysql' | 'sqlite' | 'duckdb'): string[] => {
  const series = {
    pg: `select i, 'item-' || lpad(i::text, 4, '0'), i * 1.5, i % 10, i % 2 = 0, date '2024-01-01' + i from generate_series(1, ${ROWS}) i`,
    mysql: `with recursive s(i) as (select 1 union all select i + 1 from s where i < ${ROWS}) select i, concat('item-', lpad(i, 4, '0')), i * 1.5, i % 10, i % 2 = 0, date_add('2024-01-01', interval i day) from s`,
    sqlite: `with recursive s(i) as (select 1 union all select i + 1 from s where i < ${ROWS}) select i, printf('item-%04d', i), i * 1.5, i % 10, i % 2 = 0, date('2024-01-01', '+' || i || ' days') from s`,
    duckdb: `select i, 'item-' || lpad(i::varchar, 4, '0'), i * 1.5, i % 10, i % 2 = 0, date '2024-01-01' + i::integer from range(1, ${ROWS + 1}) t(i)`
  }[dialect]
  return [
    'drop table if exists dv_items',
    'drop table if exists dv_nokey',
    'create table dv_items (id integer primary key, name varchar(50) not null unique, price decimal(10,2), qty integer, active boolean, created date)',
    `insert into dv_items ${series}`,
    'create table dv_nokey (a integer, b varchar(20))',
    "insert into dv_nokey values (1, 'x'), (2, 'y')"
  ]
}

function postgres(): Engine {
  const client = new pg.Client({ connectionString: PG_URL })
  return {
    name: 'PostgreSQL',
    openBy: 'name',
    async setup() {
      await client.connect()
      for (const sql of fixture('pg')) await client.query(sql)
    },
    query: async (sql) => (await client.query(sql)).rows,
    connection: async () => ({ ...parseConnectionUrl(PG_URL!), name: 'PG data' }),
    async teardown() {
      await client.query('drop table if exists dv_items; drop table if exists dv_nokey').catch(() => undefined)
      await client.end()
    }
  }
}

function mariadb(): Engine {
  let conn: mysql.Connection
  return {
    name: 'MariaDB',
    openBy: 'name',
    async setup() {
      conn = await mysql.createConnection(MYSQL_URL!)
      // MariaDB stops a recursive CTE after 1000 rows by default (MySQL names its limit differently)
      await conn.query('set session max_recursive_iterations = 100000').catch(() => conn.query('set session cte_max_recursion_depth = 100000'))
      for (const sql of fixture('mysql')) await conn.query(sql)
    },
    query: async (sql) => (await conn.query(sql))[0] as Record<string, unknown>[],
    connection: async () => ({ ...parseConnectionUrl(MYSQL_URL!), name: 'MariaDB data' }),
    async teardown() {
      await conn?.query('drop table if exists dv_items, dv_nokey').catch(() => undefined)
      await conn?.end()
    }
  }
}

/** The bundled sample database (the app's own copy in its data dir), with the fixture tables added to it. */
function sqlite(): Engine {
  let db: Database.Database
  return {
    name: 'SQLite',
    openBy: 'tree',
    async setup() {
      // the app copies the bundled file into its data dir on first connect: let it, then add the fixture tables
      const sample = (await rpc(session.app, 'connections.list', {})).find((c) => c.builtin)!
      await rpc(session.app, 'connections.connect', { id: sample.id })
      db = new Database(join(session.app.dataDir, 'sample.db'))
      for (const sql of fixture('sqlite')) db.exec(sql)
    },
    query: async (sql) => db.prepare(sql).all() as Record<string, unknown>[],
    connection: async () => ({ dialect: 'sqlite', filePath: join(session.app.dataDir, 'sample.db'), name: 'Sample copy' }),
    async teardown() {
      db?.close()
    }
  }
}

function duckdb(): Engine {
  const file = (): string => join(dir, 'data.duckdb')
  let instance: DuckDBInstance | undefined
  const open = async (): Promise<DuckDBInstance> => (instance ??= await DuckDBInstance.create(file()))
  const close = (): void => {
    instance?.closeSync()
    instance = undefined
  }
  return {
    name: 'DuckDB',
    openBy: 'name',
    async setup() {
      const c = await (await open()).connect()
      for (const sql of fixture('duckdb')) await c.run(sql)
      c.closeSync()
      close()
    },
    async query(sql) {
      // the app lets go of the file a moment after its sessions are closed
      for (let tries = 0; !instance; tries++) {
        try {
          await open()
        } catch (error) {
          if (tries > 50) throw error
          await new Promise((r) => setTimeout(r, 200))
        }
      }
      const c = await (await open()).connect()
      try {
        return (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]
      } finally {
        c.closeSync()
        close()
      }
    },
    connection: async () => ({ dialect: 'duckdb', filePath: file(), name: 'DuckDB data' }),
    async teardown() {
      close()
    },
    async release(ids) {
      // an update makes the app close the sessions it keeps for the data view and the schema; then disconnect
      for (const id of ids) {
        await rpc(session.app, 'connections.update', { id, patch: {} } as never)
        await rpc(session.app, 'connections.disconnect', { id }).catch(() => undefined)
      }
    }
  }
}

const grid = (): ReturnType<Page['locator']> => page.locator('[data-testid="data-grid"]')
/** A body row's cell (col: the table column's index) or its status cell. */
const bodyCell = (row: number, col: number | 'status'): ReturnType<Page['locator']> => grid().locator(`.ag-grid-scrolling-rows .ag-row[row-index="${row}"] [col-id="${col}"]`).first()
const cellText = (row: number, col: number | 'status'): Promise<string> => bodyCell(row, col).innerText({ timeout: 2000 }).catch(() => '')
const pinnedCell = (row: number, col: number): ReturnType<Page['locator']> => grid().locator(`.ag-row[row-index="t-${row}"] [col-id="${col}"]`).first()
const sqlText = (): Promise<string> => page.locator('[data-testid="data-sql"]').innerText()
const COL = { id: 0, name: 1, price: 2, qty: 3, active: 4, created: 5 }

async function where(text: string): Promise<void> {
  await page.locator('[data-testid="data-where"]').fill(text)
  await page.locator('[data-testid="data-where"]').press('Enter')
}

async function editCell(cell: ReturnType<Page['locator']>, value: string): Promise<void> {
  await cell.dblclick()
  const input = page.locator('[data-testid="cell-editor-input"]')
  await input.waitFor()
  await input.fill(value)
  await input.press('Enter')
  await page.locator('[data-testid="cell-editor"]').waitFor({ state: 'detached' })
}

async function openTable(connectionId: string, table: string, by: 'tree' | 'name'): Promise<void> {
  await page.locator(`[data-testid="connection-${connectionId}"] button`).first().click()
  if (by === 'tree') {
    const node = page.locator(`[data-testid="table-node-${table}"]`)
    await node.waitFor({ timeout: 30_000 })
    await node.click({ button: 'right' })
    await page.locator('[data-testid="action-open-data"]').click()
  } else {
    await page.locator('[data-testid="view-data"]').click()
    await page.locator('[data-testid="data-open-input"]').fill(table)
    await page.locator('[data-testid="data-open-input"]').press('Enter')
  }
  await page.locator(`[data-testid="data-table-view"][data-table="${table}"]`).waitFor({ timeout: 30_000 })
}

async function closeDataTabs(): Promise<void> {
  for (;;) {
    const close = page.locator('.data-tab-close').first()
    if (!(await close.count())) return
    await close.click()
  }
}

const shot = (name: string): Promise<Buffer> => page.screenshot({ path: `/tmp/data-${name}.png` })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qg-data-'))
  session = await openAppInBrowser()
  page = session.page
  page.on('dialog', (d) => void d.accept()) // "discard pending changes?" when a data tab is closed
  await page.goto(session.app.url)
  await page.locator('[data-testid="view-data"]').waitFor()
})

afterAll(async () => {
  await session?.close()
  rmSync(dir, { recursive: true, force: true })
})

const engines: [string, boolean, () => Engine][] = [
  ['SQLite', true, sqlite],
  ['PostgreSQL', !!PG_URL, postgres],
  ['MariaDB', !!MYSQL_URL, mariadb],
  ['DuckDB', true, duckdb]
]

describe.each(engines)('the table data view on %s', (_name, enabled, make) => {
  let engine: Engine
  let id = ''
  let readOnlyId = ''
  const num = (v: unknown): number => Number(v)

  beforeAll(async () => {
    if (!enabled) return
    engine = make()
    await engine.setup()
    id = (await rpc(session.app, 'connections.create', (await engine.connection()) as never)).id
    readOnlyId = (await rpc(session.app, 'connections.create', { ...(await engine.connection()), name: `${engine.name} read-only`, readOnly: true } as never)).id
    await page.goto(session.app.url)
  })
  afterAll(async () => {
    if (!enabled) return
    await engine.release?.([id, readOnlyId])
    await engine.teardown()
  })

  it.skipIf(!enabled)('opens a table, filters with WHERE and a column filter, sorts, counts and pages far down', async () => {
    await openTable(id, 'dv_items', engine.openBy)
    await expect.poll(() => cellText(0, COL.name), { timeout: 20_000 }).toBe('item-0001')
    await expect.poll(sqlText).toMatch(/select[\s\S]*dv_items/i)

    await where('qty = 3')
    await expect.poll(() => cellText(0, COL.id)).toBe('3')
    await page.locator('[data-testid="filter-add"]').click()
    await page.locator('[data-testid="data-filter-0"] [data-testid="filter-column"]').selectOption('price')
    await page.locator('[data-testid="data-filter-0"] [data-testid="filter-op"]').selectOption('>')
    await page.locator('[data-testid="data-filter-0"] [data-testid="filter-value"]').fill('100')
    await page.locator('[data-testid="data-filter-0"] [data-testid="filter-value"]').press('Enter')
    await expect.poll(() => cellText(0, COL.id)).toBe('73')
    await expect.poll(sqlText).toMatch(/where[\s\S]*price\W* > '?100'? and \(\s*qty = 3\s*\)/i)
    await page.locator('[data-testid="data-count"]').click()
    await expect.poll(() => page.locator('[data-testid="data-count-value"]').innerText()).toBe('293 rows')

    // sort by price descending (two clicks), then Shift+click name as a second key
    const header = (name: string): ReturnType<Page['locator']> => grid().locator(`.ag-header-cell[col-id="${COL[name as keyof typeof COL]}"] .ag-header-cell-label`)
    await header('price').click()
    await expect.poll(() => cellText(0, COL.id)).toBe('73')
    await header('price').click()
    await expect.poll(() => cellText(0, COL.id)).toBe('2993')
    await header('name').click({ modifiers: ['Shift'] })
    await expect.poll(sqlText).toMatch(/order by[\s\S]*price[\s\S]*desc[\s\S]*name/i)
    await shot(`${engine.name}-filtered`)

    // a refused WHERE is shown in place
    await where('1 = 1; delete from dv_items')
    await expect.poll(() => page.locator('[data-testid="data-rows-error"]').innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/refused|one statement|must/i)

    // the whole table: count, then jump near the end
    await where('')
    await page.locator('[data-testid="data-filter-0"] button').click()
    await header('price').click() // back to no sort (asc → desc → none)
    await page.locator('[data-testid="data-count"]').click()
    await expect.poll(() => page.locator('[data-testid="data-count-value"]').innerText()).toBe(`${ROWS.toLocaleString('en-US')} rows`)
    await expect.poll(() => page.locator('[data-testid="data-rows-error"]').count()).toBe(0)
    await grid().locator('.ag-grid-viewport').evaluate((el) => (el.scrollTop = el.scrollHeight))
    await expect.poll(() => cellText(ROWS - 1, COL.name), { timeout: 20_000 }).toMatch(/^item-\d{4}$/)
    await shot(`${engine.name}-paged`)
  })

  it.skipIf(!enabled)('edits a cell, adds and deletes rows, previews the SQL and applies it', async () => {
    await where('id <= 5')
    await expect.poll(() => cellText(0, COL.id)).toBe('1')
    await expect.poll(() => grid().locator('.ag-grid-scrolling-rows .ag-row').count()).toBe(5)
    await editCell(bodyCell(0, COL.name), 'renamed one')
    await expect.poll(() => bodyCell(0, COL.name).getAttribute('class')).toContain('data-changed')
    await editCell(bodyCell(0, COL.price), '7.25')

    await page.locator('[data-testid="data-add-row"]').click()
    await editCell(pinnedCell(0, COL.id), '9001')
    await editCell(pinnedCell(0, COL.name), 'added row')
    await editCell(pinnedCell(0, COL.price), '12.50')
    await editCell(pinnedCell(0, COL.created), '2025-02-03')

    await bodyCell(1, COL.name).click()
    await page.locator('[data-testid="data-delete-row"]').click()
    await expect.poll(() => grid().locator('.ag-grid-scrolling-rows .ag-row[row-index="1"]').first().getAttribute('class')).toContain('data-deleted')
    await expect.poll(() => page.locator('[data-testid="data-pending"]').innerText()).toBe('3 pending changes')

    await page.locator('[data-testid="data-preview-button"]').click()
    const preview = page.locator('[data-testid="data-preview-sql"]')
    await expect.poll(() => preview.innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/update[\s\S]*insert[\s\S]*delete/i)
    expect(await preview.innerText()).toContain('renamed one')
    await shot(`${engine.name}-preview`)
    await page.locator('[data-testid="data-preview-apply"]').click()
    await expect.poll(() => page.locator('[data-testid="data-apply-message"]').innerText().catch(() => ''), { timeout: 15_000 }).toBe('Applied 3 changes.')
    await expect.poll(() => cellText(0, COL.name)).toBe('renamed one')

    await engine.release?.([id, readOnlyId])
    const rows = await engine.query('select id, name, price from dv_items where id <= 5 or id > 9000 order by id')
    expect(rows.map((r) => [num(r.id), r.name, num(r.price)])).toEqual([
      [1, 'renamed one', 7.25],
      [3, 'item-0003', 4.5],
      [4, 'item-0004', 6],
      [5, 'item-0005', 7.5],
      [9001, 'added row', 12.5]
    ])
    expect(num((await engine.query('select count(*) as n from dv_items'))[0]!.n)).toBe(ROWS)
  })

  it.skipIf(!enabled)('shows a failing change at its row and applies nothing', async () => {
    await page.locator('[data-testid="data-refresh"]').click()
    await expect.poll(() => cellText(1, COL.id), { timeout: 20_000 }).toBe('3')
    await page.locator('[data-testid="data-add-row"]').click()
    await editCell(pinnedCell(0, COL.id), '9002')
    await editCell(pinnedCell(0, COL.name), 'fine row')
    await editCell(bodyCell(1, COL.name), 'item-0004') // row id 3 takes id 4's unique name
    await page.locator('[data-testid="data-apply"]').click()
    await expect.poll(() => page.locator('[data-testid="data-apply-message"]').innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/^Nothing was applied: change 1 of 2 failed/)
    await expect.poll(() => cellText(1, 'status')).toMatch(/^⚠/)
    expect(await grid().locator('.ag-grid-scrolling-rows .ag-row[row-index="1"]').first().getAttribute('class')).toContain('data-row-error')
    expect(await page.locator('[data-testid="data-pending"]').innerText()).toBe('2 pending changes')
    await shot(`${engine.name}-failed`)

    await engine.release?.([id, readOnlyId])
    const rows = await engine.query('select id, name from dv_items where id in (3, 9002) order by id')
    expect(rows.map((r) => [num(r.id), r.name])).toEqual([[3, 'item-0003']])
    await page.locator('[data-testid="data-revert-all"]').click()
    expect(await page.locator('[data-testid="data-pending"]').innerText()).toMatch(/Double-click/)
  })

  it.skipIf(!enabled)('says why a table without a key and a read-only connection cannot be edited', async () => {
    await openTable(id, 'dv_nokey', 'name')
    await expect.poll(() => page.locator('[data-testid="data-not-editable"]').innerText()).toMatch(/key/i)
    expect(await page.locator('[data-testid="data-add-row"]').count()).toBe(0)
    await expect.poll(() => cellText(0, 1)).toMatch(/^[xy]$/)

    await openTable(readOnlyId, 'dv_items', 'name')
    await expect.poll(() => page.locator('[data-testid="data-not-editable"]').innerText()).toMatch(/read-only/i)
    expect(await page.locator('[data-testid="data-add-row"]').count()).toBe(0)
    await expect.poll(() => cellText(0, COL.id)).toBe('1')
    // the API refuses as well, whatever the view shows
    await expect(rpc(session.app, 'data.apply', { connectionId: readOnlyId, table: { name: 'dv_items' }, changes: [{ kind: 'delete', key: { id: 1 } }] })).rejects.toThrow(/read-only/i)
    await closeDataTabs()
  })
})

describe('a production connection (SQLite)', () => {
  it('asks before applying, then applies', async () => {
    const sample = (await rpc(session.app, 'connections.list', {})).find((c) => c.builtin)!
    await rpc(session.app, 'connections.connect', { id: sample.id }) // the app's copy of the sample exists from here
    const db = new Database(join(session.app.dataDir, 'sample.db'))
    try {
      const prod = await rpc(session.app, 'connections.create', { dialect: 'sqlite', filePath: join(session.app.dataDir, 'sample.db'), name: 'Prod copy', tag: 'production', readOnly: false } as never)
      await page.goto(session.app.url)
      // a double-click on the table in the schema tree opens its data
      await page.locator(`[data-testid="connection-${prod.id}"] button`).first().click()
      await page.locator('[data-testid="table-node-suppliers"]').dblclick()
      await page.locator('[data-testid="data-table-view"][data-table="suppliers"]').waitFor({ timeout: 30_000 })
      await expect.poll(() => cellText(0, 0), { timeout: 20_000 }).toBe('1')
      const column = await page.locator('.ag-header-cell[col-id="4"]').innerText()
      expect(column).toMatch(/phone/)
      await editCell(bodyCell(0, 4), '+1 555 0100')
      await page.locator('[data-testid="data-apply"]').click()
      await page.locator('[data-testid="data-confirm"]').waitFor()
      await shot('production-confirm')
      expect(db.prepare('select phone from suppliers where supplier_id = 1').get()).not.toEqual({ phone: '+1 555 0100' })
      await page.locator('[data-testid="data-confirm-ok"]').click()
      await expect.poll(() => page.locator('[data-testid="data-apply-message"]').innerText().catch(() => ''), { timeout: 15_000 }).toBe('Applied 1 change.')
      expect(db.prepare('select phone from suppliers where supplier_id = 1').get()).toEqual({ phone: '+1 555 0100' })

      // the customers table of the sample, in the dark theme, with a JSON-free typed editor open
      await page.locator('[data-testid="theme-toggle"]').click()
      // the command palette's "Open table data…" puts the focus in the Data view's name field
      await page.keyboard.press('ControlOrMeta+Shift+P')
      await page.locator('[data-testid="command-palette-input"]').fill('open table data')
      await page.locator('[data-testid="command-data.openTable"]').click()
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('data-open-input')
      await page.keyboard.insertText('customers')
      await page.keyboard.press('Enter')
      await page.locator('[data-testid="data-table-view"][data-table="customers"]').waitFor()
      // the sort of a tab is kept when another tab was shown meanwhile
      await grid().locator('.ag-header-cell[col-id="2"] .ag-header-cell-label').click()
      await expect.poll(() => sqlText()).toMatch(/order by "last_name" asc/i)
      await page.locator('[data-testid="data-tab-suppliers"] .data-tab-label').click()
      await page.locator('[data-testid="data-table-view"][data-table="suppliers"]').waitFor()
      await page.locator('[data-testid="data-tab-customers"] .data-tab-label').click()
      await expect.poll(() => sqlText()).toMatch(/order by "last_name" asc/i)
      expect(await grid().locator('.ag-header-cell[col-id="2"]').getAttribute('aria-sort')).toBe('ascending')
      await page.locator('[data-testid="data-count"]').click()
      await expect.poll(() => page.locator('[data-testid="data-count-value"]').innerText()).toBe('3,000 rows')
      await bodyCell(2, 2).dblclick()
      await page.locator('[data-testid="cell-editor"]').waitFor()
      await shot('dark-editor')
      await page.keyboard.press('Escape')
      // pending changes in the dark theme: a changed cell, a new row, a deleted row; then all reverted
      await editCell(bodyCell(0, 1), 'Zed')
      await page.locator('[data-testid="data-add-row"]').click()
      await bodyCell(1, 1).click()
      await page.locator('[data-testid="data-delete-row"]').click()
      await expect.poll(() => page.locator('[data-testid="data-pending"]').innerText()).toBe('3 pending changes')
      await shot('dark-pending')
      await page.locator('[data-testid="data-revert-all"]').click()
      await expect.poll(() => bodyCell(0, 1).getAttribute('class')).not.toContain('data-changed')
      expect(session.watched.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
    } finally {
      db.close()
    }
  })
})

describe.skipIf(!PG_URL)('typed cell editors (PostgreSQL)', () => {
  const client = new pg.Client({ connectionString: PG_URL })
  beforeAll(async () => {
    await client.connect()
    await client.query(`
      drop table if exists dv_types; drop type if exists dv_mood;
      create type dv_mood as enum ('sad', 'ok', 'happy');
      create table dv_types (id integer generated always as identity primary key, mood dv_mood, doc jsonb, flag boolean not null default false,
        at timestamp, bytes bytea, twice integer generated always as (id * 2) stored);
      insert into dv_types (mood, doc, flag, at) values ('ok', '{"x": 1}', false, '2024-05-06 07:08:09');
    `)
  })
  afterAll(async () => {
    await client.query('drop table if exists dv_types; drop type if exists dv_mood').catch(() => undefined)
    await client.end()
  })

  it('edits an enum, JSON (validated), a boolean, a timestamp and bytes from a file; leaves identity and generated columns alone', async () => {
    const { id } = await rpc(session.app, 'connections.create', { ...parseConnectionUrl(PG_URL!), name: 'PG types' } as never)
    await page.goto(session.app.url)
    await openTable(id, 'dv_types', 'name')
    await expect.poll(() => cellText(0, 1)).toBe('ok')
    const open = async (row: ReturnType<Page['locator']>): Promise<ReturnType<Page['locator']>> => {
      await row.dblclick()
      await page.locator('[data-testid="cell-editor"]').waitFor()
      return page.locator('[data-testid="cell-editor-input"]')
    }
    const ok = (): Promise<void> => page.locator('[data-testid="cell-editor-save"]').click()

    // enum: a select of the labels
    const mood = await open(bodyCell(0, 1))
    expect(await mood.locator('option').allInnerTexts()).toEqual(['sad', 'ok', 'happy'])
    await mood.selectOption('happy')
    await ok()
    // JSON: refused until it parses
    const doc = await open(bodyCell(0, 2))
    await doc.fill('{"a": ')
    await ok()
    await expect.poll(() => page.locator('[data-testid="cell-editor-error"]').innerText()).toMatch(/Not valid JSON/)
    await shot('json-invalid')
    await doc.fill('{"a": [1, 2]}')
    await ok()
    // boolean
    await (await open(bodyCell(0, 3))).selectOption('true')
    await ok()
    await editCell(bodyCell(0, 4), '2025-01-02 03:04:05')
    // bytes from a file
    await bodyCell(0, 5).dblclick()
    await page.locator('[data-testid="cell-editor-input"]').setInputFiles({ name: 'b.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 255]) })
    await expect.poll(() => page.locator('[data-testid="cell-editor"]').innerText()).toMatch(/4 bytes chosen/)
    await ok()
    // identity (on an existing row) and generated columns open no editor
    await bodyCell(0, 0).dblclick()
    await bodyCell(0, 6).dblclick()
    expect(await page.locator('[data-testid="cell-editor"]').count()).toBe(0)

    // a new row with the identity left to the server; NULL set on purpose
    await page.locator('[data-testid="data-add-row"]').click()
    await (await open(pinnedCell(0, 1))).selectOption('sad')
    await ok()
    await open(pinnedCell(0, 4))
    await page.locator('[data-testid="cell-editor-null"]').click()
    await pinnedCell(0, 6).dblclick()
    expect(await page.locator('[data-testid="cell-editor"]').count()).toBe(0)
    await shot('typed-pending')

    await page.locator('[data-testid="data-apply"]').click()
    await expect.poll(() => page.locator('[data-testid="data-apply-message"]').innerText().catch(() => ''), { timeout: 15_000 }).toBe('Applied 2 changes.')
    const { rows } = await client.query(`select id, mood::text, doc, flag, to_char(at, 'YYYY-MM-DD HH24:MI:SS') as at, encode(bytes, 'hex') as bytes, twice from dv_types order by id`)
    expect(rows).toEqual([
      { id: 1, mood: 'happy', doc: { a: [1, 2] }, flag: true, at: '2025-01-02 03:04:05', bytes: '000102ff', twice: 2 },
      { id: 2, mood: 'sad', doc: null, flag: false, at: null, bytes: null, twice: 4 }
    ])
  })
})
