import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppInBrowser, screenshot, type BrowserSession } from './harness'
import { rpc } from './rpc'
import { startFakeProvider, type FakeProvider } from '../test/fake-provider/server'
import { fakeProviderConfig } from '../test/ai/provider-config'

let session: BrowserSession
let page: Page
let fake: FakeProvider

/** Kept with the other e2e screenshots, and in /tmp to look at. */
const shot = async (name: string): Promise<void> => copyFileSync(await screenshot(page, `mock-data-${name}`), `/tmp/mock-data-${name}.png`)

beforeAll(async () => {
  fake = await startFakeProvider()
  // the assistant's proposal, as a local model would answer: one usable generator, one for a key (dropped)
  fake.defaultReply = () =>
    '```json\n' + JSON.stringify({ columns: [{ table: 'main.suppliers', column: 'country', kind: 'list', values: ['Norway', 'Chile'] }, { table: 'main.suppliers', column: 'supplier_id', kind: 'constant', value: 1 }] }) + '\n```'
  session = await openAppInBrowser()
  page = session.page
  await rpc(session.app, 'ai.settings.update', { providers: [fakeProviderConfig(fake, 'local', 'openai-compatible', 'llama3')] })
  await page.goto(session.app.url)
  await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
})

afterAll(async () => {
  await session?.close()
  await fake?.close()
})

/** Rows of a table of the app's copy of the sample database, read from a second connection (read-only). */
function count(table: string): number {
  const db = new Database(join(session.app.dataDir, 'sample.db'), { readonly: true })
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

describe('Generate test data (web mode, sample database)', () => {
  it('opens from the schema tree, shows generators and a preview, generates, and shows the counts', async () => {
    await page.locator('[data-testid="schema-filter"]').waitFor()
    const before = count('suppliers')
    await page.locator('[data-testid="schema-filter"]').fill('suppliers')
    const node = page.locator('[data-testid="table-node-suppliers"]')
    await node.waitFor({ timeout: 30_000 })
    await node.click({ button: 'right' })
    await page.locator('[data-testid="action-mock-data"]').click()
    const dialog = page.locator('[data-testid="mock-dialog"]')
    await dialog.waitFor()
    // the plan: a generator per column, chosen from the names
    await dialog.locator('[data-testid="mock-columns-suppliers"]').waitFor({ timeout: 20_000 })
    expect(await dialog.locator('[data-testid="mock-generator-suppliers-email"]').innerText()).toBe('email (unique)')
    expect(await dialog.locator('[data-testid="mock-generator-suppliers-company_name"]').innerText()).toBe('company')
    expect(await dialog.locator('[data-testid="mock-generator-suppliers-country"]').innerText()).toBe('country')
    // the preview grid shows rows as they would be written
    const preview = dialog.locator('[data-testid="mock-preview-suppliers"]')
    await preview.waitFor()
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(10)
    expect(await preview.locator('tbody tr').first().innerText()).toMatch(/@/)

    // the assistant proposes a generator from the schema: it arrives as an override the user sees and can change
    await dialog.locator('[data-testid="mock-suggest-ai"]').click()
    await expect.poll(() => dialog.locator('[data-testid="mock-suggest-result"]').innerText().catch(() => ''), { timeout: 30_000 }).toMatch(/1 generator proposed/)
    expect(await dialog.locator('[data-testid="mock-kind-suppliers-country"]').inputValue()).toBe('list')
    expect(await dialog.locator('[data-testid="mock-text-suppliers-country"]').inputValue()).toBe('Norway, Chile')
    expect(await dialog.locator('[data-testid="mock-kind-suppliers-supplier_id"]').inputValue()).toBe('auto')
    await expect.poll(() => preview.locator('tbody tr').first().innerText(), { timeout: 20_000 }).toMatch(/Norway|Chile/)
    expect(fake.requests.at(-1)!.prompt).toMatch(/Propose test-data generators/)

    // a second table, a child of a table that is not chosen (its keys come from the existing rows), and an override
    await dialog.locator('[data-testid="mock-table-products"]').check()
    await dialog.locator('[data-testid="mock-tab-products"]').waitFor({ timeout: 20_000 })
    await dialog.locator('[data-testid="mock-tab-products"]').click()
    await dialog.locator('[data-testid="mock-kind-products-sku"]').selectOption('pattern')
    await dialog.locator('[data-testid="mock-text-products-sku"]').fill('QA-#####')
    await dialog.locator('[data-testid="mock-rows"]').fill('40')
    await dialog.locator('[data-testid="mock-seed"]').fill('7')
    await dialog.locator('[data-testid="mock-preview"]').click()
    await expect.poll(() => dialog.locator('[data-testid="mock-preview-products"] tbody tr').first().innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/QA-\d{5}/)
    expect(await dialog.locator('[data-testid="mock-order"]').innerText()).toMatch(/1\. suppliers.*2\. products/s)
    await shot('plan')

    await dialog.locator('[data-testid="mock-generate"]').click()
    const progress = dialog.locator('[data-testid="mock-progress"]')
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
    expect(await dialog.locator('[data-testid="mock-inserted-suppliers"]').innerText()).toBe('40')
    // products has a CHECK (unit_cost <= unit_price) the generator does not understand: its violating rows are rejected and counted
    const products = dialog.locator('[data-testid="mock-summary-products"]')
    const [inserted, rejected] = (await products.locator('td.num').allInnerTexts()).map(Number)
    expect(inserted! + rejected!).toBe(40)
    if (rejected) expect(await products.innerText()).toMatch(/CHECK|constraint/i)
    await shot('done')
    await page.screenshot({ path: '/tmp/mock-data-done-full.png', fullPage: true })

    await dialog.locator('button', { hasText: 'Close' }).last().click()
    await expect.poll(() => dialog.count()).toBe(0)
    expect(count('suppliers')).toBe(before + 40)
    expect(session.watched.errors).toEqual([])
  })
})
