/// <reference lib="dom" />
import Database from 'better-sqlite3'
import { join } from 'node:path'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright'
import { ROOT, screenshot, setEditorText, watchPage, type RunningApp, openAppInBrowser } from './harness'

let app: RunningApp
let browser: BrowserContext
let page: Page
let watched: ReturnType<typeof watchPage>

beforeAll(async () => {
  ;({ app, browser, page, watched } = await openAppInBrowser())
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

async function gridRowCount(): Promise<number> {
  const attr = await page.locator('[data-testid="result-grid"] [role="treegrid"], [data-testid="result-grid"] [role="grid"]').first().getAttribute('aria-rowcount')
  return Number(attr) - 1 // the header row counts too
}

describe('foundation round trip in web mode', () => {
  it('opens with the sample database selected and its schema listed', async () => {
    await page.goto(app.url)
    await expect.poll(() => page.locator('[data-testid="connection-list"]').innerText(), { timeout: 20_000 }).toContain('Sample database')
    await expect.poll(() => page.locator('[data-testid="schema-tree"]').innerText(), { timeout: 20_000 }).toContain('customers')
    await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
  })

  it('runs a query with Ctrl+Enter and shows exactly the rows the database holds', async () => {
    await setEditorText(page, 'SELECT * FROM customers ORDER BY customer_id LIMIT 50')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect.poll(gridRowCount, { timeout: 20_000 }).toBe(50)
    const expected = new Database(join(ROOT, 'resources/sample.db'), { readonly: true })
      .prepare('SELECT email FROM customers ORDER BY customer_id LIMIT 1')
      .get() as { email: string }
    await expect.poll(() => page.locator('[data-testid="result-grid"]').innerText()).toContain(expected.email)
    await expect.poll(() => page.locator('[data-testid="status-rows"]').innerText()).toContain('50 rows')
    await screenshot(page, 'foundation-results-light')
  })

  it('shows the database error for a wrong table and keeps working', async () => {
    await setEditorText(page, 'SELECT * FROM no_such_table LIMIT 5')
    await page.keyboard.press('ControlOrMeta+Enter')
    const panel = page.locator('[data-testid="error-panel"]')
    await expect.poll(() => panel.innerText(), { timeout: 20_000 }).toContain('no such table')
    await screenshot(page, 'foundation-error')
    await setEditorText(page, 'SELECT product_id, name FROM products ORDER BY product_id LIMIT 7')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect.poll(gridRowCount, { timeout: 20_000 }).toBe(7)
    await expect(panel.count()).resolves.toBe(0)
  })

  it('switches to the dark theme', async () => {
    await page.locator('[data-testid="theme-toggle"]').click()
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await screenshot(page, 'foundation-results-dark')
    await page.locator('[data-testid="theme-toggle"]').click()
  })

  it('lets the sidebar be dragged wider and remembers it after a reload', async () => {
    const handle = await page.locator('[data-testid="sidebar-resizer"]').boundingBox()
    await page.mouse.move(handle!.x + handle!.width / 2, handle!.y + 200)
    await page.mouse.down()
    await page.mouse.move(420, handle!.y + 200, { steps: 5 })
    await page.mouse.up()
    const width = async (): Promise<number> => (await page.locator('.sidebar').boundingBox())!.width
    await expect.poll(width).toBeGreaterThan(400)
    await page.reload()
    await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
    await expect.poll(width).toBeGreaterThan(400)
  })

  it('made no request outside localhost and logged no errors', () => {
    expect(watched.external).toEqual([])
    expect(watched.errors.filter((e) => !/favicon/.test(e))).toEqual([])
  })
})

describe('web-mode access control', () => {
  it('refuses the page without the token', async () => {
    const res = await fetch(`http://127.0.0.1:${app.port}/`)
    expect(res.status).toBe(401)
    const wrong = await fetch(`http://127.0.0.1:${app.port}/?token=${'x'.repeat(app.token.length)}`)
    expect(wrong.status).toBe(401)
  })

  it('refuses a WebSocket without the token or from another origin', async () => {
    const attempt = (url: string, headers?: Record<string, string>): Promise<string> =>
      new Promise((resolve) => {
        const ws = new WebSocket(url, { headers })
        ws.on('open', () => {
          ws.close()
          resolve('open')
        })
        ws.on('error', (e) => resolve(String(e.message)))
      })
    expect(await attempt(`ws://127.0.0.1:${app.port}/rpc`)).toMatch(/401/)
    expect(await attempt(`ws://127.0.0.1:${app.port}/rpc?token=${app.token}`, { Origin: 'http://evil.example' })).toMatch(/401/)
    expect(await attempt(`ws://127.0.0.1:${app.port}/rpc?token=${app.token}`, { Origin: `http://127.0.0.1:${app.port}` })).toBe('open')
  })
})
