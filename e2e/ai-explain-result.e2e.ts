/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright'
import { startFakeProvider, type FakeProvider } from '../test/fake-provider/server'
import { fakeProviderConfig } from '../test/ai/provider-config'
import { openAppInBrowser, screenshot, setEditorText, watchPage, type RunningApp } from './harness'
import { rpc } from './rpc'

/**
 * "Explain result" and routing by task in web mode against the fake provider: the summary of a result on the sample
 * database (its rows withheld at the default privacy level, sent once the level shares values), and the routing rule
 * in Settings changing which provider answers.
 */
let fake: FakeProvider
let app: RunningApp
let browser: BrowserContext
let page: Page
let watched: ReturnType<typeof watchPage>

const chatPrompts = () => fake.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.prompt)

beforeAll(async () => {
  fake = await startFakeProvider()
  fake.defaultReply = () => 'Each row is a product category with its product count; one category leads.\nChart: bar of products by category'
  ;({ app, browser, page, watched } = await openAppInBrowser())
  await rpc(app, 'ai.settings.update', {
    providers: [fakeProviderConfig(fake, 'remote', 'openai', 'gpt-4.1'), fakeProviderConfig(fake, 'local', 'openai-compatible', 'llama3')]
  })
  await rpc(app, 'ai.setKey', { providerId: 'remote', key: 'sk-e2e-explain-result-1234' })
  await page.goto(app.url)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await fake?.close()
})

async function explainResult(): Promise<string> {
  const before = await page.getByTestId('ai-turn').count()
  await page.getByTestId('explain-result').click()
  const turn = page.getByTestId('ai-turn').nth(before)
  await expect.poll(() => turn.locator('.ai-meta, .inline-error').count(), { timeout: 30_000 }).toBe(1)
  return turn.innerText()
}

describe('Explain result and routing by task (web mode, sample database)', () => {
  it('summarises a result without sending its rows below "schema + sample values", and with them after', async () => {
    await setEditorText(page, 'SELECT c.name AS category, count(*) AS products FROM categories c JOIN products p ON p.category_id = c.category_id GROUP BY c.name ORDER BY 2 DESC')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect.poll(() => page.getByTestId('row-counter').getAttribute('data-done'), { timeout: 20_000 }).toBe('true')
    const firstCell = page.locator('[data-testid="result-grid"] .ag-row[row-index="0"] [col-id="0"]')
    await expect.poll(() => firstCell.innerText().catch(() => ''), { timeout: 20_000 }).not.toBe('')
    const firstCategory = (await firstCell.innerText()).trim()

    const text = await explainResult()
    expect(text).toContain('one category leads')
    const sent = chatPrompts().at(-1)!
    expect(sent).toMatch(/Columns: category .*, products /)
    expect(sent).toMatch(/rows are not shown/)
    expect(sent).not.toContain(firstCategory)
    await screenshot(page, 'ai-explain-result')

    const connectionId = (await rpc(app, 'connections.list', {}))[0]!.id
    await rpc(app, 'ai.privacy.set', { connectionId, privacy: 'schema+samples' })
    await explainResult()
    expect(chatPrompts().at(-1)).toContain(firstCategory)
  })

  it('routes a simple task to the local model, and to the provider Settings names', async () => {
    // explain result is a simple task: with routing on (the default) the local model answers first
    const meta = async () => page.getByTestId('ai-turn').last().locator('.ai-meta').innerText()
    expect(await meta()).toMatch(/^local ·/)

    await page.getByTestId('open-settings').click()
    const routing = page.getByTestId('ai-routing')
    await expect.poll(() => routing.innerText()).toMatch(/Simple: explain, fix, describe/)
    await page.getByTestId('ai-routing-simple').selectOption('remote')
    await expect.poll(async () => (await rpc(app, 'ai.settings.get', {})).routing.simple).toBe('remote')
    await routing.scrollIntoViewIfNeeded()
    await screenshot(page, 'ai-routing-settings')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('settings-dialog').count()).toBe(0)

    await explainResult()
    expect(await meta()).toMatch(/^remote ·/)
    expect(watched.errors).toEqual([])
  })
})
