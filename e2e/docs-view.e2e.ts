/// <reference lib="dom" />
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, screenshot, startApp, watchPage, type RunningApp } from './harness'

let app: RunningApp
let browser: BrowserContext
let page: Page
let watched: ReturnType<typeof watchPage>
let outDir: string

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'qg-docs-view-'))
  app = await startApp()
  browser = await launchBrowser()
  page = await browser.newPage()
  watched = watchPage(page)
  await page.goto(app.url)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
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

  it('lints the schema', async () => {
    await page.locator('[data-testid="docs-lint"]').click()
    await expect.poll(() => page.locator('[data-testid="docs-lint-results"]').textContent()).toMatch(/\d+ lint findings/)
  })

  it('exports with progress into a folder and reports a bad folder clearly', async () => {
    await page.locator('[data-testid="docs-export-open"]').click()
    const dialog = page.locator('[data-testid="docs-export-dialog"]')
    await dialog.locator('[data-testid="docs-export-folder"]').fill('not/absolute')
    await dialog.locator('[data-testid="docs-export-start"]').click()
    await expect.poll(() => dialog.locator('[data-testid="docs-export-error"]').textContent()).toContain('full path')

    await dialog.locator('[data-testid="docs-export-folder"]').fill(outDir)
    await dialog.locator('[data-testid="docs-export-start"]').click()
    await expect.poll(() => dialog.locator('[data-testid="docs-export-done"]').textContent(), { timeout: 30_000 }).toMatch(/Wrote \d+ files/)
    await screenshot(page, 'docs-view-export')
    expect(existsSync(join(outDir, 'index.html'))).toBe(true)
    expect(readFileSync(join(outDir, 'README.md'), 'utf8')).toContain('Owned by the data team.')
    expect(watched.errors).toEqual([])
    expect(watched.external).toEqual([])
  })
})
