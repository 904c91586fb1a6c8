import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../src/main/services/connections/url'
import { openAppInBrowser, screenshot, setEditorText, type BrowserSession } from './harness'
import { rpc } from './rpc'

const PG_URL = process.env.PG_URL
let session: BrowserSession
let page: Page

beforeAll(async () => {
  if (!PG_URL) return
  session = await openAppInBrowser()
  page = session.page
  const parsed = parseConnectionUrl(PG_URL)
  const profile = await rpc(session.app, 'connections.create', { ...parsed, name: 'pg read-only', readOnly: true } as never)
  await page.goto(session.app.url)
  await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
  await page.locator('[data-testid="tab-connection-picker"]').selectOption(profile.id)
})

afterAll(async () => {
  await session?.close()
})

const bar = () => page.locator('[data-testid="transaction-bar"]')

describe.skipIf(!PG_URL)('a failed transaction in a read-only PostgreSQL tab (PG_URL)', () => {
  it('shows the failed state, offers Rollback, and the tab works again afterwards', async () => {
    await setEditorText(page, 'BEGIN;\nSELECT 1 / 0;')
    await page.keyboard.press('ControlOrMeta+Shift+Enter')
    await expect.poll(() => bar().getAttribute('class').catch(() => ''), { timeout: 20_000 }).toContain('transaction-failed')
    expect(await page.locator('[data-testid="error-panel"]').innerText()).toMatch(/division by zero/)
    await screenshot(page, 'transaction-failed')
    // a refused write does not abort the transaction on the server: the analyser stops it before it is sent
    await setEditorText(page, "INSERT INTO qg_nowhere VALUES (1)")
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect.poll(() => page.locator('[data-testid="error-panel"]').innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/read-only/i)
    await page.locator('[data-testid="transaction-rollback"]').click()
    await expect.poll(() => bar().count(), { timeout: 20_000 }).toBe(0)
    await setEditorText(page, 'SELECT 41 + 1 AS answer')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect
      .poll(() => page.locator('[data-testid="result-grid"] .ag-row[row-index="0"] [col-id="0"]').innerText().catch(() => ''), { timeout: 20_000 })
      .toBe('42')
    expect(session.watched.errors).toEqual([])
  })

  it('shows the SQL for a login that can only read beside the Read-only box', async () => {
    await page.locator('[data-testid="new-connection"]').click()
    await page.locator('[data-testid="field-readOnly"]').check()
    await page.locator('[data-testid="read-only-role"] summary').click()
    await expect.poll(() => page.locator('[data-testid="read-only-role-sql"]').innerText()).toMatch(/CREATE ROLE "querygenie_reader" LOGIN/)
    await screenshot(page, 'read-only-role-sql')
    await page.keyboard.press('Escape')
  })
})
