/**
 * `npm run bench -- startup`: web mode started the real way (`out/main/web-main.js` under this Node, fresh data dir)
 * and opened in Debian Chromium with a fresh profile. Needs a current build: run `npx electron-vite build` first
 * (the bench refuses to run without out/ and warns when src/ is newer than it).
 *
 * Each run: Chromium is launched first and left to settle (the user's browser is already open), then the clock
 * starts at the spawn of web mode. server_ready = spawn to the URL printed; first_usable = spawn to the SQL editor
 * usable (Monaco mounted and a typed marker shown in it); first_load_kb = bytes on the wire for that first load
 * (headers + encoded bodies, as the DevTools protocol reports them for the page); reload_usable = a reload of the
 * page (warm HTTP cache) to the editor usable again. Node's code cache for the services (the user's cache folder,
 * see web-main.ts) is shared by the runs, as it is by a user's starts; the first start after a build is slower.
 * Median of BENCH_STARTUP_RUNS (3) runs; the machine's load average is printed too (the times follow it).
 * BENCH_STARTUP_DEBUG=1 prints the moments of each run. Prints (last line):
 * BENCH startup first_usable_ms=<n> reload_usable_ms=<n> first_load_kb=<n> server_ready_ms=<n>
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright'
import { launchBrowser, ROOT, screenshot, startApp } from '../e2e/harness'

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 3)

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

function checkBuild(): void {
  const marker = join(ROOT, 'out/main/web-main.js')
  const page = join(ROOT, 'out/renderer/index.html')
  if (!existsSync(marker) || !existsSync(page)) {
    console.error('bench startup: no build in out/. Run `npx electron-vite build` first.')
    process.exit(2)
  }
  if (Math.min(statSync(marker).mtimeMs, statSync(page).mtimeMs) < newestMtime(join(ROOT, 'src'))) {
    console.warn('bench startup: warning: src/ is newer than out/; the numbers are for the last build (`npx electron-vite build`).')
  }
}

/**
 * Waits until the SQL editor is mounted and takes text: a marker typed into it shows in its rendered lines.
 * Typed again every 100 ms until it shows (text typed before the tab's content arrives is replaced by it).
 */
async function editorUsable(page: Page, marker: string): Promise<void> {
  const editor = page.locator('[data-testid="sql-editor"] .monaco-editor .view-lines').first()
  await editor.waitFor({ state: 'visible', timeout: 60_000 })
  const deadline = Date.now() + 30_000
  if (process.env.BENCH_STARTUP_DEBUG) console.log(`[startup]   editor visible at ${Date.now()}`)
  for (let attempt = 1; ; attempt++) {
    await editor.click({ position: { x: 5, y: 5 } })
    await page.keyboard.insertText(marker)
    const shown = await page
      .waitForFunction(
        (m) => [...document.querySelectorAll('[data-testid="sql-editor"] .view-lines')].some((el) => (el.textContent ?? '').replace(/\u00a0/g, ' ').includes(m)),
        marker,
        { polling: 'raf', timeout: 100 }
      )
      .then(() => true)
      .catch(() => false)
    if (shown) {
      if (process.env.BENCH_STARTUP_DEBUG) console.log(`[startup]   text shown at ${Date.now()} after ${attempt} attempt(s)`)
      return
    }
    if (Date.now() > deadline) throw new Error(`the editor did not take text within 30 s`)
  }
}

interface Run {
  serverReady: number
  firstUsable: number
  reloadUsable: number
  firstLoadBytes: number
  reloadBytes: number
  requests: number
}

async function oneRun(index: number): Promise<Run> {
  const browser = await launchBrowser()
  const page = await browser.newPage()
  // bytes on the wire per request (headers + encoded body), from the DevTools protocol
  const cdp = await browser.newCDPSession(page)
  await cdp.send('Network.enable')
  let bytes = 0
  let requests = 0
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength
    requests++
  })
  // the browser is open and settled before the clock starts (a just-launched Chromium keeps a core busy for a while)
  await page.evaluate('1')
  await page.waitForTimeout(1000)
  const t0 = performance.now()
  if (process.env.BENCH_STARTUP_DEBUG) console.log(`[startup]   spawn at ${Date.now()}`)
  const app = await startApp()
  const serverReady = performance.now() - t0
  try {
    await page.goto(app.url, { waitUntil: 'commit' })
    await editorUsable(page, `/*first${index}*/`)
    const firstUsable = performance.now() - t0
    const firstLoadBytes = bytes
    const firstRequests = requests
    bytes = 0
    const t1 = performance.now()
    await page.reload({ waitUntil: 'commit' })
    await editorUsable(page, `/*reload${index}*/`)
    const reloadUsable = performance.now() - t1
    const timing = (await page.evaluate(
      '(() => { const n = performance.getEntriesByType("navigation")[0]; return { dcl: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd) } })()'
    )) as { dcl: number; load: number }
    console.log(
      `[startup] run ${index + 1}: server_ready ${serverReady.toFixed(0)} ms, first usable ${firstUsable.toFixed(0)} ms ` +
        `(${(firstLoadBytes / 1024).toFixed(0)} kB in ${firstRequests} requests), reload usable ${reloadUsable.toFixed(0)} ms ` +
        `(${(bytes / 1024).toFixed(0)} kB; reload DOMContentLoaded ${timing.dcl} ms, load ${timing.load} ms)`
    )
    return { serverReady, firstUsable, reloadUsable, firstLoadBytes, reloadBytes: bytes, requests: firstRequests }
  } catch (e) {
    await screenshot(page, 'startup-bench-failure').catch(() => undefined)
    throw e
  } finally {
    await browser.close()
    await app.stop()
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

async function main(): Promise<void> {
  checkBuild()
  console.log(`[startup] load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine before the runs`)
  const runs: Run[] = []
  for (let i = 0; i < RUNS; i++) runs.push(await oneRun(i))
  const m = (pick: (r: Run) => number): number => Math.round(median(runs.map(pick)))
  console.log(
    `BENCH startup first_usable_ms=${m((r) => r.firstUsable)} reload_usable_ms=${m((r) => r.reloadUsable)} ` +
      `first_load_kb=${m((r) => r.firstLoadBytes / 1024)} server_ready_ms=${m((r) => r.serverReady)}`
  )
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
