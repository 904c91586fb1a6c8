/// <reference lib="dom" />
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppInBrowser, type BrowserSession } from './harness'
import { rpc } from './rpc'

let session: BrowserSession
let other: Server
let otherPort: number
const received: IncomingHttpHeaders[] = []

beforeAll(async () => {
  session = await openAppInBrowser()
  // another local web server, as any local dev server or a malicious local process might run
  other = createServer((req, res) => {
    received.push(req.headers)
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>other</title><p>other local server</p>')
  })
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()))
  otherPort = (other.address() as AddressInfo).port
}, 120_000)
afterAll(async () => {
  await session?.close()
  await new Promise((r) => other?.close(r))
})

/** Tries the WebSocket with these headers: 'open' or the refusal. */
function attempt(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers })
    ws.on('open', () => {
      ws.close()
      resolve('open')
    })
    ws.on('error', (e) => resolve(e.message))
  })
}

/** A GET with a Host header of our choosing (fetch does not let a caller set Host). */
function statusWithHost(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
      .on('error', reject)
      .end()
  })
}

const editor = '[data-testid="sql-editor"] .monaco-editor'

describe('web mode leaves no credential another local origin can replay', () => {
  it('takes the token out of the address bar and keeps nothing in cookies or storage', async () => {
    const { page, app, browser } = session
    await page.goto(app.url)
    await page.locator(editor).waitFor()
    await expect.poll(() => page.evaluate(() => location.href)).toBe(`http://127.0.0.1:${app.port}/app`)
    expect(page.url()).not.toContain(app.token)
    const stored = await page.evaluate(() => ({
      cookie: document.cookie,
      session: sessionStorage.length,
      local: Object.keys(localStorage).join(' '),
      historyLength: history.length,
      state: JSON.stringify(history.state)
    }))
    expect(stored.cookie).toBe('')
    expect(stored.session).toBe(0)
    expect(stored.local).not.toMatch(/token/i)
    expect(stored.state).not.toContain(app.token)
    expect(await browser.cookies()).toEqual([])
    expect((await rpc(app, 'tabs.list', {})).tabs.length).toBeGreaterThan(0)
  })

  it('a second local server the browser visits receives nothing it can replay', async () => {
    const { browser, app } = session
    const visitor = await browser.newPage()
    for (const host of ['127.0.0.1', 'localhost']) {
      await visitor.goto(`http://${host}:${otherPort}/page`)
      // what a page there could try: read our cookies, fetch us with credentials
      const tried = await visitor.evaluate(async (port) => {
        const out: string[] = [document.cookie]
        try {
          const r = await fetch(`http://127.0.0.1:${port}/download/x_AAAAAAAAAAAAAAAA`, { credentials: 'include', mode: 'no-cors' })
          out.push(String(r.status))
        } catch (e) {
          out.push(String(e))
        }
        return out
      }, app.port)
      expect(tried[0]).toBe('')
    }
    await visitor.close()
    expect(received.length).toBeGreaterThanOrEqual(2)
    for (const headers of received) {
      expect(headers.cookie).toBeUndefined()
      expect(headers.authorization).toBeUndefined()
      expect(JSON.stringify(headers)).not.toContain(app.token)
    }
    // replaying every header it got (with our Origin forged, as a local process can) opens nothing
    for (const headers of received) {
      const replay = Object.fromEntries(Object.entries(headers).filter(([k]) => !['host', 'connection', 'upgrade'].includes(k)).map(([k, v]) => [k, String(v)]))
      expect(await attempt(`ws://127.0.0.1:${app.port}/rpc`, { ...replay, Origin: `http://127.0.0.1:${app.port}` })).toMatch(/401/)
      const res = await fetch(`http://127.0.0.1:${app.port}/`, { headers: replay })
      expect(res.status).toBe(401)
    }
  })

  it('refuses upgrades with no Origin, another port or site as Origin, or a foreign Host (DNS rebinding)', async () => {
    const { app } = session
    const url = `ws://127.0.0.1:${app.port}/rpc?token=${app.token}`
    expect(await attempt(url, {})).toMatch(/401/)
    expect(await attempt(url, { Origin: `http://127.0.0.1:${otherPort}` })).toMatch(/401/)
    expect(await attempt(url, { Origin: 'http://evil.example' })).toMatch(/401/)
    expect(await attempt(url, { Origin: `http://evil.example:${app.port}`, Host: `evil.example:${app.port}` })).toMatch(/401/)
    expect(await attempt(url, { Origin: `http://127.0.0.1:${app.port}`, Host: `evil.example:${app.port}` })).toMatch(/401/)
    // what a page on evil.example sees once its name resolves to 127.0.0.1: its own Host
    for (const path of [`/?token=${app.token}`, '/app', '/auth']) expect(await statusWithHost(app.port, path, `evil.example:${app.port}`), path).toBe(403)
    expect(await statusWithHost(app.port, `/?token=${app.token}`, `localhost:${app.port}`)).toBe(200)
    expect(await attempt(url, { Origin: `http://127.0.0.1:${app.port}` })).toBe('open')
  })

  it('a reload reconnects (single-use resume secret in history.state); a bare /app in a new tab asks to reopen', async () => {
    const { page, browser, app } = session
    await page.reload()
    await page.locator(editor).waitFor()
    await expect.poll(() => page.locator('[data-testid="link-state"]').count()).toBe(0)
    await expect.poll(() => page.locator('[data-testid="connection-list"]').innerText(), { timeout: 20_000 }).toContain('Sample database')
    expect(page.url()).toBe(`http://127.0.0.1:${app.port}/app`)
    // and again: each connection hands out a fresh secret
    await page.reload()
    await expect.poll(() => page.locator('[data-testid="connection-list"]').innerText(), { timeout: 20_000 }).toContain('Sample database')

    const fresh = await browser.newPage()
    await fresh.goto(`http://127.0.0.1:${app.port}/app`)
    await expect.poll(() => fresh.locator('.startup-error').innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/open the address QueryGenie printed/)
    await fresh.close()
  })
})
