/// <reference lib="dom" />
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeProvider, type FakeProvider } from '../test/fake-provider/server'
import { screenshot, watchPage, type RunningApp, openAppInBrowser } from './harness'

let app: RunningApp
let browser: BrowserContext
let page: Page
let watched: ReturnType<typeof watchPage>
let outDir: string
let fake: FakeProvider

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'qg-docs-view-'))
  fake = await startFakeProvider()
  ;({ app, browser, page, watched } = await openAppInBrowser())
  await page.goto(app.url)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await fake?.close()
  rmSync(outDir, { recursive: true, force: true })
})

describe('Docs view (web mode, built-in sample database)', () => {
  it('lists tables and previews one as HTML', async () => {
    await page.locator('[data-testid="view-docs"]').click()
    const list = page.locator('[data-testid="docs-table-list"] button')
    await expect.poll(() => list.count(), { timeout: 30_000 }).toBeGreaterThan(2)
    await list.first().click()
    const frame = page.frameLocator('[data-testid="docs-preview"] iframe')
    await expect.poll(() => frame.locator('h2').first().textContent()).toBeTruthy()
    expect(await frame.locator('h3', { hasText: 'Columns' }).count()).toBe(1)
  })

  it('saves a table note and shows it in the preview and in Markdown', async () => {
    const field = page.locator('[data-testid="note-__table"] textarea')
    await field.fill('Owned by the data team.')
    await page.locator('[data-testid="note-__table"] [data-testid="note-save"]').click()
    const frame = page.frameLocator('[data-testid="docs-preview"] iframe')
    await expect.poll(() => frame.locator('.note').first().textContent(), { timeout: 10_000 }).toContain('Owned by the data team.')
    await screenshot(page, 'docs-view-preview')
    await page.locator('[data-testid="docs-format-markdown"]').click()
    await expect.poll(() => page.locator('.docs-markdown').textContent()).toContain('**Note:** Owned by the data team.')
  })

  it('asks the AI for descriptions and explains when no provider is set up', async () => {
    await page.locator('[data-testid="docs-describe"]').click()
    const status = page.locator('[data-testid="docs-describe-status"]')
    await expect.poll(() => status.getAttribute('class'), { timeout: 30_000 }).toBe('field-error')
    expect((await status.textContent())!.length).toBeGreaterThan(10)
  })

  it('writes AI descriptions through a real provider SDK (fake server) and shows them marked as AI', async () => {
    const table = (await page.locator('[data-testid="docs-table-list"] button.active').textContent())!.trim()
    const firstColumn = (await page.locator('[data-testid="docs-notes"] .note-field b').nth(1).textContent())!.trim()
    fake.defaultReply = () => '```json\n' + JSON.stringify({ tables: [{ table, description: 'Where customers live (AI).', columns: { [firstColumn]: 'Surrogate key of the row (AI).' } }] }) + '\n```'
    await page.getByTestId('open-settings').click()
    await page.getByTestId('ai-add-openai').click()
    await page.getByTestId('ai-openai-baseUrl').fill(`${fake.url}/openai/v1`)
    await page.getByTestId('ai-openai-model').click()
    await page.getByTestId('ai-openai-key').fill('sk-docs-e2e-0123456789')
    await page.getByTestId('ai-openai-save-key').click()
    await expect.poll(() => page.getByTestId('ai-openai-key').getAttribute('placeholder')).toMatch(/Key stored/)
    await page.keyboard.press('Escape') // a click beside the dialog no longer closes it (2451361)
    await expect.poll(() => page.getByTestId('settings-dialog').count()).toBe(0)

    await page.locator('[data-testid="docs-describe"]').click()
    await expect.poll(() => page.locator('[data-testid="docs-describe-status"]').count(), { timeout: 30_000 }).toBe(0)
    await expect.poll(() => page.locator('[data-testid="note-__table"] .ai-text').textContent()).toContain('Where customers live (AI).')
    expect(fake.requests.some((r) => r.prompt.includes(table.split('.').pop()!))).toBe(true)
    await page.locator('[data-testid="docs-format-markdown"]').click()
    await expect.poll(() => page.locator('.docs-markdown').textContent()).toContain('*AI:* Surrogate key of the row (AI).')
    await screenshot(page, 'docs-view-ai')
  })

  it('lints the schema', async () => {
    await page.locator('[data-testid="docs-lint"]').click()
    await expect.poll(() => page.locator('[data-testid="docs-lint-results"]').textContent()).toMatch(/\d+ lint findings/)
  })

  it("exports with progress into the data folder's exports area and refuses any other folder clearly", async () => {
    await page.locator('[data-testid="docs-export-open"]').click()
    const dialog = page.locator('[data-testid="docs-export-dialog"]')
    // web mode writes only inside the data folder's exports area: a full path elsewhere is refused
    await dialog.locator('[data-testid="docs-export-folder"]').fill(outDir)
    await dialog.locator('[data-testid="docs-export-start"]').click()
    await expect.poll(() => dialog.locator('[data-testid="docs-export-error"]').textContent()).toContain('not a full path')
    expect(existsSync(join(outDir, 'index.html'))).toBe(false)

    await dialog.locator('[data-testid="docs-export-folder"]').fill('shop/docs')
    await dialog.locator('[data-testid="docs-export-start"]').click()
    await expect.poll(() => dialog.locator('[data-testid="docs-export-done"]').textContent(), { timeout: 30_000 }).toMatch(/Wrote \d+ files/)
    await screenshot(page, 'docs-view-export')
    const written = join(app.dataDir, 'exports', 'shop', 'docs')
    expect(existsSync(join(written, 'index.html'))).toBe(true)
    expect(readFileSync(join(written, 'README.md'), 'utf8')).toContain('Owned by the data team.')
    expect(watched.errors).toEqual([])
    expect(watched.external).toEqual([])
  })
})
