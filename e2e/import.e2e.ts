import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../src/main/services/connections/url'
import { openAppInBrowser, screenshot, type BrowserSession } from './harness'
import { rpc } from './rpc'

const PG_URL = process.env.PG_URL
let session: BrowserSession
let page: Page
let pgConnectionId: string | undefined
const dir = mkdtempSync(join(tmpdir(), 'qg-import-e2e-'))
const uid = Math.random().toString(36).slice(2, 8)
const pgTable = `qg_e2e_import_${uid}`

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

beforeAll(async () => {
  session = await openAppInBrowser()
  page = session.page
  if (PG_URL) pgConnectionId = (await rpc(session.app, 'connections.create', { ...parseConnectionUrl(PG_URL), name: 'PG import' } as never)).id
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
})
