/// <reference lib="dom" />
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppInBrowser, setEditorText, type BrowserSession } from './harness'

let session: BrowserSession
beforeAll(async () => {
  session = await openAppInBrowser()
  await session.browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(session.app.url).origin })
}, 120_000)
afterAll(async () => {
  await session?.close()
})

/**
 * Puts Playwright between the page and web mode's WebSocket and holds the server's answers to descending
 * `query.rows` calls until released: a slow server sort, made deterministic.
 */
async function holdDescendingRows(page: Page): Promise<{ held: () => number; release: () => void }> {
  const held: string[] = []
  const descending = new Set<number>()
  let toPage: ((message: string) => void) | undefined
  await page.routeWebSocket(/\/rpc/, (ws) => {
    const server = ws.connectToServer()
    toPage = (message) => ws.send(message)
    ws.onMessage((message) => {
      const msg = JSON.parse(String(message)) as { id: number; call: string; input?: { sort?: { direction: string }[] } }
      if (msg.call === 'query.rows' && msg.input?.sort?.some((s) => s.direction === 'desc')) descending.add(msg.id)
      server.send(message)
    })
    server.onMessage((message) => {
      const msg = JSON.parse(String(message)) as { id?: number }
      if (msg.id !== undefined && descending.has(msg.id)) held.push(String(message))
      else ws.send(message)
    })
  })
  return {
    held: () => held.length,
    release: () => {
      for (const message of held.splice(0)) toPage!(message)
    }
  }
}

const firstIds = async (page: Page): Promise<number[]> => {
  const text = await page.evaluate(() => navigator.clipboard.readText())
  return text.startsWith('[') ? (JSON.parse(text) as { i: number }[]).slice(0, 2).map((r) => r.i) : []
}

describe('results view (sample database)', () => {
  it('a sort undone before its rows arrive stays undone: copy follows what the grid shows', async () => {
    const { page } = session
    const hold = await holdDescendingRows(page)
    await page.goto(session.app.url)
    await setEditorText(page, 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT i FROM n')
    await page.keyboard.press('ControlOrMeta+Enter')
    const firstCell = page.locator('[data-testid="result-grid"] .ag-row[row-index="0"] [col-id="0"]')
    await expect.poll(() => firstCell.innerText().catch(() => ''), { timeout: 20_000 }).toBe('1')
    await expect.poll(() => page.locator('[data-testid="row-counter"][data-done="true"]').count(), { timeout: 20_000 }).toBe(1)

    const header = page.locator('[data-testid="result-grid"] .ag-header-cell[col-id="0"] .ag-header-cell-label')
    await header.click() // ascending
    await header.click() // descending: its rows are held back
    await expect.poll(hold.held, { timeout: 10_000 }).toBeGreaterThan(0)
    await header.click() // unsorted again, before the descending rows arrive
    await expect.poll(() => firstCell.innerText().catch(() => ''), { timeout: 10_000 }).toBe('1')
    hold.release() // the late answers for the abandoned sort reach the page now

    for (let copy = 1; copy <= 2; copy++) {
      // the first copy's round trip comes after the released answers on the socket, so the second one sees their effect
      await page.evaluate(() => navigator.clipboard.writeText(''))
      await page.locator('[data-testid="copy-as"]').selectOption('json')
      await expect.poll(() => firstIds(page), { timeout: 10_000 }).not.toEqual([])
      expect(await firstIds(page), `copy ${copy}`).toEqual([1, 2])
    }
    expect(await firstCell.innerText()).toBe('1')
  })
})
