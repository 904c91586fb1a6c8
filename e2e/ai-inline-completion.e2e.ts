/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright'
import { startFakeProvider, type FakeProvider } from '../test/fake-provider/server'
import { openAppInBrowser, screenshot, setEditorText, watchPage, type RunningApp } from './harness'

/**
 * Inline completion in web mode against the fake provider as a local (127.0.0.1) OpenAI-compatible server: off
 * until turned on in Settings (typing sends nothing), then ghost text from the provider after the debounce, and Tab
 * accepts it into the editor.
 */
let fake: FakeProvider
let app: RunningApp
let browser: BrowserContext
let page: Page
let watched: ReturnType<typeof watchPage>

const TYPED = 'SELECT first_name, last_name FROM customers WHERE '
// the model repeats the statement and wraps it in a fence: only the continuation becomes ghost text
const REPLY = "```sql\nSELECT first_name, last_name FROM customers WHERE loyalty_tier = 'gold'\n```"
const chats = () => fake.requests.filter((r) => r.path.endsWith('/chat/completions'))
const editorText = async () => (await page.locator('[data-testid="sql-editor"] .view-lines').innerText()).replace(/\u00a0/g, ' ')

beforeAll(async () => {
  fake = await startFakeProvider()
  fake.defaultReply = () => REPLY
  ;({ app, browser, page, watched } = await openAppInBrowser())
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await fake?.close()
})

describe('inline completion in the editor', () => {
  it('is off by default: with a local provider configured, typing sends nothing', async () => {
    await page.goto(app.url)
    await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
    await expect.poll(() => page.locator('[data-testid="schema-tree"]').innerText(), { timeout: 20_000 }).toContain('customers')
    await page.getByTestId('open-settings').click()
    await page.getByTestId('ai-add-openai-compatible').click()
    await page.getByTestId('ai-openai-compatible-baseUrl').fill(`${fake.url}/ollama/v1`)
    await page.getByTestId('ai-openai-compatible-model').click() // blur saves the base URL
    await expect.poll(() => page.getByTestId('ai-inline-provider').locator('option').first().textContent()).toContain('Local (Ollama)')
    expect(await page.getByTestId('ai-inline-enabled').isChecked()).toBe(false)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('settings-dialog').count()).toBe(0)

    await setEditorText(page, TYPED)
    await page.waitForTimeout(1_500) // three times the default debounce
    expect(chats()).toHaveLength(0)
  })

  it('turned on in Settings, shows the local model’s continuation as ghost text, and Tab accepts it', async () => {
    await page.getByTestId('open-settings').click()
    await page.getByTestId('ai-inline-enabled').click() // checked once the main process saved it
    await expect.poll(() => page.getByTestId('ai-inline-enabled').isChecked()).toBe(true)
    await page.getByTestId('ai-inline-settings').scrollIntoViewIfNeeded()
    await screenshot(page, 'ai-inline-settings')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('settings-dialog').count()).toBe(0)

    await setEditorText(page, TYPED)
    const ghost = page.locator('[data-testid="sql-editor"] .ghost-text-decoration, [data-testid="sql-editor"] .ghost-text')
    await expect.poll(() => ghost.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await expect.poll(async () => (await ghost.allInnerTexts()).join('').replace(/\u00a0/g, ' ')).toBe("loyalty_tier = 'gold'")
    await screenshot(page, 'ai-inline-ghost-text')

    const sent = chats().at(-1)!
    expect(sent.path).toBe('/ollama/v1/chat/completions')
    expect(sent.prompt).toContain(`${TYPED}<CURSOR>`)
    expect(sent.prompt).toMatch(/TABLE main\.customers\(/)

    await page.keyboard.press('Tab')
    await expect.poll(editorText).toBe(`${TYPED}loyalty_tier = 'gold'`)
    expect(await ghost.count()).toBe(0)
    await screenshot(page, 'ai-inline-accepted')
    expect(watched.external).toEqual([])
  })

  it('typing on cancels the provider call of the suggestion it made obsolete', async () => {
    await page.getByTestId('open-settings').click()
    await page.getByTestId('ai-openai-compatible-model').fill('slow-coder') // the fake provider streams a token every 50 ms
    await page.getByTestId('ai-openai-compatible-label').click()
    await expect.poll(() => page.getByTestId('ai-inline-provider').locator('option').first().textContent()).toContain('slow-coder')
    await page.keyboard.press('Escape')
    fake.defaultReply = () => Array.from({ length: 300 }, (_, i) => `c${i},`).join(' ')
    const aborted = fake.abortedStreams
    const before = chats().length
    await setEditorText(page, 'SELECT ')
    await expect.poll(() => chats().length, { timeout: 15_000 }).toBe(before + 1)
    await page.keyboard.insertText('o')
    await expect.poll(() => fake.abortedStreams, { timeout: 15_000 }).toBeGreaterThan(aborted)
  })
})
