/**
 * `npm run bench -- grid`: web mode in Chromium with a 1,000,000-row result in the grid; scrolls from the top to
 * the last row (mouse-wheel scrolling, then the scrollbar dragged to the end) while timing every animation frame.
 * Baseline in the same run: the same page idle (no scrolling). Prints (last line):
 * BENCH grid scroll_p95_frame_ms=<n> idle_p95_frame_ms=<n> frames=<n> rows=<n> last_row_ms=<n>
 */
import type { Page } from 'playwright'
import { launchBrowser, screenshot, setEditorText, startApp } from '../e2e/harness'

const ROWS = Number(process.env.BENCH_GRID_ROWS ?? 1_000_000)
const sql = `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${ROWS})
SELECT i AS id, i * 2 AS twice, 'row ' || i AS label, i % 7 AS bucket, printf('%08x', i * 2654435761 % 4294967296) AS hash FROM s`

/** Starts timing every animation frame in the page; the returned function stops and returns the intervals (ms). */
async function recordFrames(page: Page): Promise<() => Promise<number[]>> {
  // tsx compiles named closures with a `__name` helper that the page does not have
  await page.evaluate('window.__name = (f) => f')
  await page.evaluate(() => {
    const w = window as unknown as { qgFrames: number[]; qgStop: boolean }
    w.qgFrames = []
    w.qgStop = false
    let last = performance.now()
    const tick = (now: number): void => {
      w.qgFrames.push(now - last)
      last = now
      if (!w.qgStop) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  return () =>
    page.evaluate(() => {
      const w = window as unknown as { qgFrames: number[]; qgStop: boolean }
      w.qgStop = true
      return w.qgFrames.slice(1)
    })
}

/** Drags the vertical scrollbar to the end: one position per animation frame. */
async function dragScrollbarToEnd(page: Page, steps: number): Promise<void> {
  await page.evaluate(async (steps) => {
    const grid = document.querySelector<HTMLElement>('[data-testid="result-grid"]')!
    // the grid's vertically scrolling element: the tallest scrollable one inside it
    const scroller = [...grid.querySelectorAll<HTMLElement>('*')].reduce((best, el) =>
      el.scrollHeight - el.clientHeight > best.scrollHeight - best.clientHeight ? el : best
    )
    for (let step = 1; step <= steps; step++) {
      await new Promise((r) => requestAnimationFrame(r))
      scroller.scrollTop = Math.round(((scroller.scrollHeight - scroller.clientHeight) * step) / steps)
    }
  }, steps)
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!
}

async function main(): Promise<void> {
  const { buildIfNeeded } = (await import('../scripts/build-if-needed.mjs' as string)) as { buildIfNeeded(root: string): void }
  const { ROOT } = await import('../e2e/harness')
  buildIfNeeded(ROOT)
  const t0 = Date.now()
  const log = (what: string): void => console.log(`[grid] ${((Date.now() - t0) / 1000).toFixed(1)} s ${what}`)
  log('built')
  const app = await startApp()
  const browser = await launchBrowser()
  const page = await browser.newPage()
  try {
    await page.goto(app.url)
    await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
    await setEditorText(page, sql)
    await page.keyboard.press('ControlOrMeta+Shift+Enter')
    log('query started')
    const counter = page.locator('[data-testid="row-counter"][data-done="true"]')
    await counter.waitFor({ timeout: 300_000 })
    const text = await counter.innerText()
    const rows = Number(/([\d,]+) rows/.exec(text)?.[1]?.replaceAll(',', ''))
    if (rows !== ROWS) throw new Error(`grid reports ${text}, expected ${ROWS} rows`)
    await page.locator('[data-testid="result-grid"] .ag-row[row-index="0"]').waitFor()
    log(`${rows} rows in the grid`)

    const stopIdle = await recordFrames(page)
    await page.waitForTimeout(2000)
    const idle = await stopIdle()

    const started = Date.now()
    const stop = await recordFrames(page)
    // real wheel input (rows render every frame), then the scrollbar dragged to the last row
    const box = (await page.locator('[data-testid="result-grid"]').boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    for (let i = 0; i < 60; i++) await page.mouse.wheel(0, 600)
    await dragScrollbarToEnd(page, 240)
    const lastRow = page.locator(`[data-testid="result-grid"] .ag-row[row-index="${ROWS - 1}"] [col-id="0"]`)
    await lastRow.waitFor({ timeout: 30_000 })
    // the row appears first, its values when its block arrives
    let lastValue = ''
    for (let i = 0; i < 300 && Number(lastValue) !== ROWS; i++) {
      lastValue = await lastRow.innerText()
      if (Number(lastValue) !== ROWS) await page.waitForTimeout(100)
    }
    if (Number(lastValue) !== ROWS) throw new Error(`last row shows ${JSON.stringify(lastValue)}`)
    const lastRowMs = Date.now() - started
    const scrolling = await stop()
    console.log(`frames: idle p95 ${p95(idle).toFixed(1)} ms, scrolling p95 ${p95(scrolling).toFixed(1)} ms, max ${Math.max(...scrolling).toFixed(1)} ms over ${scrolling.length} frames`)
    console.log(
      `BENCH grid scroll_p95_frame_ms=${p95(scrolling).toFixed(1)} idle_p95_frame_ms=${p95(idle).toFixed(1)} frames=${scrolling.length} rows=${rows} last_row_ms=${lastRowMs}`
    )
  } catch (e) {
    await screenshot(page, 'grid-bench-failure').catch(() => undefined)
    throw e
  } finally {
    await browser.close()
    await app.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
