import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppInBrowser, screenshot, setEditorText, type BrowserSession } from './harness'

let session: BrowserSession

beforeAll(async () => {
  session = await openAppInBrowser()
  await session.page.goto(session.app.url)
  await session.page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
})

afterAll(async () => {
  await session?.close()
})

describe('downloading an export in web mode (sample database)', () => {
  it('offers the finished CSV as a browser download with the same content as the file', async () => {
    const { page } = session
    await setEditorText(page, 'SELECT customer_id, email FROM customers ORDER BY customer_id LIMIT 5')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect
      .poll(() => page.locator('[data-testid="result-grid"] .ag-row[row-index="0"] [col-id="0"]').innerText().catch(() => ''), { timeout: 20_000 })
      .toBe('1')
    await page.locator('[data-testid="export-as"]').selectOption('result:csv')
    const job = page.locator('[data-testid="export-job"]').last()
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 20_000 }).toBe('done')
    const savedPath = await job.locator('[data-testid="export-path"]').getAttribute('title')

    const [download] = await Promise.all([page.waitForEvent('download'), job.locator('[data-testid="export-download"]').click()])
    expect(download.suggestedFilename()).toMatch(/\.csv$/)
    const downloaded = readFileSync((await download.path())!, 'utf8')
    expect(downloaded).toBe(readFileSync(savedPath!, 'utf8'))
    const lines = downloaded.trim().split(/\r?\n/)
    expect(lines[0]).toBe('customer_id,email')
    expect(lines).toHaveLength(6)
    await screenshot(page, 'export-download')
    expect(session.watched.external).toEqual([])
  })
})
