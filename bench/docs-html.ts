/**
 * The offline HTML docs of a generated 600-table schema (6 schemas, two hub tables with about 100 neighbours
 * each) opened in Chromium: time to a usable page, search per keystroke, and opening the ER diagram.
 * Run alone with `node scripts/run-ts.mjs bench/docs-html.ts`; `npm run bench -- docs` runs it after the export bench.
 * Targets: load under 2,000 ms, search p95 under 50 ms per keystroke.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { launchBrowser } from '../e2e/harness'
import { renderDocs } from '../src/main/services/docs/exporter'
import { generateSchemaModel } from './generate-schema-model'

export const HTML_TABLES = 600

export interface HtmlBench {
  bytes: number
  loadMs: number
  searchP95: number
  searchMax: number
  erMs: number
}

export async function benchDocsHtml(tables = HTML_TABLES): Promise<HtmlBench> {
  const dir = mkdtempSync(join(tmpdir(), 'qg-bench-docs-html-'))
  const browser = await launchBrowser()
  try {
    const files = await renderDocs({ model: generateSchemaModel(tables, 6, { hubs: 2 }), formats: ['html'] })
    const html = files.get('index.html')!
    writeFileSync(join(dir, 'index.html'), html)
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const url = pathToFileURL(join(dir, 'index.html')).href
    // Load: navigation start to the load event (parsing, the script's set-up and the first layout happen before it)
    const loads: number[] = []
    for (let i = 0; i < 3; i++) {
      await page.goto(url, { waitUntil: 'load' })
      // …and the next frame painted after it, measured from navigation start.
      loads.push((await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)))')) as number)
    }
    // Search: each keystroke of a few queries, from the input event to the results painted.
    // (A string, not a function: tsx's name-keeping helpers do not exist in the page.)
    const times = (await page.evaluate(SEARCH_PROBE)) as number[]
    times.sort((a, b) => a - b)
    const t0 = Date.now()
    await page.evaluate(() => (location.hash = '#er'))
    await page.locator('#er-view svg g.er-table, #er-view svg .er-group').first().waitFor({ state: 'attached' })
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))))
    const erMs = Date.now() - t0
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`)
    return {
      bytes: html.length,
      loadMs: Math.round(Math.min(...loads)),
      searchP95: Math.round(times[Math.floor(times.length * 0.95)]! * 10) / 10,
      searchMax: Math.round(times[times.length - 1]! * 10) / 10,
      erMs
    }
  } finally {
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Types each query a key at a time and times input event → results changed → next frame. */
const SEARCH_PROBE = `(async () => {
  var input = document.getElementById('search'), box = document.getElementById('results'), out = []
  var frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
  for (var q of ['table_0123', 'col_1', 's3.table_04', 'synthetic table', 'id']) {
    for (var n = 1; n <= q.length; n++) {
      input.value = q.slice(0, n)
      var t0 = performance.now()
      var changed = new Promise((resolve) => {
        var mo = new MutationObserver(() => { mo.disconnect(); resolve() })
        mo.observe(box, { childList: true, subtree: true, attributes: true, characterData: true })
        setTimeout(() => { mo.disconnect(); resolve() }, 2000)
      })
      input.dispatchEvent(new Event('input', { bubbles: true }))
      await changed
      await frame()
      out.push(performance.now() - t0)
    }
  }
  box.hidden = true
  return out
})()`

export function htmlBenchLine(r: HtmlBench, tables = HTML_TABLES): string {
  return `BENCH docs-html tables=${tables} html_bytes=${r.bytes} load_ms=${r.loadMs} search_ms_p95=${r.searchP95} search_ms_max=${r.searchMax} er_open_ms=${r.erMs} target_load_ms=2000 target_search_ms=50`
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(htmlBenchLine(await benchDocsHtml()))
}
