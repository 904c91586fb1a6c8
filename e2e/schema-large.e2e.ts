/// <reference lib="dom" />
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright'
import { parseConnectionUrl } from '../src/main/services/connections/url'
import { openAppInBrowser, screenshot, type watchPage, type RunningApp } from './harness'
import { rpc } from './rpc'

const TABLES = 10_000

let app: RunningApp
let browser: BrowserContext
let page: Page
let watched: ReturnType<typeof watchPage>
let connectionId: string
let bigPath: string

/** A SQLite file with 10,000 tables, each referencing the one before. */
function bigDatabase(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'qg-big-')), 'big.db')
  const db = new Database(path)
  db.transaction(() => {
    for (let i = 0; i < TABLES; i++) {
      const ref = i === 0 ? '' : `, prev_id integer references t${String(i - 1).padStart(5, '0')} (id)`
      db.exec(`create table t${String(i).padStart(5, '0')} (id integer primary key, name text not null, created_at text${ref})`)
    }
  })()
  db.close()
  return path
}

beforeAll(async () => {
  bigPath = bigDatabase()
  ;({ app, browser, page, watched } = await openAppInBrowser())
  const created = await rpc(app, 'connections.create', { ...parseConnectionUrl(bigPath), name: 'Ten thousand tables', dialect: 'sqlite' } as never)
  connectionId = created.id
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  if (bigPath) rmSync(dirname(bigPath), { recursive: true, force: true })
})

describe('schema explorer and ERD with 10,000 tables', () => {
  it('lists every table while keeping only the visible rows in the DOM', async () => {
    await page.goto(app.url)
    await page.locator(`[data-testid="connection-${connectionId}"] button`).first().click()
    await expect.poll(() => page.locator('[data-testid="table-node-t00000"]').count(), { timeout: 60_000 }).toBe(1)
    const rows = page.locator('.schema-rows [role="treeitem"]')
    expect(await rows.count()).toBeLessThan(120)
    const height = await page.locator('.schema-rows > div').evaluate((el) => (el as HTMLElement).style.height)
    expect(height).toBe(`${TABLES * 22}px`)
    // Scroll to the end: the last tables render, the first ones leave the DOM.
    await page.locator('.schema-rows').evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await expect.poll(() => page.locator('[data-testid="table-node-t09999"]').count()).toBe(1)
    expect(await page.locator('[data-testid="table-node-t00000"]').count()).toBe(0)
    expect(await rows.count()).toBeLessThan(120)
    await screenshot(page, 'schema-10k-scrolled')
  })

  it('filters 10,000 names and expands a table’s details', async () => {
    await page.locator('[data-testid="schema-filter"]').fill('t0999')
    await expect.poll(() => page.locator('[data-testid^="table-node-"]').count()).toBe(10)
    await page.locator('[data-testid="table-node-t09995"]').click()
    await expect.poll(() => page.locator('[data-testid="schema-tree"]').innerText(), { timeout: 60_000 }).toContain('prev_id')
    expect(await page.locator('[data-testid="schema-tree"]').innerText()).toContain('FK (prev_id) → t09994 (id)')
    await page.locator('[data-testid="schema-filter"]').fill('')
  })

  it('caps the ERD at 200 tables and focuses on a searched one', async () => {
    await page.locator('[data-testid="view-erd"]').click()
    await expect.poll(() => page.locator('[data-testid="erd-status"]').innerText(), { timeout: 60_000 }).toContain(`200 of ${TABLES} tables`)
    await page.locator('[data-testid="erd-search"]').fill('t05000')
    await page.locator('[data-testid="erd-matches"] button', { hasText: 'main.t05000' }).click()
    await page.locator('[data-testid="erd-hops"]').selectOption('2')
    await expect.poll(() => page.locator('[data-testid^="erd-node-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')).sort()), { timeout: 30_000 }).toEqual(
      ['erd-node-t04998', 'erd-node-t04999', 'erd-node-t05000', 'erd-node-t05001', 'erd-node-t05002']
    )
    await screenshot(page, 'erd-10k-focus')
  })

  it('stayed error-free', () => {
    expect(watched.errors.filter((e) => !/favicon/.test(e))).toEqual([])
  })
})
