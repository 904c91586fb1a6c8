/// <reference lib="dom" />
import Database from 'better-sqlite3'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Locator, Page } from 'playwright'
import { startFakeProvider, type FakeProvider } from '../test/fake-provider/server'
import { screenshot, watchPage, type RunningApp, openAppInBrowser, useConnectionInTab } from './harness'
import { rpc } from './rpc'
import { askAndWait } from './ai-turns'

/**
 * The AI assistant in web mode against the fake provider: key entry and Test, a streamed answer turned into
 * SQL, Insert into editor, Run (real sample database), a generated DELETE held behind the confirmation, the
 * exact-prompt preview, and no key in the page or the store file; answers drawn as Markdown (hostile HTML as text),
 * every SQL block with its check and actions, the override a block that failed the schema check needs, and
 * auto-scroll that stops when the user scrolls up. Needs createAiHandlers wired in app-services.
 */
const KEY = 'sk-e2e-key-5f1c2b7a9d3e'
let fake: FakeProvider
let app: RunningApp
let browser: BrowserContext
let page: Page
let watched: ReturnType<typeof watchPage>

beforeAll(async () => {
  fake = await startFakeProvider()
  fake.defaultReply = (prompt) =>
    /delete/i.test(prompt.split('Question:').pop() ?? '')
      ? "This removes them:\n```sql\nDELETE FROM returns WHERE reason = 'damaged';\n```"
      : 'Customers with their order counts:\n```sql\nSELECT c.first_name, c.last_name, count(o.order_id) AS orders\nFROM customers c JOIN orders o ON o.customer_id = c.customer_id\nGROUP BY c.customer_id ORDER BY orders DESC LIMIT 10;\n```'
  ;({ app, browser, page, watched } = await openAppInBrowser())
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await fake?.close()
})

const ask = (question: string): Promise<Locator> => askAndWait(page, question)

/** Sets the OpenAI provider's model in Settings (the fake streams slowly for a model named *slow*). */
async function useModel(model: string): Promise<void> {
  await page.getByTestId('open-settings').click()
  await page.getByTestId('ai-openai-model').fill(model)
  await page.getByTestId('ai-openai-baseUrl').click() // blur saves the model
  await page.keyboard.press('Escape')
  await expect.poll(() => page.getByTestId('settings-dialog').count()).toBe(0)
}

describe('AI assistant in web mode', () => {
  it('stores a key write-only and tests it', async () => {
    await page.goto(app.url)
    await page.getByTestId('open-settings').click()
    await page.getByTestId('ai-add-openai').click()
    await page.getByTestId('ai-openai-baseUrl').fill(`${fake.url}/openai/v1`)
    await page.getByTestId('ai-openai-model').click() // blur saves the base URL
    await page.getByTestId('ai-openai-key').fill(KEY)
    await page.getByTestId('ai-openai-save-key').click()
    await expect.poll(() => page.getByTestId('ai-openai-key').getAttribute('placeholder')).toMatch(/Key stored/)
    await page.getByTestId('ai-openai-test').click()
    await expect.poll(() => page.getByTestId('ai-openai-result').textContent(), { timeout: 20_000 }).toMatch(/^OK/)
    await screenshot(page, 'ai-settings')
    await page.keyboard.press('Escape') // a click beside the dialog no longer closes it (2451361)
    await expect.poll(() => page.getByTestId('settings-dialog').count()).toBe(0)
  })

  it('streams an answer, inserts the SQL into the editor and runs it on the sample database', async () => {
    await page.getByTestId('panel-ai').click()
    await page.getByTestId('ai-question').fill('Which customers ordered the most?')
    await page.getByTestId('ai-ask').click()
    await page.getByTestId('ai-sql-block').first().waitFor({ timeout: 20_000 })
    await expect.poll(() => page.getByTestId('ai-sql-kind').first().textContent()).toBe('read')
    await page.getByTestId('ai-insert').first().click()
    await expect.poll(async () => (await page.locator('[data-testid="sql-editor"]').innerText()).replace(/\u00a0/g, ' ')).toContain('GROUP BY c.customer_id')
    await page.getByTestId('ai-run').first().click()
    await expect.poll(() => page.locator('[data-testid="result-grid"]').innerText(), { timeout: 20_000 }).toContain('first_name')
    await screenshot(page, 'ai-chat')
  })

  it('holds a generated DELETE behind a confirmation', async () => {
    const db = new Database(join(app.dataDir, 'sample.db'), { readonly: true, fileMustExist: false })
    const before = (() => {
      try {
        return (db.prepare("select count(*) as n from returns where reason = 'damaged'").get() as { n: number }).n
      } catch {
        return undefined
      }
    })()
    await page.getByTestId('ai-question').fill('delete the damaged returns')
    await page.getByTestId('ai-ask').click()
    await page.getByTestId('ai-sql-block').nth(1).waitFor({ timeout: 20_000 })
    await expect.poll(() => page.getByTestId('ai-sql-kind').nth(1).textContent()).toBe('write')
    await page.getByTestId('ai-run').nth(1).click()
    await page.getByTestId('ai-confirm').waitFor()
    await screenshot(page, 'ai-confirm')
    await page.getByTestId('ai-confirm-cancel').click()
    if (before !== undefined) expect((db.prepare("select count(*) as n from returns where reason = 'damaged'").get() as { n: number }).n).toBe(before)
    db.close()
  })

  it('explains the editor query from the editor context menu, shows the index and keeps glossary terms', async () => {
    await page.locator('[data-testid="sql-editor"] .monaco-editor .view-lines').first().click({ button: 'right' })
    await page.waitForTimeout(400) // Monaco ignores a click that lands right after its context menu opens
    await page.getByText('AI: Explain this query').click()
    await expect.poll(() => page.getByTestId('ai-turn').count()).toBe(3)
    await expect.poll(() => page.getByTestId('ai-turn').nth(2).innerText()).toMatch(/explain/)
    await expect.poll(() => page.getByTestId('ai-index-status').innerText()).toMatch(/Schema index: \d+ tables/)
    await page.getByTestId('ai-glossary').locator('summary').click()
    await page.getByTestId('ai-glossary-term').fill('VIP')
    await page.getByTestId('ai-glossary-definition').fill('customer with loyalty_tier platinum')
    await page.getByTestId('ai-glossary-add').click()
    await expect.poll(() => page.getByTestId('ai-glossary').innerText()).toContain('VIP: customer with loyalty_tier platinum')
  })

  it('previews the exact prompt, and the key is nowhere in the page or the store', async () => {
    await page.getByTestId('ai-question').fill('top customers')
    await page.getByTestId('ai-preview').click()
    await page.getByTestId('ai-preview-dialog').waitFor()
    expect(await page.getByTestId('ai-preview-dialog').innerText()).toContain('TABLE main.customers')
    expect(await page.getByTestId('ai-preview-dialog').innerText()).toContain('VIP: customer with loyalty_tier platinum')
    // what leaves the machine, in the privacy label's words: no provider embeddings unless opted in
    expect(await page.getByTestId('ai-preview-leaves').innerText()).toContain('Schema search uses the offline embedding: nothing is sent for it.')
    expect(await page.getByTestId('ai-preview-dialog').innerText()).toContain('Shares the schema, queries and errors: Sends table and column names')
    expect(await page.getByTestId('ai-preview-embeddings').count()).toBe(0)
    await screenshot(page, 'ai-preview')
    expect(await page.content()).not.toContain(KEY)
    for (const f of readdirSync(app.dataDir).filter((f) => f.endsWith('.sqlite') || f.endsWith('-wal') || f.endsWith('.db')))
      expect(readFileSync(join(app.dataDir, f)).toString('latin1')).not.toContain(KEY)
    expect(watched.external).toEqual([])
  })

  it('draws an answer as Markdown, and hostile HTML in it as text', async () => {
    await page.keyboard.press('Escape') // the prompt preview of the test before
    await expect.poll(() => page.getByTestId('ai-preview-dialog').count()).toBe(0)
    fake.replies.push(
      [
        '## Top customers',
        '',
        'The **three** biggest buyers, by *orders*:',
        '',
        '1. Alice',
        '2. Bob',
        '3. Carol',
        '',
        '| name | orders |',
        '|:--|--:|',
        '| Alice | 12 |',
        '| Bob | 9 |',
        '',
        'See [the docs](https://www.sqlite.org/lang_select.html). <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> [click me](javascript:window.__pwned=3)',
        '',
        '```html',
        '<b onclick="window.__pwned = 4">code</b>',
        '```'
      ].join('\n')
    )
    const turn = await ask('who buys the most? answer with a table')
    const answer = turn.getByTestId('ai-answer')
    expect(await answer.locator('h2').innerText()).toBe('Top customers')
    expect(await answer.locator('strong').innerText()).toBe('three')
    expect(await answer.locator('ol > li').allInnerTexts()).toEqual(['Alice', 'Bob', 'Carol'])
    expect(await answer.locator('table td').allInnerTexts()).toEqual(['Alice', '12', 'Bob', '9'])
    expect(await answer.locator('script, img, iframe, b').count()).toBe(0)
    expect(await answer.locator('a').count()).toBe(1)
    expect(await answer.locator('a').getAttribute('href')).toBe('https://www.sqlite.org/lang_select.html')
    const text = await answer.innerText()
    expect(text).toContain('<script>window.__pwned = 1</script>')
    expect(text).toContain('<b onclick="window.__pwned = 4">code</b>')
    expect(text).toContain('click me')
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    await turn.scrollIntoViewIfNeeded()
    await screenshot(page, 'ai-markdown')
  })

  it('gives every SQL block of an answer its classification and actions', async () => {
    fake.replies.push(
      'Two steps. First the customers:\n```sql\nSELECT first_name, last_name FROM customers ORDER BY customer_id LIMIT 3;\n```\nThen, if you want, remove the damaged returns (an unlabelled block):\n```\nDELETE FROM returns WHERE reason = \'damaged\';\n```\nDone.'
    )
    const turn = await ask('show customers, then clean up returns')
    const blocks = turn.getByTestId('ai-sql-block')
    await expect.poll(() => blocks.count()).toBe(2)
    await expect.poll(() => blocks.getByTestId('ai-sql-kind').allInnerTexts()).toEqual(['read', 'write'])
    for (const id of ['ai-insert', 'ai-run', 'ai-sql-explain', 'ai-sql-copy']) expect(await blocks.getByTestId(id).count()).toBe(2)
    expect(await blocks.getByTestId('ai-run').allInnerTexts()).toEqual(['Run', 'Run…'])
    expect(await turn.getByTestId('ai-sql-check-failed').count()).toBe(0)
    // the text around the blocks stays in place, in order
    expect(await turn.getByTestId('ai-answer').innerText()).toMatch(/First the customers:[\s\S]*SELECT first_name[\s\S]*unlabelled block\)[\s\S]*DELETE FROM returns[\s\S]*Done\./)
    await turn.scrollIntoViewIfNeeded()
    await screenshot(page, 'ai-two-blocks')

    await blocks.nth(1).getByTestId('ai-run').click()
    await page.getByTestId('ai-confirm').waitFor()
    expect(await page.getByTestId('ai-confirm').innerText()).toContain('not read-only (write)')
    await page.getByTestId('ai-confirm-cancel').click()

    await blocks.nth(0).getByTestId('ai-run').click()
    await expect.poll(() => page.locator('[data-testid="result-grid"]').innerText(), { timeout: 20_000 }).toContain('last_name')

    await blocks.nth(1).getByTestId('ai-insert').click()
    await expect.poll(async () => (await page.locator('[data-testid="sql-editor"]').innerText()).replace(/\u00a0/g, ' ')).toContain("DELETE FROM returns WHERE reason = 'damaged'")

    await blocks.nth(0).getByTestId('ai-sql-explain').click()
    await page.getByTestId('plan-panel').waitFor({ timeout: 20_000 })
    await expect.poll(() => page.getByTestId('plan-panel').innerText(), { timeout: 20_000 }).toMatch(/customers/i)
    await screenshot(page, 'ai-block-explain')

    await blocks.nth(0).getByTestId('ai-sql-copy').click()
    await expect.poll(() => blocks.nth(0).getByTestId('ai-sql-copy').innerText()).toBe('Copied')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('SELECT first_name, last_name FROM customers ORDER BY customer_id LIMIT 3;')
  })

  it('says when a block failed the schema check and runs it only with an explicit override', async () => {
    // the main process asks once more after a failed check; the model makes the same mistake twice
    const wrong = 'Your wishlists:\n```sql\nSELECT * FROM customer_wishlists;\n```'
    fake.replies.push(wrong, wrong)
    const turn = await ask('what is on the wishlists?')
    const block = turn.getByTestId('ai-sql-block')
    await expect.poll(() => block.getByTestId('ai-sql-check-failed').count()).toBe(1)
    expect(await block.getByTestId('ai-sql-check-failed').innerText()).toMatch(/Failed the schema check\. Unknown table: customer_wishlists[\s\S]*explicit override/)
    expect(await block.getByTestId('ai-sql-kind').innerText()).toBe('read')
    expect(await block.getByTestId('ai-run').innerText()).toBe('Run anyway…')
    await turn.scrollIntoViewIfNeeded()
    await screenshot(page, 'ai-check-failed')

    const errors = page.locator('.error-panel')
    const errorsBefore = await errors.count()
    await block.getByTestId('ai-run').click()
    await page.getByTestId('ai-confirm').waitFor()
    expect(await page.getByTestId('ai-confirm-problems').innerText()).toContain('Unknown table: customer_wishlists')
    expect(await page.getByTestId('ai-confirm-confirm').innerText()).toBe('Run anyway')
    await screenshot(page, 'ai-check-failed-confirm')
    await page.getByTestId('ai-confirm-cancel').click()
    expect(await errors.count()).toBe(errorsBefore)

    await block.getByTestId('ai-run').click()
    await page.getByTestId('ai-confirm-confirm').click()
    await expect.poll(() => page.locator('.error-panel').first().innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/no such table: customer_wishlists/i)
  })

  it('follows a streaming answer, stops when scrolled up and follows again at the bottom', async () => {
    await useModel('gpt-4.1-mini-slow') // the fake streams one token every 50 ms
    fake.replies.push(Array.from({ length: 60 }, (_, i) => `Step ${i + 1} of the answer.`).join('\n\n'))
    await page.getByTestId('ai-question').fill('explain everything, slowly')
    await page.getByTestId('ai-ask').click()
    const turns = page.getByTestId('ai-turns')
    const geometry = () => turns.evaluate((el) => ({ top: el.scrollTop, height: el.scrollHeight, gap: el.scrollHeight - el.scrollTop - el.clientHeight }))
    // following: the end stays in view while it grows
    await expect.poll(async () => (await turns.innerText()).includes('Step 20 of'), { timeout: 20_000 }).toBe(true)
    expect((await geometry()).gap).toBeLessThan(40)
    expect(await page.getByTestId('ai-to-newest').count()).toBe(0)

    await turns.hover()
    await page.mouse.wheel(0, -600)
    await expect.poll(() => page.getByTestId('ai-to-newest').count()).toBe(1)
    const scrolledUp = await geometry()
    await expect.poll(async () => (await geometry()).height, { timeout: 10_000 }).toBeGreaterThan(scrolledUp.height + 200)
    const later = await geometry()
    expect(later.top).toBe(scrolledUp.top)
    expect(later.gap).toBeGreaterThan(200)
    await screenshot(page, 'ai-scrolled-up')

    // back at the bottom it follows again
    await turns.evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
    await expect.poll(() => page.getByTestId('ai-to-newest').count()).toBe(0)
    const resumed = await geometry()
    await expect.poll(async () => (await geometry()).height, { timeout: 10_000 }).toBeGreaterThan(resumed.height + 100)
    expect((await geometry()).gap).toBeLessThan(40)
    await expect.poll(() => page.getByTestId('ai-turn').last().locator('.ai-meta').count(), { timeout: 30_000 }).toBe(1)
    expect((await geometry()).gap).toBeLessThan(40)
    await useModel('gpt-4.1-mini')
  })

  it('never offers to run a change on a read-only connection', async () => {
    await rpc(app, 'connections.create', { name: 'Sample read-only', dialect: 'sqlite', filePath: join(app.dataDir, 'sample.db'), readOnly: true } as never)
    await page.reload()
    await useConnectionInTab(page, 'Sample read-only (read-only)')
    if (!(await page.getByTestId('ai-panel').isVisible())) await page.getByTestId('panel-ai').click()
    fake.replies.push('Look first:\n```sql\nSELECT count(*) AS damaged FROM returns WHERE reason = \'damaged\';\n```\nthen remove them:\n```sql\nDELETE FROM returns WHERE reason = \'damaged\';\n```')
    const turn = await ask('remove the damaged returns')
    const blocks = turn.getByTestId('ai-sql-block')
    await expect.poll(() => blocks.getByTestId('ai-sql-kind').allInnerTexts()).toEqual(['read', 'write'])
    expect(await blocks.nth(0).getByTestId('ai-run').count()).toBe(1)
    expect(await blocks.nth(1).getByTestId('ai-run').count()).toBe(0)
    expect(await blocks.nth(1).getByTestId('ai-sql-readonly').innerText()).toMatch(/read-only/)
    expect(await blocks.nth(1).getByTestId('ai-insert').count()).toBe(1)
    await turn.scrollIntoViewIfNeeded()
    await screenshot(page, 'ai-read-only')
  })

  it('with the value index on, looks a name the question uses up in the database and says so in the preview', async () => {
    await page.getByTestId('ai-values-enabled').check()
    await expect.poll(() => page.getByTestId('ai-values-status').innerText(), { timeout: 60_000 }).toMatch(/values from \d+ columns/)
    await page.getByTestId('ai-question').fill('Which stores stock the Northwind Modern SUP Paddle?')
    await page.getByTestId('ai-preview').click()
    await page.getByTestId('ai-preview-dialog').waitFor()
    await expect.poll(() => page.getByTestId('ai-preview-dialog').innerText()).toContain('Looked up “Northwind Modern SUP Paddle” in this database')
    expect(await page.getByTestId('ai-preview-dialog').innerText()).toContain('found in main.products')
    await screenshot(page, 'ai-preview-name-lookup')
    await page.keyboard.press('Escape')
  })
})
