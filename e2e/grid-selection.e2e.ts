/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppInBrowser, screenshot, setEditorText, type RunningApp } from './harness'

let app: RunningApp
let browser: BrowserContext
let page: Page

beforeAll(async () => {
  ;({ app, browser, page } = await openAppInBrowser())
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin })
  await page.goto(app.url)
  await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

const cell = (row: number, col: number | string) => page.locator(`[data-testid="result-grid"] .ag-row[row-index="${row}"] [col-id="${col}"]`)
const clipboard = (): Promise<string> => page.evaluate(() => navigator.clipboard.readText())
const clearClipboard = (): Promise<void> => page.evaluate(() => navigator.clipboard.writeText(''))
const selected = () => page.locator('[data-testid="result-grid"] .ag-cell.cell-in-range')

/** 4,994 x's, `-end-`, the customer id: 5,000 characters for ids 1–9, cut to 300 in the grid. */
const longText = (id: number): string => `${'x'.repeat(4994)}-end-${id}`

async function run(sql: string, firstCell: string): Promise<void> {
  await setEditorText(page, sql)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect.poll(() => cell(0, 0).innerText().catch(() => ''), { timeout: 20_000 }).toBe(firstCell)
}

async function drag(from: [number, number], to: [number, number]): Promise<void> {
  const a = (await cell(...from).boundingBox())!
  const b = (await cell(...to).boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 })
  await page.mouse.up()
}

describe('block selection and copy in the result grid (sample database)', () => {
  it('drag-selects a block and copies its full values as TSV with Ctrl+C', async () => {
    await run(
      `SELECT customer_id, email, replace(hex(zeroblob(2497)), '0', 'x') || '-end-' || customer_id AS notes, first_name FROM customers ORDER BY customer_id LIMIT 5`,
      '1'
    )
    const emails = [await cell(0, 1).innerText(), await cell(1, 1).innerText()]
    // the grid shows the long text cut; the copy must not be
    expect((await cell(0, 2).innerText()).length).toBeLessThan(400)

    await drag([0, 0], [1, 2])
    await expect.poll(() => selected().count()).toBe(6)
    expect(await cell(2, 0).getAttribute('class')).not.toContain('cell-in-range')
    expect(await cell(0, 3).getAttribute('class')).not.toContain('cell-in-range')
    await expect.poll(() => page.locator('[data-testid="copy-as"] option').first().innerText()).toBe('Copy block as…')
    await screenshot(page, 'grid-selection-block')

    await clearClipboard()
    await page.keyboard.press('ControlOrMeta+c')
    await expect.poll(clipboard).toBe(`1\t${emails[0]}\t${longText(1)}\n2\t${emails[1]}\t${longText(2)}\n`)
    expect((await clipboard()).split('\n')[0]!.split('\t')[2]).toHaveLength(5000)
    await expect.poll(() => page.locator('[data-testid="copy-note"]').innerText()).toBe('Copied 2 rows × 3 columns as TSV')
  })

  it('extends with shift+click and shift+arrows, selects all with Ctrl+A, copies the block as CSV', async () => {
    await cell(1, 1).click()
    await expect.poll(() => selected().count()).toBe(0) // one cell is the caret, not a block
    await cell(3, 2).click({ modifiers: ['Shift'] })
    await expect.poll(() => selected().count()).toBe(6)
    await page.keyboard.press('Shift+ArrowDown')
    await page.keyboard.press('Shift+ArrowRight')
    await expect.poll(() => selected().count()).toBe(4 * 3)
    await expect.poll(() => page.locator('[data-testid="copy-as"]').getAttribute('title')).toBe('Copy the selected 4 × 3 block, full values')

    await clearClipboard()
    await page.locator('[data-testid="copy-as"]').selectOption('csv')
    await expect.poll(clipboard).toMatch(/^email,notes,first_name\r\n/)
    const lines = (await clipboard()).trimEnd().split('\r\n')
    expect(lines).toHaveLength(5)
    expect(lines[1]).toContain(`,${longText(2)},`)

    await cell(0, 0).click()
    await page.keyboard.press('ControlOrMeta+a')
    await expect.poll(() => selected().count()).toBe(5 * 4)
    await expect.poll(() => page.locator('.ag-row[row-index="4"] .cell-row-in-range').count()).toBe(1)
  })

  it('copies as INSERT into the source table, or says it is a placeholder', async () => {
    await run('SELECT * FROM customers ORDER BY customer_id LIMIT 3', '1')
    await clearClipboard()
    await page.locator('[data-testid="copy-as"]').selectOption('insert')
    await expect.poll(clipboard).toMatch(/^INSERT INTO "customers" \("customer_id", /)
    await expect.poll(() => page.locator('[data-testid="copy-note"]').innerText()).toBe('Copied 3 rows as INSERT into customers')

    await run('SELECT customer_id, upper(email) AS shout FROM customers ORDER BY customer_id LIMIT 2', '1')
    // the note was for the previous result: a new run does not show it
    expect(await page.locator('[data-testid="copy-note"]').count()).toBe(0)
    await clearClipboard()
    await page.locator('[data-testid="copy-as"]').selectOption('insert')
    await expect.poll(clipboard).toMatch(/^INSERT INTO "target_table" \("customer_id", "shout"\) VALUES/)
    const note = page.locator('[data-testid="copy-note"]')
    await expect.poll(() => note.innerText()).toBe('Copied 2 rows as INSERT into a placeholder table: the result does not come from one table')
    // and it fades
    await expect.poll(() => note.count(), { timeout: 10_000 }).toBe(0)
  })
})
