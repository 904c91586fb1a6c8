/// <reference lib="dom" />
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright'
import { openAppInBrowser, screenshot, type BrowserSession } from './harness'

let session: BrowserSession
let page: Page

beforeAll(async () => {
  session = await openAppInBrowser()
  page = session.page
})

afterAll(async () => {
  await session?.close()
})

describe('PII scan in web mode', () => {
  it('scans the sample database from the PII view and reports emails, phones and addresses', async () => {
    await page.goto(session.app.url)
    await expect.poll(() => page.locator('[data-testid="schema-tree"]').innerText(), { timeout: 20_000 }).toContain('customers')
    await page.keyboard.press('ControlOrMeta+Shift+P')
    await page.keyboard.insertText('Show PII scan')
    await page.keyboard.press('Enter')
    const view = page.locator('[data-testid="pii-view"]')
    await view.waitFor({ timeout: 20_000 })
    await page.locator('[data-testid="pii-scan"]').click()
    await expect.poll(() => page.locator('[data-testid="pii-summary"]').count(), { timeout: 60_000 }).toBe(1)
    const kindOf = (table: string, column: string) => view.locator(`[data-testid="pii-finding"][data-table="${table}"][data-column="${column}"]`).getAttribute('data-kind')
    expect(await kindOf('customers', 'email')).toBe('email')
    expect(await kindOf('customers', 'phone')).toBe('phone')
    expect(await kindOf('customers', 'birth_date')).toBe('date_of_birth')
    expect(await kindOf('addresses', 'line1')).toBe('postal_address')
    expect(await kindOf('addresses', 'postal_code')).toBe('postal_address')
    const email = await view.locator('[data-testid="pii-finding"][data-table="customers"][data-column="email"]').innerText()
    expect(email).toMatch(/200\/200 sampled values are email addresses/)
    expect(email).toMatch(/\w\*\*\*@example\.com/)
    expect(await view.innerText()).not.toContain('otho.goyette128@example.com')
  })

  it('exports the report as JSON into the exports area', async () => {
    await page.locator('[data-testid="pii-export-json"]').click()
    const exported = page.locator('[data-testid="pii-exported"]')
    await expect.poll(() => exported.innerText(), { timeout: 20_000 }).toMatch(/findings saved to .*exports.*pii-report-.*\.json/)
    const path = /saved to (\S+\.json)/.exec(await exported.innerText())![1]!
    const report = JSON.parse(readFileSync(path, 'utf8'))
    expect(report.format).toBe('querygenie-pii-1')
    expect(report.findings.some((f: { table: string; column: string; kind: string }) => f.table === 'customers' && f.column === 'email' && f.kind === 'email')).toBe(true)
    expect(await exported.locator('a', { hasText: 'Download' }).getAttribute('href')).toMatch(/^\/download\/x_/)
    await screenshot(page, 'pii-scan-report')
  })

  it('marks classified columns in the schema tree', async () => {
    await page.locator('[data-testid="table-node-customers"]').click()
    const badge = page.locator('[data-testid="pii-badge-customers-email"]')
    await badge.waitFor({ timeout: 20_000 })
    expect(await badge.innerText()).toBe('email')
    expect(await page.locator('[data-testid="pii-badge-customers-phone"]').innerText()).toBe('phone')
    expect(await page.locator('[data-testid="pii-badge-customers-customer_id"]').count()).toBe(0)
    await screenshot(page, 'pii-schema-tree-badges')
  })

  it('logged no errors in the page and made no request off the machine', () => {
    expect(session.watched.errors).toEqual([])
    expect(session.watched.external).toEqual([])
  })
})
