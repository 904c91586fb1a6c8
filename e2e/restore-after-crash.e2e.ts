/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../src/main/services/connections/url'
import { launchBrowser, screenshot, setEditorText, startApp, type RunningApp, useConnectionInTab } from './harness'
import { rpc } from './rpc'

let first: RunningApp
let second: RunningApp | undefined
let browser: BrowserContext
let page: Page

beforeAll(async () => {
  first = await startApp()
  await rpc(first, 'connections.create', { ...parseConnectionUrl(process.env.PG_URL!), name: 'PG crash', dialect: 'postgres' } as never)
  browser = await launchBrowser()
  page = await browser.newPage()
})

afterAll(async () => {
  await browser?.close()
  await first?.stop()
  await second?.stop()
})

const editorText = (): Promise<string> => page.locator('[data-testid="sql-editor"] .view-lines').innerText().then((t) => t.replace(/\u00a0/g, ' '))

describe('killing the app mid-run loses no tab text and no history', () => {
  it('restores every tab and the history after the process is killed during a query', async () => {
    await page.goto(first.url)
    await useConnectionInTab(page, 'PG crash')
    await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
    await setEditorText(page, 'SELECT 1 AS first_tab')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect.poll(() => page.locator('[data-testid="result-grid"] .ag-row[row-index="0"] [col-id="0"]').innerText().catch(() => ''), { timeout: 20_000 }).toBe('1')

    await page.locator('[data-testid="new-tab"]').click()
    await setEditorText(page, '-- second tab\nSELECT 2 AS second_tab')
    await page.locator('[data-testid="new-tab"]').click()
    await setEditorText(page, "SELECT pg_sleep(60), 'third_tab'")
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect.poll(() => page.locator('[data-testid="cancel-run"]').count(), { timeout: 10_000 }).toBe(1)

    // the debounced saves have reached the store (what the user sees as saved)
    await expect
      .poll(async () => (await rpc(first, 'tabs.list', {})).tabs.map((t) => t.sql), { timeout: 10_000 })
      .toEqual(['SELECT 1 AS first_tab', '-- second tab\nSELECT 2 AS second_tab', "SELECT pg_sleep(60), 'third_tab'"])
    first.process.kill('SIGKILL')
    await new Promise((r) => first.process.once('exit', r))

    second = await startApp({ dataDir: first.dataDir })
    await page.goto(second.url)
    await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
    const tabs = page.locator('[data-testid="editor-tab"]')
    await expect.poll(() => tabs.count(), { timeout: 20_000 }).toBe(3)
    await expect.poll(editorText).toContain("third_tab")
    await tabs.nth(1).locator('.editor-tab-title').click()
    await expect.poll(editorText).toContain('SELECT 2 AS second_tab')
    await tabs.nth(0).locator('.editor-tab-title').click()
    await expect.poll(editorText).toContain('SELECT 1 AS first_tab')

    await page.locator('[data-testid="panel-history"]').click()
    const history = page.locator('[data-testid="history-list"]')
    await expect.poll(() => history.innerText(), { timeout: 10_000 }).toContain('first_tab')
    // the run the kill cut short is in history, marked interrupted (not lost, not shown as still running)
    const killed = page.locator('[data-testid="history-entry"]', { hasText: 'third_tab' })
    await expect.poll(() => killed.count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => killed.locator('[data-testid="history-status"]').innerText()).toBe('interrupted')
    const [entry] = await rpc(second, 'history.list', { search: 'third_tab', limit: 10 })
    expect(entry).toMatchObject({ sql: "SELECT pg_sleep(60), 'third_tab'", status: 'interrupted' })
    await screenshot(page, 'history-interrupted')
    await page.locator('[data-testid="history-search"]').fill('first_t')
    await expect.poll(() => page.locator('[data-testid="history-entry"]').count()).toBe(1)
    await screenshot(page, 'restore-after-crash')

    // a history entry reopens in a new tab
    await page.locator('[data-testid="history-entry"] .history-sql').first().click()
    await expect.poll(() => tabs.count()).toBe(4)
    await expect.poll(editorText).toContain('SELECT 1 AS first_tab')
  })
})
