/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright'
import { openAppInBrowser, screenshot, setEditorText, type BrowserSession } from './harness'

let session: BrowserSession
let page: Page

beforeAll(async () => {
  session = await openAppInBrowser()
  page = session.page
})

afterAll(async () => {
  await session?.close()
})

describe('audit log view in web mode', () => {
  it('records an INSERT run in the editor on the sample database', async () => {
    await page.goto(session.app.url)
    await expect.poll(() => page.locator('[data-testid="schema-tree"]').innerText(), { timeout: 20_000 }).toContain('customers')
    await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
    await setEditorText(page, "INSERT INTO categories (name, slug, description) VALUES ('Audited', 'audited', 'added by the audit e2e')")
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect.poll(() => page.locator('[data-testid="messages-list"]').innerText(), { timeout: 20_000 }).toMatch(/1 row affected/)
  })

  it('shows the entry in the audit view, opened from the command palette, and Verify says OK', async () => {
    await page.keyboard.press('ControlOrMeta+Shift+P')
    await page.keyboard.insertText('Show Audit log')
    await page.keyboard.press('Enter')
    const view = page.locator('[data-testid="audit-view"]')
    await view.waitFor({ timeout: 20_000 })
    const row = view.locator('[data-testid="audit-row"]').first()
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toContain("INSERT INTO categories (name, slug, description) VALUES ('Audited'")
    const text = await row.innerText()
    expect(text).toContain('Sample database')
    expect(text).toContain('editor')
    expect(text).toContain('write')
    expect(text).toMatch(/\b1\b/)
    expect(text).toContain('ok')
    await page.locator('[data-testid="audit-search"]').fill('Audited')
    await expect.poll(() => view.locator('[data-testid="audit-row"]').count()).toBe(1)
    await page.locator('[data-testid="audit-verify"]').click()
    const verdict = page.locator('[data-testid="audit-verdict"]')
    await expect.poll(() => verdict.getAttribute('data-ok'), { timeout: 20_000 }).toBe('true')
    expect(await verdict.innerText()).toMatch(/OK: \d+ entr(y|ies) verified/)
    await screenshot(page, 'audit-log-view')
  })

  it('exports the log into the exports area', async () => {
    await page.locator('[data-testid="audit-export-csv"]').click()
    await expect.poll(() => page.locator('[data-testid="audit-exported"]').innerText(), { timeout: 20_000 }).toMatch(/entries saved to .*exports.*audit-log-.*\.csv/)
  })

  it('logged no errors in the page', () => {
    expect(session.watched.errors).toEqual([])
    expect(session.watched.external).toEqual([])
  })
})
