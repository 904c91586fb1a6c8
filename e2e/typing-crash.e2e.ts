/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../test/support/free-port'
import { launchBrowser, screenshot, startApp, type RunningApp } from './harness'
import { rpc } from './rpc'

let first: RunningApp
let second: RunningApp | undefined
let browser: BrowserContext
let page: Page

beforeAll(async () => {
  // the same port after the restart: the page's journal is kept per origin, as it is for a user re-opening the app
  first = await startApp({ port: await freePort() })
  browser = await launchBrowser()
  page = await browser.newPage()
})

afterAll(async () => {
  await browser?.close()
  await first?.stop()
  await second?.stop()
})

const editorText = (p: Page): Promise<string> => p.locator('[data-testid="sql-editor"] .view-lines').innerText().then((t) => t.replace(/\u00a0/g, ' '))
const savedSql = async (app: RunningApp): Promise<string> => (await rpc(app, 'tabs.list', {})).tabs[0]?.sql ?? ''

/** Types `text` one character at a time, `gapMs` apart, as a fast typist does; calls `at` once after `atMs`. */
async function typeContinuously(p: Page, text: string, gapMs: number, atMs: number, at: () => void): Promise<void> {
  const started = Date.now()
  let fired = false
  for (const ch of text) {
    await p.keyboard.insertText(ch)
    if (!fired && Date.now() - started >= atMs) {
      fired = true
      at()
    }
    await new Promise((r) => setTimeout(r, gapMs))
  }
}

describe('text typed continuously is saved while typing, and survives the service being killed', () => {
  it('saves within about 100 ms even while typing never pauses', async () => {
    await page.goto(first.url)
    const editor = page.locator('[data-testid="sql-editor"] .monaco-editor')
    await editor.waitFor()
    await editor.click()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.press('Delete')
    const text = 'select 1 as saved_while_typing_without_any_pause'
    const seen: number[] = []
    // sample what the store holds while the keys keep coming, 40 ms apart
    const sampling = (async () => {
      for (let i = 0; i < 40; i++) {
        seen.push((await savedSql(first)).length)
        await new Promise((r) => setTimeout(r, 50))
      }
    })()
    await typeContinuously(page, text, 40, 0, () => undefined)
    await sampling
    // a debounce would save nothing until the typing stops; a throttle saves along the way
    const midway = seen.filter((n) => n > 5 && n < text.length)
    expect(midway.length, `store lengths sampled while typing: ${seen.join(',')}`).toBeGreaterThan(3)
    await expect.poll(() => savedSql(first)).toBe(text)
  })

  it('kill -9 of the service 100 ms into continuous typing loses nothing; the re-opened app has every character', async () => {
    const editor = page.locator('[data-testid="sql-editor"] .monaco-editor')
    await editor.click()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.press('Delete')
    const text = 'select 2 as typed_across_a_killed_service -- every character counts'
    await typeContinuously(page, text, 40, 100, () => first.process.kill('SIGKILL'))
    await new Promise((r) => (first.process.exitCode !== null || first.process.signalCode ? r(null) : first.process.once('exit', r)))
    expect(await editorText(page)).toContain(text)

    second = await startApp({ dataDir: first.dataDir, port: first.port })
    // the open page finds a service that refuses its old token: it says what to do instead of "reconnecting…" forever
    await expect.poll(() => page.locator('[data-testid="link-state"]').getAttribute('data-state').catch(() => null), { timeout: 30_000 }).toBe('expired')
    await screenshot(page, 'link-expired')

    const reopened = await browser.newPage()
    await reopened.goto(second.url)
    await reopened.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
    await expect.poll(() => editorText(reopened), { timeout: 20_000 }).toContain(text)
    // and the recovered text reaches the store again
    await expect.poll(() => savedSql(second!), { timeout: 10_000 }).toBe(text)
    await screenshot(reopened, 'typing-recovered')
  })
})
