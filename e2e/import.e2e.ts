import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import mysql from 'mysql2/promise'
import pg from 'pg'
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../src/main/services/connections/url'
import { openAppInBrowser, screenshot, type BrowserSession } from './harness'
import { rpc } from './rpc'

const PG_URL = process.env.PG_URL
const MYSQL_URL = process.env.MYSQL_URL
let session: BrowserSession
let page: Page
let pgConnectionId: string | undefined
let mysqlConnectionId: string | undefined
let duckConnectionId = ''
const dir = mkdtempSync(join(tmpdir(), 'qg-import-e2e-'))
const uid = Math.random().toString(36).slice(2, 8)
const pgTable = `qg_e2e_import_${uid}`
const myTable = `qg_e2e_import_${uid}`
const myTarget = `qg_e2e_import_target_${uid}`
const duckFile = join(dir, 'import.duckdb')
/** The existing table's columns (id, full_name, price, note) and the file's (id, name, price, note). */
const TARGET_CSV = 'id,name,price,note\n1,Ada,12.5,first\n2,Grace,3.25,second\n3,Edsger,,third\n'

/** Kept with the other e2e screenshots, and in /tmp to look at. */
const shot = async (name: string): Promise<void> => copyFileSync(await screenshot(page, `import-${name}`), `/tmp/import-${name}.png`)

const CSV = ['id;name;price;joined;active', '1;"Smith; ""JJ""";12.50;2024-01-02;true', '2;"two\nlines";3.25;2024-02-03;false', 'x3;bad id;1;2024-03-04;true', '4;Ann;;;'].join('\r\n') + '\r\n'

/** Opens the Import dialog from the command palette (on the connection the sidebar browses), uploads the file, imports into a new table. */
async function importThroughUi(table: string, name: string): Promise<void> {
  const file = join(dir, 'people.csv')
  writeFileSync(file, CSV)
  await page.keyboard.press('ControlOrMeta+Shift+P')
  await page.locator('[data-testid="command-palette-input"]').fill('import data')
  await page.locator('[data-testid="command-import.open"]').click()
  const dialog = page.locator('[data-testid="import-dialog"]')
  await dialog.waitFor()
  await dialog.locator('[data-testid="import-file-input"]').setInputFiles(file)
  await expect.poll(() => dialog.locator('[data-testid="import-detected"]').innerText().catch(() => ''), { timeout: 20_000 }).toBe('CSV · delimiter ";" · utf-8 · header row')
  // the inferred types, with the id column (text because of "x3") set to integer by the user
  expect(await dialog.locator('[data-testid="import-type-2"]').inputValue()).toBe('decimal')
  expect(await dialog.locator('[data-testid="import-type-3"]').inputValue()).toBe('date')
  expect(await dialog.locator('[data-testid="import-type-4"]').inputValue()).toBe('boolean')
  await dialog.locator('[data-testid="import-type-0"]').selectOption('integer')
  await dialog.locator('[data-testid="import-table-name"]').fill(table)
  await dialog.locator('[data-testid="import-mode-transaction"]').check()
  await shot(`${name}-preview`)
  await dialog.locator('[data-testid="import-start"]').click()
  const progress = dialog.locator('[data-testid="import-progress"]')
  await expect.poll(() => progress.getAttribute('data-state'), { timeout: 30_000 }).toBe('done')
  expect(await progress.innerText()).toMatch(/Done: 3 rows imported\s+1 row rejected, with reasons, in .*people\.rejected( \(\d+\))?\.csv/)
  await shot(`${name}-done`)
  // web mode: the rejected rows come as a download, with the reason
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.locator('[data-testid="import-rejected-download"]').click()])
  const rejected = readFileSync((await download.path())!, 'utf8')
  expect(rejected).toBe('id,name,price,joined,active,line,reason\r\nx3,bad id,1,2024-03-04,true,3,id: not an integer: \'x3\'\r\n')
  await dialog.locator('button', { hasText: 'Close' }).last().click()
  await expect.poll(() => dialog.count()).toBe(0)
}

/**
 * Opens the Import dialog from an existing table's context menu, uploads a file whose `name` column goes into the table's
 * `full_name` (mapped by hand) and whose `note` column is skipped (it matched by name), and imports it.
 */
async function importIntoExisting(connectionId: string, table: string, shotName: string): Promise<void> {
  const file = join(dir, 'people-existing.csv')
  writeFileSync(file, TARGET_CSV)
  await page.locator(`[data-testid="connection-${connectionId}"] button`).first().click()
  await page.locator('[data-testid="schema-filter"]').fill(table)
  const node = page.locator(`[data-testid="table-node-${table}"]`)
  await node.waitFor({ timeout: 30_000 })
  await node.click({ button: 'right' })
  await page.locator('[data-testid="action-import"]').click()
  const dialog = page.locator('[data-testid="import-dialog"]')
  await dialog.waitFor()
  await dialog.locator('[data-testid="import-file-input"]').setInputFiles(file)
  await expect.poll(() => dialog.locator('[data-testid="import-detected"]').innerText().catch(() => ''), { timeout: 20_000 }).toBe('CSV · delimiter "," · utf-8 · header row')
  expect(await dialog.locator('[data-testid="import-kind-existing"]').isChecked()).toBe(true)
  // prefilled by name: id, price and note match; name does not
  const map = (i: number): ReturnType<Page['locator']> => dialog.locator(`[data-testid="import-map-${i}"]`)
  expect(await Promise.all([0, 1, 2, 3].map((i) => map(i).inputValue()))).toEqual(['id', '', 'price', 'note'])
  await map(1).selectOption('full_name')
  await map(3).selectOption('')
  // a target column fed twice is refused before the import starts
  await map(2).selectOption('id')
  await expect.poll(() => dialog.locator('[data-testid="import-mapping-problem"]').innerText().catch(() => '')).toBe('Column id is mapped from more than one column of the file.')
  expect(await dialog.locator('[data-testid="import-start"]').isDisabled()).toBe(true)
  await map(2).selectOption('price')
  await expect.poll(() => dialog.locator('[data-testid="import-mapping-problem"]').count()).toBe(0)
  expect(await dialog.locator('[data-testid="import-kind-existing"]').locator('..').innerText()).toContain('3 of 4 columns mapped')
  await shot(shotName)
  await dialog.locator('[data-testid="import-start"]').click()
  const progress = dialog.locator('[data-testid="import-progress"]')
  await expect.poll(() => progress.getAttribute('data-state'), { timeout: 30_000 }).toBe('done')
  expect(await progress.innerText()).toBe('Done: 3 rows imported')
  await dialog.locator('button', { hasText: 'Close' }).last().click()
  await expect.poll(() => dialog.count()).toBe(0)
  await page.locator('[data-testid="schema-filter"]').fill('')
}

const TARGET_ROWS = [
  { id: 1, full_name: 'Ada', price: '12.50', note: null },
  { id: 2, full_name: 'Grace', price: '3.25', note: null },
  { id: 3, full_name: 'Edsger', price: null, note: null }
]

beforeAll(async () => {
  if (MYSQL_URL) {
    const c = await mysql.createConnection(MYSQL_URL)
    await c.query(`CREATE TABLE ${myTarget} (id INT, full_name VARCHAR(100), price DECIMAL(10, 2), note VARCHAR(100))`)
    await c.end()
  }
  const db = await DuckDBInstance.create(duckFile)
  const dc = await db.connect()
  await dc.run('CREATE TABLE people_target (id INTEGER, full_name VARCHAR, price DECIMAL(10, 2), note VARCHAR)')
  dc.closeSync()
  db.closeSync()
  session = await openAppInBrowser()
  page = session.page
  if (PG_URL) pgConnectionId = (await rpc(session.app, 'connections.create', { ...parseConnectionUrl(PG_URL), name: 'PG import' } as never)).id
  if (MYSQL_URL) mysqlConnectionId = (await rpc(session.app, 'connections.create', { ...parseConnectionUrl(MYSQL_URL), name: 'MariaDB import' } as never)).id
  duckConnectionId = (await rpc(session.app, 'connections.create', { name: 'DuckDB import', dialect: 'duckdb', filePath: duckFile } as never)).id
  await page.goto(session.app.url)
  await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
})

afterAll(async () => {
  if (PG_URL) {
    const c = new pg.Client({ connectionString: PG_URL })
    await c.connect()
    await c.query(`DROP TABLE IF EXISTS ${pgTable}`)
    await c.end()
  }
  if (MYSQL_URL) {
    const c = await mysql.createConnection(MYSQL_URL)
    await c.query(`DROP TABLE IF EXISTS ${myTable}, ${myTarget}`)
    await c.end()
  }
  await session?.close()
})

describe('Import data (web mode: the browser uploads the file)', () => {
  it('imports a CSV into a new table of the sample SQLite database', async () => {
    await importThroughUi('imported_people', 'sqlite')
    // the new table shows in the schema tree
    await expect.poll(() => page.locator('[data-testid="table-node-imported_people"]').count(), { timeout: 20_000 }).toBe(1)
    expect(session.watched.errors).toEqual([])
  })

  it.skipIf(!PG_URL)('imports a CSV into a new PostgreSQL table (COPY FROM STDIN)', async () => {
    await page.locator(`[data-testid="connection-${pgConnectionId}"] button`).first().click()
    await importThroughUi(pgTable, 'postgres')
    const c = new pg.Client({ connectionString: PG_URL })
    await c.connect()
    try {
      const { rows } = await c.query(`SELECT id, name, price::text, joined::text, active FROM ${pgTable} ORDER BY id`)
      expect(rows).toEqual([
        { id: 1, name: 'Smith; "JJ"', price: '12.50', joined: '2024-01-02', active: true },
        { id: 2, name: 'two\nlines', price: '3.25', joined: '2024-02-03', active: false },
        { id: 4, name: 'Ann', price: null, joined: null, active: null }
      ])
    } finally {
      await c.end()
    }
  })

  it.skipIf(!MYSQL_URL)('imports a CSV into a new MariaDB table, and into an existing one with a column mapped by hand and one skipped', async () => {
    await page.locator(`[data-testid="connection-${mysqlConnectionId}"] button`).first().click()
    await importThroughUi(myTable, 'mariadb')
    await importIntoExisting(mysqlConnectionId!, myTarget, 'mapping')
    const c = await mysql.createConnection({ uri: MYSQL_URL, dateStrings: true, decimalNumbers: false })
    try {
      const [rows] = await c.query(`SELECT id, name, price, joined, active FROM ${myTable} ORDER BY id`)
      expect(rows).toEqual([
        { id: 1, name: 'Smith; "JJ"', price: '12.50', joined: '2024-01-02', active: 1 },
        { id: 2, name: 'two\nlines', price: '3.25', joined: '2024-02-03', active: 0 },
        { id: 4, name: 'Ann', price: null, joined: null, active: null }
      ])
      const [target] = await c.query(`SELECT id, full_name, price, note FROM ${myTarget} ORDER BY id`)
      expect(target).toEqual(TARGET_ROWS)
    } finally {
      await c.end()
    }
  })

  it('imports a CSV into a new DuckDB table, and into an existing one with a column mapped by hand and one skipped', async () => {
    await page.locator(`[data-testid="connection-${duckConnectionId}"] button`).first().click()
    await importThroughUi('people_new', 'duckdb')
    await importIntoExisting(duckConnectionId, 'people_target', 'duckdb-mapping')
    // DuckDB locks the file against other processes while the app has it open
    await rpc(session.app, 'connections.disconnect', { id: duckConnectionId })
    const db = await DuckDBInstance.create(duckFile, { access_mode: 'READ_ONLY' })
    const c = await db.connect()
    try {
      const rows = async (sql: string): Promise<Record<string, unknown>[]> => (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]
      expect(await rows('SELECT id, name, price::VARCHAR AS price, joined::VARCHAR AS joined, active FROM people_new ORDER BY id')).toEqual([
        { id: 1, name: 'Smith; "JJ"', price: '12.50', joined: '2024-01-02', active: true },
        { id: 2, name: 'two\nlines', price: '3.25', joined: '2024-02-03', active: false },
        { id: 4, name: 'Ann', price: null, joined: null, active: null }
      ])
      expect(await rows('SELECT id, full_name, price::VARCHAR AS price, note FROM people_target ORDER BY id')).toEqual(TARGET_ROWS)
    } finally {
      c.closeSync()
      db.closeSync()
    }
    expect(session.watched.errors).toEqual([])
  })
})
