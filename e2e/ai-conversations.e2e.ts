/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Locator, Page } from 'playwright'
import { startFakeProvider, type FakeProvider } from '../test/fake-provider/server'
import { fakeProviderConfig } from '../test/ai/provider-config'
import { openAppInBrowser, screenshot, type RunningApp } from './harness'
import { rpc } from './rpc'
import { askAndWait } from './ai-turns'

/**
 * Conversations in the panel (web mode, fake provider): a follow-up carries the first question and answer, the
 * conversation and its pinned tables come back after a reload, and the list searches, renames, starts and deletes.
 * Needs ConversationList and ScopePicker mounted in AiChatPanel.
 */
let fake: FakeProvider
let app: RunningApp
let browser: BrowserContext
let page: Page
let watched: { errors: string[] }

beforeAll(async () => {
  fake = await startFakeProvider()
  fake.defaultReply = () => 'Here it is:\n```sql\nSELECT count(*) AS orders FROM orders;\n```'
  ;({ app, browser, page, watched } = await openAppInBrowser())
  await rpc(app, 'ai.settings.update', { providers: [fakeProviderConfig(fake, 'local', 'openai-compatible', 'llama3')] })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await fake?.close()
})

const chats = (from: number) => fake.requests.slice(from).filter((r) => r.path.endsWith('/chat/completions'))

const ask = (question: string): Promise<Locator> => askAndWait(page, question)

async function openList(): Promise<void> {
  const list = page.getByTestId('ai-conversations')
  if ((await list.getAttribute('open')) === null) await list.locator('summary').click()
}

const titles = () => page.getByTestId('ai-conversation').locator('.ai-conversation-name').allTextContents()

describe('AI conversations in web mode', () => {
  it('sends the earlier turn with a follow-up and pins a table', async () => {
    await page.goto(app.url)
    await page.getByTestId('panel-ai').click()
    await ask('How many orders are there?')
    const before = fake.requests.length
    await ask('And how many per store?')
    const messages = chats(before)[0].body.messages as { role: string; content: string }[]
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user'])
    expect(messages[1].content).toBe('Question: How many orders are there?')
    await expect.poll(() => page.getByTestId('ai-conversation-title').textContent()).toBe('How many orders are there?')

    await page.getByTestId('ai-scope-input').fill('main.shipments')
    await page.getByTestId('ai-scope-pin').click()
    await expect.poll(() => page.getByTestId('ai-scope-chip').allTextContents()).toEqual(['main.shipments×'])
    const pinnedFrom = fake.requests.length
    await ask('Anything else?')
    expect(chats(pinnedFrom)[0].prompt).toContain('TABLE main.shipments')
  })

  it('restores the conversation and its scope after a reload', async () => {
    await page.reload()
    await page.getByTestId('panel-ai').click()
    await expect.poll(() => page.getByTestId('ai-turn').count(), { timeout: 15_000 }).toBe(3)
    await expect.poll(() => page.getByTestId('ai-scope-chip').allTextContents()).toEqual(['main.shipments×'])
    await openList()
    await screenshot(page, 'ai-conversations-restored')
  })

  it('searches, renames, starts and deletes conversations', async () => {
    await openList()
    await page.getByTestId('ai-conversation-new').click()
    await expect.poll(() => page.getByTestId('ai-turn').count()).toBe(0)
    expect(await page.getByTestId('ai-scope-chip').count()).toBe(0)
    await ask('Which suppliers deliver late?')
    await expect.poll(titles).toEqual(['Which suppliers deliver late?', 'How many orders are there?'])

    await page.getByTestId('ai-conversation-search').fill('per store')
    await expect.poll(titles).toEqual(['How many orders are there?'])
    await page.getByTestId('ai-conversation-search').fill('zzzz')
    await expect.poll(titles).toEqual([])
    await page.getByTestId('ai-conversation-search').fill('')
    await expect.poll(titles).toHaveLength(2)

    await page.getByTestId('ai-conversation-rename').nth(1).click()
    await page.getByTestId('ai-conversation-title-input').fill('Order counts')
    await page.keyboard.press('Enter')
    await expect.poll(titles).toEqual(['Which suppliers deliver late?', 'Order counts'])

    // opening it loads its turns into the panel
    await page.getByTestId('ai-conversation').nth(1).locator('.ai-conversation-open').click()
    await expect.poll(() => page.getByTestId('ai-turn').count()).toBe(3)
    await screenshot(page, 'ai-conversations-list')

    await page.getByTestId('ai-conversation-delete').nth(0).click()
    await page.getByTestId('ai-conversation-delete-confirm').click()
    await expect.poll(titles).toEqual(['Order counts'])
    expect(watched.errors).toEqual([])
  })
})
