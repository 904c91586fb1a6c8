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
  it('SQL INSERTs go into the result\'s own table, or the table the user names when it comes from several', async () => {
    const { page } = session
    const exportSql = async (start: () => Promise<unknown>): Promise<string> => {
      const jobs = await page.locator('[data-testid="export-job"]').count()
      await start()
      await expect.poll(() => page.locator('[data-testid="export-job"]').count(), { timeout: 20_000 }).toBe(jobs + 1)
      const job = page.locator('[data-testid="export-job"]').last()
      await expect.poll(() => job.getAttribute('data-state'), { timeout: 20_000 }).toBe('done')
      return readFileSync((await job.locator('[data-testid="export-path"]').getAttribute('title'))!, 'utf8')
    }
    await setEditorText(page, 'SELECT customer_id, email FROM customers ORDER BY customer_id LIMIT 2')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect
      .poll(() => page.locator('[data-testid="result-grid"] .ag-row[row-index="1"] [col-id="0"]').innerText().catch(() => ''), { timeout: 20_000 })
      .toBe('2')
    expect(await exportSql(() => page.locator('[data-testid="export-as"]').selectOption('result:sql'))).toMatch(/^INSERT INTO "customers" \("customer_id", "email"\) VALUES\n  \(1, '/)

    await setEditorText(page, 'SELECT customer_id, customer_id * 2 AS twice FROM customers ORDER BY customer_id LIMIT 2')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect
      .poll(() => page.locator('[data-testid="result-grid"] .ag-row[row-index="1"] [col-id="1"]').innerText().catch(() => ''), { timeout: 20_000 })
      .toBe('4')
    await page.locator('[data-testid="export-as"]').selectOption('result:sql')
    await page.locator('[data-testid="export-table-name"]').fill('archive.Doubled')
    expect(await exportSql(() => page.locator('[data-testid="export-table-go"]').click())).toBe('INSERT INTO "archive"."Doubled" ("customer_id", "twice") VALUES\n  (1, 2),\n  (2, 4);\n')
  })
})
