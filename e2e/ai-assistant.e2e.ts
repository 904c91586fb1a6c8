/// <reference lib="dom" />
import Database from 'better-sqlite3'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright'
import { startFakeProvider, type FakeProvider } from '../test/fake-provider/server'
import { screenshot, watchPage, type RunningApp, openAppInBrowser } from './harness'

/**
 * The AI assistant in web mode against the fake provider: key entry and Test, a streamed answer turned into
 * SQL, Insert into editor, Run (real sample database), a generated DELETE held behind the confirmation, the
 * exact-prompt preview, and no key in the page or the store file. Needs createAiHandlers wired in app-services.
 */
const KEY = 'sk-e2e-key-5f1c2b7a9d3e'
let fake: FakeProvider
let app: RunningApp
let browser: BrowserContext
let page: Page
let watched: ReturnType<typeof watchPage>

beforeAll(async () => {
  fake = await startFakeProvider()
  fake.defaultReply = (prompt) =>
    /delete/i.test(prompt.split('Question:').pop() ?? '')
      ? "This removes them:\n```sql\nDELETE FROM returns WHERE reason = 'damaged';\n```"
      : 'Customers with their order counts:\n```sql\nSELECT c.first_name, c.last_name, count(o.order_id) AS orders\nFROM customers c JOIN orders o ON o.customer_id = c.customer_id\nGROUP BY c.customer_id ORDER BY orders DESC LIMIT 10;\n```'
  ;({ app, browser, page, watched } = await openAppInBrowser())
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await fake?.close()
})

describe('AI assistant in web mode', () => {
  it('stores a key write-only and tests it', async () => {
    await page.goto(app.url)
    await page.getByTestId('open-settings').click()
    await page.getByTestId('ai-add-openai').click()
    await page.getByTestId('ai-openai-baseUrl').fill(`${fake.url}/openai/v1`)
    await page.getByTestId('ai-openai-model').click() // blur saves the base URL
    await page.getByTestId('ai-openai-key').fill(KEY)
    await page.getByTestId('ai-openai-save-key').click()
    await expect.poll(() => page.getByTestId('ai-openai-key').getAttribute('placeholder')).toMatch(/Key stored/)
    await page.getByTestId('ai-openai-test').click()
    await expect.poll(() => page.getByTestId('ai-openai-result').textContent()).toMatch(/^OK/)
    await screenshot(page, 'ai-settings')
    await page.keyboard.press('Escape') // a click beside the dialog no longer closes it (2451361)
    await expect.poll(() => page.getByTestId('settings-dialog').count()).toBe(0)
  })

  it('streams an answer, inserts the SQL into the editor and runs it on the sample database', async () => {
    await page.getByTestId('panel-ai').click()
    await page.getByTestId('ai-question').fill('Which customers ordered the most?')
    await page.getByTestId('ai-ask').click()
    await page.getByTestId('ai-sql-block').first().waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('ai-sql-kind').first().textContent()).toBe('read')
    await page.getByTestId('ai-insert').first().click()
    await expect.poll(async () => (await page.locator('[data-testid="sql-editor"]').innerText()).replace(/\u00a0/g, ' ')).toContain('GROUP BY c.customer_id')
    await page.getByTestId('ai-run').first().click()
    await expect.poll(() => page.locator('[data-testid="result-grid"]').innerText(), { timeout: 20_000 }).toContain('first_name')
    await screenshot(page, 'ai-chat')
  })

  it('holds a generated DELETE behind a confirmation', async () => {
    const db = new Database(join(app.dataDir, 'sample.db'), { readonly: true, fileMustExist: false })
    const before = (() => {
      try {
        return (db.prepare("select count(*) as n from returns where reason = 'damaged'").get() as { n: number }).n
      } catch {
        return undefined
      }
    })()
    await page.getByTestId('ai-question').fill('delete the damaged returns')
    await page.getByTestId('ai-ask').click()
    await page.getByTestId('ai-sql-block').nth(1).waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('ai-sql-kind').nth(1).textContent()).toBe('write')
    await page.getByTestId('ai-run').nth(1).click()
    await page.getByTestId('ai-confirm-dialog').waitFor()
    await screenshot(page, 'ai-confirm')
    await page.getByTestId('ai-confirm-cancel').click()
    if (before !== undefined) expect((db.prepare("select count(*) as n from returns where reason = 'damaged'").get() as { n: number }).n).toBe(before)
    db.close()
  })

  it('explains the editor query from the editor context menu, shows the index and keeps glossary terms', async () => {
    await page.locator('[data-testid="sql-editor"] .monaco-editor .view-lines').first().click({ button: 'right' })
    await page.waitForTimeout(400) // Monaco ignores a click that lands right after its context menu opens
    await page.getByText('AI: Explain this query').click()
    await expect.poll(() => page.getByTestId('ai-turn').count()).toBe(3)
    await expect.poll(() => page.getByTestId('ai-turn').nth(2).innerText()).toMatch(/explain/)
    await expect.poll(() => page.getByTestId('ai-index-status').innerText()).toMatch(/Schema index: \d+ tables/)
    await page.getByTestId('ai-glossary').locator('summary').click()
    await page.getByTestId('ai-glossary-term').fill('VIP')
    await page.getByTestId('ai-glossary-definition').fill('customer with loyalty_tier platinum')
    await page.getByTestId('ai-glossary-add').click()
    await expect.poll(() => page.getByTestId('ai-glossary').innerText()).toContain('VIP: customer with loyalty_tier platinum')
  })

  it('previews the exact prompt, and the key is nowhere in the page or the store', async () => {
    await page.getByTestId('ai-question').fill('top customers')
    await page.getByTestId('ai-preview').click()
    await page.getByTestId('ai-preview-dialog').waitFor()
    expect(await page.getByTestId('ai-preview-dialog').innerText()).toContain('TABLE main.customers')
    expect(await page.getByTestId('ai-preview-dialog').innerText()).toContain('VIP: customer with loyalty_tier platinum')
    // what leaves the machine, in the privacy label's words: no provider embeddings unless opted in
    expect(await page.getByTestId('ai-preview-leaves').innerText()).toContain('Schema search uses the offline embedding: nothing is sent for it.')
    expect(await page.getByTestId('ai-preview-dialog').innerText()).toContain('Shares the schema, queries and errors: Sends table and column names')
    expect(await page.getByTestId('ai-preview-embeddings').count()).toBe(0)
    await screenshot(page, 'ai-preview')
    expect(await page.content()).not.toContain(KEY)
    for (const f of readdirSync(app.dataDir).filter((f) => f.endsWith('.sqlite') || f.endsWith('-wal') || f.endsWith('.db')))
      expect(readFileSync(join(app.dataDir, f)).toString('latin1')).not.toContain(KEY)
    expect(watched.external).toEqual([])
  })
})
