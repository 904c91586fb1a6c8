/// <reference lib="dom" />
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { ARTIFACTS, openAppInBrowser, screenshot, setEditorText, type BrowserSession } from './harness'

let session: BrowserSession
let page: Page

beforeAll(async () => {
  session = await openAppInBrowser()
  page = session.page
  await page.goto(session.app.url)
  await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
})

afterAll(async () => {
  await session?.close()
})

const chart = () => page.locator('[data-testid="result-chart"]')
const control = (name: string) => page.locator(`[data-testid="chart-${name}"]`)
/** Waits for the chart to settle (its animation over), e.g. before a screenshot. */
const drawn = () => expect.poll(() => control('canvas').getAttribute('data-drawn'), { timeout: 10_000 }).toBe('true')

async function runAndChart(sql: string): Promise<void> {
  await setEditorText(page, sql)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect.poll(() => page.locator('[data-testid="row-counter"]').getAttribute('data-done'), { timeout: 20_000 }).toBe('true')
  await page.locator('[data-testid="result-view-chart"]').click()
  await chart().waitFor()
}

/** Clicks an export button and returns the downloaded file's name and bytes (kept in the artifacts to look at). */
async function download(button: string, keepAs: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), control(button).click()])
  const kept = join(ARTIFACTS, keepAs)
  await file.saveAs(kept)
  return { name: file.suggestedFilename(), bytes: readFileSync(kept) }
}

describe('charts of a result (sample database)', () => {
  it('suggests a bar chart of a count per category, switches to line and pie, and exports PNG and SVG', async () => {
    await runAndChart(
      'SELECT c.name AS category, count(*) AS products FROM products p JOIN categories c ON c.category_id = p.category_id GROUP BY c.name ORDER BY products DESC, c.name'
    )
    // drawn by ECharts on a canvas (the kind it was last given is on its element), the suggestion preselected in the controls
    await expect.poll(() => control('canvas').getAttribute('data-kind'), { timeout: 15_000 }).toBe('bar')
    expect(await page.locator('[data-testid="chart-canvas"] canvas').count()).toBeGreaterThan(0)
    expect(await page.locator('[data-testid="chart-canvas"][_echarts_instance_]').count()).toBe(1)
    expect(await control('kind').inputValue()).toBe('bar')
    expect(await control('kind').locator('option:checked').innerText()).toBe('Bar (suggested)')
    expect(await control('x').inputValue()).toBe('0')
    expect(await control('x').locator('option:checked').innerText()).toBe('category')
    expect(await control('y-1').getAttribute('aria-pressed')).toBe('true')
    expect(await page.locator('[data-testid="result-view-chart"]').getAttribute('aria-pressed')).toBe('true')
    await drawn()
    await screenshot(page, 'result-chart-bar')

    await control('kind').selectOption('line')
    await expect.poll(() => control('canvas').getAttribute('data-kind')).toBe('line')
    await expect.poll(() => control('suggested').count()).toBe(1)
    await drawn()
    await screenshot(page, 'result-chart-line')

    await control('kind').selectOption('pie')
    await expect.poll(() => control('canvas').getAttribute('data-kind')).toBe('pie')
    await drawn()
    await screenshot(page, 'result-chart-pie')

    const png = await download('export-png', 'result-chart-export.png')
    expect(png.name).toMatch(/^result-chart-.*\.png$/)
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(png.bytes.length).toBeGreaterThan(5_000)

    const svg = await download('export-svg', 'result-chart-export.svg')
    expect(svg.name).toMatch(/^result-chart-.*\.svg$/)
    const text = svg.bytes.toString('utf8')
    expect(text).toContain('<svg')
    expect(text).toContain('products by category')
    expect(text).toContain('Other') // the pie's long tail, summed

    // back to the suggestion, and back to the grid with the chart kept for this result
    await control('suggested').click()
    await expect.poll(() => control('canvas').getAttribute('data-kind')).toBe('bar')
    await page.locator('[data-testid="result-view-grid"]').click()
    await page.locator('[data-testid="result-grid"]').waitFor()
    expect(await chart().count()).toBe(0)
  })

  it('suggests lines over months and a pie for a few statuses', async () => {
    await runAndChart("SELECT substr(ordered_at, 1, 7) AS month, count(*) AS orders, sum(total_amount) AS revenue FROM orders GROUP BY 1 ORDER BY 1")
    await expect.poll(() => control('canvas').getAttribute('data-kind'), { timeout: 15_000 }).toBe('line')
    expect(await control('y-1').getAttribute('aria-pressed')).toBe('true')
    expect(await control('y-2').getAttribute('aria-pressed')).toBe('true')
    await drawn()
    await screenshot(page, 'result-chart-months')

    // the chart follows the app's theme: its background is the dark surface colour
    await page.locator('[data-testid="theme-toggle"]').click()
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim())
    await expect
      .poll(() => page.locator('[data-testid="chart-canvas"] canvas').first().evaluate((c) => Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(2, 2, 1, 1).data.slice(0, 3))))
      .toEqual([0x1b, 0x1e, 0x24])
    expect(background).toBe('#1b1e24')
    await drawn()
    await screenshot(page, 'result-chart-dark')
    await page.locator('[data-testid="theme-toggle"]').click()

    await runAndChart('SELECT status, count(*) AS orders FROM orders GROUP BY status ORDER BY orders DESC')
    await expect.poll(() => control('canvas').getAttribute('data-kind'), { timeout: 15_000 }).toBe('pie')
    const svg = (await download('export-svg', 'result-chart-status.svg')).bytes.toString('utf8')
    expect(svg).toContain('delivered')
  })

  it('charts the first 5,000 rows of a longer result and says so', async () => {
    await runAndChart('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000) SELECT i AS step, (i * 37) % 101 AS value FROM n')
    await expect.poll(() => control('canvas').getAttribute('data-kind'), { timeout: 15_000 }).toBe('scatter')
    expect(await control('cap').innerText()).toContain('First 5,000 of 6,000 rows')
    await drawn()
    await screenshot(page, 'result-chart-capped')
    expect(session.watched.errors).toEqual([])
    expect(session.watched.external).toEqual([])
  })
})
