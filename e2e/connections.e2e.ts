/// <reference lib="dom" />
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright'
import { startEmbeddedPostgres } from '../test/databases'
import { screenshot, setEditorText, type RunningApp, openAppInBrowser } from './harness'

const PG_URL = process.env.PG_URL
const SECRET = 'Correct-Horse-Battery-42'

let app: RunningApp
let browser: BrowserContext
let page: Page
let stopPg: (() => Promise<void>) | undefined
let pwPort: number

beforeAll(async () => {
  // a PostgreSQL that really checks passwords (the shared test server may use trust auth)
  const pg = await startEmbeddedPostgres({ password: SECRET })
  pwPort = pg.port
  stopPg = pg.stop
  ;({ app, browser, page } = await openAppInBrowser())
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stopPg?.()
})

const dialog = (): ReturnType<Page['locator']> => page.locator('[data-testid="connection-dialog"]')

async function pasteUrl(url: string): Promise<void> {
  await page.locator('[data-testid="connection-url"]').fill(url)
  await page.locator('[data-testid="connection-url-fill"]').click()
}

describe('connections in web mode', () => {
  it('invalid fields get zod messages next to the field and nothing is saved', async () => {
    await page.goto(app.url)
    await expect.poll(() => page.locator('[data-testid="connection-list"]').innerText(), { timeout: 20_000 }).toContain('Sample database')
    await page.locator('[data-testid="new-connection"]').click()
    await page.locator('[data-testid="field-host"]').fill('')
    await page.locator('[data-testid="field-port"]').fill('99999')
    await page.locator('[data-testid="connection-save"]').click()
    await expect.poll(() => page.locator('[data-testid="error-host"]').innerText()).toContain('Host is required')
    await expect.poll(() => page.locator('[data-testid="error-port"]').innerText()).toContain('from 1 to 65535')
    // an empty name does not block: it takes the suggested "db @ host:port" name
    await expect.poll(() => page.locator('[data-testid="error-name"]').count()).toBe(0)
    await screenshot(page, 'connections-invalid-fields')
    await page.locator('.modal-actions button', { hasText: 'Cancel' }).click() // (Escape now closes it too)
    await expect.poll(() => dialog().count()).toBe(0)
  })

  it('a wrong password shows "authentication failed" in the dialog', async () => {
    await page.locator('[data-testid="new-connection"]').click()
    await pasteUrl(`postgres://postgres:wrong-password@127.0.0.1:${pwPort}/postgres`)
    await expect.poll(() => page.locator('[data-testid="field-port"]').inputValue()).toBe(String(pwPort))
    await page.locator('[data-testid="connection-test"]').click()
    const result = page.locator('[data-testid="connection-test-result"]')
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toMatch(/authentication failed/i)
    expect(await result.getAttribute('data-code')).toBe('AUTH_FAILED')
    expect(await result.innerText()).not.toContain('wrong-password')
    await screenshot(page, 'connections-auth-failed')

    // the right password: test passes, save, and the store on disk holds no plaintext password
    await page.locator('[data-testid="field-password"]').fill(SECRET)
    await page.locator('[data-testid="field-name"]').fill('Password-checked PG')
    await page.locator('[data-testid="connection-test"]').click()
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toMatch(/Connected in .* PostgreSQL/)
    await page.locator('[data-testid="connection-save"]').click()
    await expect.poll(() => dialog().count()).toBe(0)
    await expect.poll(() => page.locator('[data-testid="connection-list"]').innerText()).toContain('Password-checked PG')
    const files = readdirSync(app.dataDir).filter((f) => statSync(join(app.dataDir, f)).isFile())
    expect(files.length).toBeGreaterThan(0)
    for (const f of files) expect(readFileSync(join(app.dataDir, f)).includes(SECRET), `${f} holds the password`).toBe(false)
  })

  it.skipIf(!PG_URL)('adds a PostgreSQL connection by pasting a URL, tests it, and queries it', async () => {
    await page.locator('[data-testid="new-connection"]').click()
    await pasteUrl(PG_URL!)
    await expect.poll(() => page.locator('[data-testid="field-host"]').inputValue()).toBe(new URL(PG_URL!).hostname)
    await page.locator('[data-testid="field-name"]').fill('Pasted PG')
    await page.locator('[data-testid="connection-test"]').click()
    await expect.poll(() => page.locator('[data-testid="connection-test-result"]').innerText(), { timeout: 15_000 }).toMatch(/Connected in [\d.]+ ms — PostgreSQL \d+/)
    await screenshot(page, 'connections-test-ok')
    await page.locator('[data-testid="connection-save"]').click()
    await expect.poll(() => dialog().count()).toBe(0)
    // saving selects the connection for browsing; the open tab keeps its own connection
    await expect.poll(() => page.locator('[data-testid="connection-list"] button.active').innerText()).toContain('Pasted PG')
    expect(await page.locator('[data-testid="tab-connection-picker"] option:checked').innerText()).not.toBe('Pasted PG')
    // a double-click opens a new query tab on it
    const tabsBefore = await page.locator('[data-testid="editor-tab"]').count()
    await page.locator('[data-testid="connection-list"] button.active').dblclick()
    await expect.poll(() => page.locator('[data-testid="editor-tab"]').count()).toBe(tabsBefore + 1)
    await expect.poll(() => page.locator('[data-testid="tab-connection-picker"] option:checked').innerText()).toBe('Pasted PG')
    await setEditorText(page, "select 40 + 2 as answer, current_setting('server_version_num') as v")
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect.poll(() => page.locator('[data-testid="result-grid"]').innerText(), { timeout: 20_000 }).toContain('42')
    await screenshot(page, 'connections-query')
  })
})
