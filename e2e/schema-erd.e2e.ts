/// <reference lib="dom" />
import Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright'
import { ARTIFACTS, ROOT, screenshot, setEditorText, watchPage, type RunningApp, openAppInBrowser } from './harness'

let app: RunningApp
let browser: BrowserContext
let page: Page
let watched: ReturnType<typeof watchPage>

/** Tables and foreign keys of the bundled sample database, read straight from the file. */
const sample = (() => {
  const db = new Database(join(ROOT, 'resources/sample.db'), { readonly: true })
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[]
    const fks = db.prepare("select count(distinct m.name || ':' || f.id) from sqlite_master m join pragma_foreign_key_list(m.name) f where m.type = 'table'").pluck().get() as number
    return { tables, fks }
  } finally {
    db.close()
  }
})()

beforeAll(async () => {
  ;({ app, browser, page, watched } = await openAppInBrowser())
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe('schema explorer and ERD on the sample database', () => {
  it('lists the sample tables names-first in the explorer', async () => {
    await page.goto(app.url)
    await expect.poll(() => page.locator('[data-testid="schema-tree"]').innerText(), { timeout: 30_000 }).toContain('customers')
  })

  it('filters the explorer and shows a table’s columns with key marks', async () => {
    await page.locator('[data-testid="schema-filter"]').fill('order')
    await expect.poll(() => page.locator('[data-testid^="table-node-"]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('order_items'), expect.stringContaining('orders')]))
    expect(await page.locator('[data-testid="table-node-customers"]').count()).toBe(0)
    await page.locator('[data-testid="table-node-order_items"]').click()
    await expect.poll(() => page.locator('[data-testid="schema-tree"]').innerText()).toContain('line_no')
    expect(await page.locator('[data-testid="schema-tree"]').innerText()).toMatch(/PK\s*order_id/)
    await screenshot(page, 'schema-explorer-filtered')
    await page.locator('[data-testid="schema-filter"]').fill('')
  })

  it('opens the ERD of the whole sample database with every table and foreign key', async () => {
    await page.locator('[data-testid="view-erd"]').click()
    await expect.poll(() => page.locator('[data-testid="erd-status"]').innerText(), { timeout: 30_000 }).toContain(`${sample.tables.length} of ${sample.tables.length} tables`)
    await expect.poll(() => page.locator('[data-testid^="erd-node-"]').count()).toBe(sample.tables.length)
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(sample.fks)
    const names = await page.locator('[data-testid^="erd-node-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('erd-node-', '')))
    expect(names.sort()).toEqual(sample.tables)
    expect(await page.locator('[data-testid="erd-node-order_items"]').innerText()).toMatch(/PK\s*order_id/)
    expect(await page.locator('.react-flow__minimap').count()).toBe(1)
    await screenshot(page, 'erd-sample-all')
  })

  it('exports the diagram as an SVG with the same tables and edges', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="erd-export-svg"]').click()])
    expect(download.suggestedFilename()).toMatch(/\.svg$/)
    const path = join(ARTIFACTS, 'erd-sample.svg')
    await download.saveAs(path)
    const svg = readFileSync(path, 'utf8')
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    expect(svg.match(/class="er-table"/g)?.length).toBe(sample.tables.length)
    expect(svg.match(/class="er-edge"/g)?.length).toBe(sample.fks)
    for (const t of sample.tables) expect(svg).toContain(`data-id="main.${t}" data-table="${t}"`)
  })

  it('exports a PNG', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="erd-export-png"]').click()])
    const path = join(ARTIFACTS, 'erd-sample.png')
    await download.saveAs(path)
    expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG')
  })

  it('shows a selection plus its neighbours, from the explorer and from search', async () => {
    await page.locator('[data-testid="view-editor"]').click()
    await page.locator('[data-testid="table-node-returns"]').click({ button: 'right' })
    await page.locator('[data-testid="action-erd"]').click()
    await expect.poll(() => page.locator('[data-testid^="erd-node-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')).sort()), { timeout: 20_000 }).toEqual(['erd-node-order_items', 'erd-node-returns'])
    await page.locator('[data-testid="erd-hops"]').selectOption('2')
    await expect.poll(() => page.locator('[data-testid^="erd-node-"]').count(), { timeout: 20_000 }).toBe(4)
    await page.locator('[data-testid="erd-search"]').fill('suppl')
    await page.locator('[data-testid="erd-matches"] button', { hasText: 'main.suppliers' }).click()
    await expect.poll(() => page.locator('[data-testid^="erd-node-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')).sort()), { timeout: 20_000 }).toEqual(
      ['erd-node-categories', 'erd-node-inventory', 'erd-node-order_items', 'erd-node-products', 'erd-node-suppliers']
    )
    await screenshot(page, 'erd-suppliers-2-hops')
  })

  it('generates DDL and runs SELECT top 100 from the explorer', async () => {
    await page.locator('[data-testid="view-editor"]').click()
    await page.locator('[data-testid="table-node-payments"]').click({ button: 'right' })
    await page.locator('[data-testid="action-ddl"]').click()
    await expect.poll(() => page.locator('[data-testid="ddl-text"]').innerText()).toContain('CREATE TABLE payments (')
    expect(await page.locator('[data-testid="ddl-text"]').innerText()).toContain('REFERENCES orders (order_id) ON DELETE CASCADE')
    await page.locator('[data-testid="ddl-dialog"] button[aria-label="Close"]').click()
    await page.locator('[data-testid="table-node-stores"]').click({ button: 'right' })
    await page.locator('[data-testid="action-select-top"]').click()
    await expect.poll(() => page.locator('[data-testid="status-rows"]').innerText(), { timeout: 20_000 }).toContain('24 rows')
    expect((await page.locator('[data-testid="sql-editor"] .view-lines').innerText()).replace(/\u00a0/g, ' ')).toContain('SELECT * FROM stores LIMIT 100;')
  })

  it('opens a table’s docs from the explorer', async () => {
    await page.locator('[data-testid="view-editor"]').click()
    await page.locator('[data-testid="table-node-suppliers"]').click({ button: 'right' })
    await page.locator('[data-testid="action-docs"]').click()
    const preview = page.locator('[data-testid="docs-preview"] iframe')
    await expect.poll(() => preview.getAttribute('srcdoc'), { timeout: 20_000 }).toContain('suppliers')
    expect(await preview.getAttribute('srcdoc')).toContain('company_name')
  })

  it('completes alias columns and foreign-key joins in the editor', async () => {
    await page.locator('[data-testid="view-editor"]').click()
    await setEditorText(page, 'SELECT * FROM orders o WHERE o.')
    const suggest = page.locator('.monaco-editor .suggest-widget')
    await page.keyboard.press('Control+Space')
    await expect.poll(() => suggest.innerText(), { timeout: 10_000 }).toContain('customer_id')
    expect(await suggest.innerText()).toContain('total_amount')
    await page.keyboard.press('Escape')
    await setEditorText(page, 'SELECT * FROM orders o JOIN ')
    await page.keyboard.press('Control+Space')
    await expect.poll(() => suggest.innerText(), { timeout: 10_000 }).toContain('customers c ON c.customer_id = o.customer_id')
    await screenshot(page, 'completion-join')
    await page.keyboard.insertText('cust')
    await expect.poll(() => suggest.locator('.monaco-list-row.focused').innerText()).toContain('customers c ON')
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await page.locator('[data-testid="sql-editor"] .view-lines').innerText()).replace(/\u00a0/g, ' ')).toContain('JOIN customers c ON c.customer_id = o.customer_id')
  })

  it('hovers a column with its type', async () => {
    await setEditorText(page, 'SELECT o.total_amount FROM orders o')
    await page.keyboard.press('Escape')
    await page.locator('[data-testid="sql-editor"] .view-lines span', { hasText: 'total_amount' }).last().hover()
    await expect.poll(() => page.locator('.monaco-hover').first().innerText().catch(() => ''), { timeout: 10_000 }).toContain('orders.total_amount')
    expect(await page.locator('.monaco-hover').first().innerText()).toContain('numeric(12,2)')
  })

  it('stayed offline and error-free', () => {
    expect(watched.external).toEqual([])
    expect(watched.errors.filter((e) => !/favicon/.test(e))).toEqual([])
  })
})
