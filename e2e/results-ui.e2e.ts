/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppInBrowser, screenshot, setEditorText, type RunningApp } from './harness'

let app: RunningApp
let browser: BrowserContext
let page: Page

beforeAll(async () => {
  ;({ app, browser, page } = await openAppInBrowser())
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin })
  await page.goto(app.url)
  await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

const cell = (row: number, col: number) => page.locator(`[data-testid="result-grid"] .ag-row[row-index="${row}"] [col-id="${col}"]`)

describe('result tabs, messages, copy and the cell viewer (sample database)', () => {
  it('shows one tab per result set and a Messages tab with rows and timing', async () => {
    await setEditorText(page, "SELECT 1 AS a, 'x' AS b;\nSELECT 2 AS c UNION ALL SELECT 3;\nCREATE TEMP TABLE scratch (v INTEGER)")
    await page.keyboard.press('ControlOrMeta+Shift+Enter')
    await expect.poll(() => page.locator('[data-testid^="result-tab-"]').count(), { timeout: 20_000 }).toBe(2)
    await expect.poll(() => cell(0, 0).innerText().catch(() => '')).toBe('1')
    await page.locator('[data-testid="result-tab-1"]').click()
    await expect.poll(() => cell(1, 0).innerText().catch(() => '')).toBe('3')
    await page.locator('[data-testid="messages-tab"]').click()
    const messages = page.locator('[data-testid="messages-list"]')
    await expect.poll(() => messages.innerText()).toMatch(/1 row returned in \d+/)
    await expect.poll(() => messages.innerText()).toMatch(/2 rows returned/)
    await expect.poll(() => messages.innerText()).toMatch(/Finished in .*\(3 statements\)/)
    await screenshot(page, 'results-messages')
  })

  it('copies rows as JSON and as SQL INSERTs', async () => {
    await setEditorText(page, 'SELECT customer_id, email FROM customers ORDER BY customer_id LIMIT 3')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect.poll(() => cell(0, 0).innerText().catch(() => ''), { timeout: 20_000 }).toBe('1')
    await page.locator('[data-testid="copy-as"]').selectOption('json')
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()).then((t) => (t.startsWith('[') ? (JSON.parse(t) as unknown[]).length : 0))).toBe(3)
    const json = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as { customer_id: number; email: string }[]
    expect(json[0]!.customer_id).toBe(1)
    expect(json[0]!.email).toBe(await cell(0, 1).innerText())
    await page.locator('[data-testid="copy-as"]').selectOption('insert')
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^INSERT INTO "customers" \("customer_id", "email"\) VALUES\n  \(1, '/)
  })

  it('opens long JSON in the cell viewer, pretty-printed', async () => {
    await setEditorText(page, `SELECT json_object('name', 'QueryGenie', 'tags', json_array('sql', 'ai'), 'nested', json_object('deep', 1)) AS doc`)
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect.poll(() => cell(0, 0).innerText().catch(() => ''), { timeout: 20_000 }).toContain('QueryGenie')
    await cell(0, 0).dblclick()
    const body = page.locator('[data-testid="cell-viewer-body"]')
    await expect.poll(() => body.innerText()).toContain('"tags": [')
    expect(JSON.parse(await body.innerText())).toEqual({ name: 'QueryGenie', tags: ['sql', 'ai'], nested: { deep: 1 } })
    await screenshot(page, 'results-cell-viewer')
    await page.locator('[data-testid="cell-viewer"] button', { hasText: 'Close' }).click()
    await expect.poll(() => page.locator('[data-testid="cell-viewer"]').count()).toBe(0)
  })
})
