/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright'
import { openAppInBrowser, screenshot, type BrowserSession } from './harness'
import { rpc } from './rpc'

let session: BrowserSession
beforeAll(async () => {
  session = await openAppInBrowser()
}, 120_000)
afterAll(async () => {
  await session?.close()
})

interface Exchange {
  call: string
  input: unknown
  answer?: unknown
}

/**
 * Puts Playwright between the page and web mode's WebSocket: every call goes to the real server, except those in
 * `answers`, which are answered as the desktop app's main process would (the page cannot tell the difference).
 * Records each `dialogs.*` exchange with the answer the page received.
 */
async function proxyRpc(page: Page, answers: Record<string, (input: unknown) => unknown> = {}): Promise<Exchange[]> {
  const exchanges: Exchange[] = []
  const pending = new Map<number, Exchange>()
  await page.routeWebSocket(/\/rpc/, (ws) => {
    const server = ws.connectToServer()
    ws.onMessage((message) => {
      const msg = JSON.parse(String(message)) as { id: number; call: string; input: unknown }
      const answer = answers[msg.call]
      if (msg.call?.startsWith('dialogs.')) {
        const exchange = { call: msg.call, input: msg.input }
        exchanges.push(exchange)
        pending.set(msg.id, exchange)
      }
      if (!answer) return server.send(message)
      const value = answer(msg.input)
      pending.get(msg.id)!.answer = value
      ws.send(JSON.stringify({ id: msg.id, ok: true, value }))
    })
    server.onMessage((message) => {
      const msg = JSON.parse(String(message)) as { id?: number; ok?: boolean; value?: unknown; error?: unknown }
      const exchange = msg.id === undefined ? undefined : pending.get(msg.id)
      if (exchange) exchange.answer = msg.ok ? msg.value : { error: msg.error }
      ws.send(message)
    })
  })
  return exchanges
}

async function openSqliteConnectionDialog(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await expect.poll(() => page.locator('[data-testid="connection-list"]').innerText(), { timeout: 20_000 }).toContain('Sample database')
  await page.locator('[data-testid="new-connection"]').click()
  await page.locator('[data-testid="field-dialect"]').selectOption('sqlite')
  await expect.poll(() => page.locator('[data-testid="field-filePath"]').count()).toBe(1)
}

describe('Browse… buttons', () => {
  it('web mode: the server has no pickers and the connection dialog shows no Browse button', async () => {
    expect(await rpc(session.app, 'dialogs.available', {})).toEqual({ available: false })
    await expect(rpc(session.app, 'dialogs.openFile', { title: 'x' })).rejects.toThrow('File dialogs are available in the desktop app')

    const page = await session.browser.newPage()
    const exchanges = await proxyRpc(page)
    await openSqliteConnectionDialog(page, session.app.url)
    // the page asked and the real server said no; only then is the absence of the button meaningful
    await expect.poll(() => exchanges.find((e) => e.call === 'dialogs.available')?.answer).toEqual({ available: false })
    expect(await page.locator('.browse-button').count()).toBe(0)
    await page.locator('[data-testid="field-dialect"]').selectOption('postgres')
    await page.locator('.connection-dialog summary', { hasText: 'SSL' }).click()
    await page.locator('[data-testid="field-sslMode"]').selectOption('verify-full')
    expect(await page.locator('.connection-dialog input').count()).toBeGreaterThan(8)
    expect(await page.locator('.browse-button').count()).toBe(0)
    await page.close()
  })

  it('desktop answers: Browse… fills the SQLite path, SSL and SSH key paths and the docs export folder with the picked path', async () => {
    const page = await session.browser.newPage()
    const picked: Record<string, string> = {
      'SQLite database file': '/home/me/data/shop.sqlite',
      'CA certificate file': '/home/me/certs/ca.pem',
      'SSH private key file': '/home/me/.ssh/id_ed25519',
      'Folder for the documentation': '/home/me/schema-docs'
    }
    const exchanges = await proxyRpc(page, {
      'dialogs.available': () => ({ available: true }),
      'dialogs.openFile': (input) => ({ path: picked[(input as { title: string }).title] ?? null }),
      'dialogs.chooseFolder': (input) => ({ path: picked[(input as { title: string }).title] ?? null })
    })
    await openSqliteConnectionDialog(page, session.app.url)
    await page.locator('[data-testid="browse-filePath"]').click()
    await expect.poll(() => page.locator('[data-testid="field-filePath"]').inputValue()).toBe('/home/me/data/shop.sqlite')
    // the second time the picker opens where the field points
    await page.locator('[data-testid="browse-filePath"]').click()
    await expect.poll(() => exchanges.filter((e) => e.call === 'dialogs.openFile').length).toBe(2)
    expect(exchanges.filter((e) => e.call === 'dialogs.openFile').map((e) => (e.input as { defaultPath?: string }).defaultPath)).toEqual([
      undefined,
      '/home/me/data/shop.sqlite'
    ])
    expect(exchanges.find((e) => e.call === 'dialogs.openFile')?.input).toEqual({
      title: 'SQLite database file',
      filters: [
        { name: 'SQLite database', extensions: ['sqlite', 'sqlite3', 'db', 'db3', 's3db'] },
        { name: 'All files', extensions: ['*'] }
      ]
    })
    await screenshot(page, 'file-dialogs-sqlite-browse')

    await page.locator('[data-testid="field-dialect"]').selectOption('postgres')
    await page.locator('.connection-dialog summary', { hasText: 'SSL' }).click()
    await page.locator('[data-testid="field-sslMode"]').selectOption('verify-full')
    await page.locator('[data-testid="browse-sslCa"]').click()
    await expect.poll(() => page.locator('.connection-dialog input[value="/home/me/certs/ca.pem"]').count()).toBe(1)
    // a cancelled picker (null) leaves the field as it was
    await page.locator('[data-testid="browse-sslCert"]').click()
    await expect.poll(() => exchanges.filter((e) => e.call === 'dialogs.openFile').length).toBe(4)
    await expect.poll(() => exchanges.filter((e) => e.call === 'dialogs.openFile').at(-1)?.answer).toEqual({ path: null })
    expect(await page.locator('label', { hasText: 'Client certificate file' }).locator('input').inputValue()).toBe('')
    await page.locator('.connection-dialog summary', { hasText: 'SSH' }).click()
    await page.locator('[data-testid="field-sshEnabled"]').check()
    await page.locator('.connection-dialog select').filter({ hasText: 'private key' }).selectOption('key')
    await page.locator('[data-testid="browse-sshKey"]').click()
    await expect.poll(() => exchanges.at(-1)?.input).toEqual({ title: 'SSH private key file', defaultPath: '~/.ssh' })
    await expect.poll(() => page.locator('.connection-dialog input[placeholder="~/.ssh/id_ed25519"]').inputValue()).toBe('/home/me/.ssh/id_ed25519')
    await screenshot(page, 'file-dialogs-ssl-ssh-browse')
    await page.locator('.modal-actions button', { hasText: 'Cancel' }).click()

    await page.locator('[data-testid="view-docs"]').click()
    await page.locator('[data-testid="docs-export-open"]').click()
    await page.locator('[data-testid="browse-docs-folder"]').click()
    await expect.poll(() => page.locator('[data-testid="docs-export-folder"]').inputValue()).toBe('/home/me/schema-docs')
    expect(exchanges.filter((e) => e.call === 'dialogs.chooseFolder').map((e) => e.input)).toEqual([{ title: 'Folder for the documentation' }])
    await screenshot(page, 'file-dialogs-docs-folder')
    await page.close()
  })
})
