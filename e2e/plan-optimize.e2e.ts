/// <reference lib="dom" />
import { copyFileSync } from 'node:fs'
import pg from 'pg'
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../src/main/services/connections/url'
import { startFakeProvider, type FakeProvider } from '../test/fake-provider/server'
import { openAppInBrowser, screenshot, setEditorText, useConnectionInTab, type BrowserSession } from './harness'
import { rpc } from './rpc'

/**
 * Optimize on the plan in Chromium against the real PostgreSQL and the fake provider: the answer's ranked findings,
 * a finding's nodes marked in the plan view, "Try it" on a rewrite compared with the plan before, an index created
 * only after a confirmation (and never offered on a read-only connection), and a plan reopened from history.
 */
const PG_URL = process.env.PG_URL
const QUERY = "SELECT customer_id, sum(amount) AS total FROM qg_opt_orders WHERE region = 'r7' GROUP BY customer_id"
const INDEX = 'qg_opt_orders_region'

let fake: FakeProvider
let session: BrowserSession
let page: Page
let second: pg.Client | undefined

const shot = async (name: string): Promise<void> => void copyFileSync(await screenshot(page, `opt-${name}`), `/tmp/opt-${name}.png`)
const turn = (i: number) => page.locator('[data-testid="ai-turn"]').nth(i)
const findingsOf = (i: number) => turn(i).locator('[data-testid="ai-finding"]')
const indexExists = async (): Promise<boolean> => (await second!.query('SELECT 1 FROM pg_indexes WHERE indexname = $1', [INDEX])).rowCount === 1
const planText = async (): Promise<string> => (await page.locator('[data-testid="plan-node"]').allInnerTexts()).join('\n')

/** The answer in the format the optimize parser reads: an index, then a rewrite; the literal as the prompt masked it. */
function optimizeAnswer(prompt: string): string {
  const literal = /region = '(\?\d+)'/.exec(prompt)?.[1] ?? 'r7'
  const scan = /\[(n\d+)\][^\n]*Seq Scan/.exec(prompt)?.[1] ?? 'n2'
  return `The sequential scan of qg_opt_orders dominates the plan.

### 1. The filter on region reads the whole table [nodes: ${scan}]
The Seq Scan keeps about one row in 200; an index on region lets the planner read only those rows.
<b>not bold</b> stays text.
\`\`\`sql
CREATE INDEX ${INDEX} ON qg_opt_orders (region);
\`\`\`

### 2. Aggregate only the rows with an amount [nodes: n1, ${scan}]
The aggregate hashes every row the scan returns; the rewrite returns the same rows.
\`\`\`sql
SELECT customer_id, sum(amount) AS total FROM qg_opt_orders WHERE region = '${literal}' AND amount >= 0 GROUP BY customer_id
\`\`\``
}

beforeAll(async () => {
  fake = await startFakeProvider()
  fake.defaultReply = optimizeAnswer
  session = await openAppInBrowser()
  page = session.page
  if (PG_URL) {
    second = new pg.Client({ connectionString: PG_URL })
    await second.connect()
    await second.query(`
      DROP TABLE IF EXISTS qg_opt_orders;
      CREATE TABLE qg_opt_orders (id serial PRIMARY KEY, customer_id int NOT NULL, region text NOT NULL, amount numeric NOT NULL);
      INSERT INTO qg_opt_orders (customer_id, region, amount) SELECT 1 + g % 3000, 'r' || (g % 200), (g % 500) / 3.0 FROM generate_series(1, 100000) g;
      ANALYZE qg_opt_orders;
    `)
    await rpc(session.app, 'connections.create', { ...parseConnectionUrl(PG_URL), name: 'PG optimize' } as never)
    await rpc(session.app, 'connections.create', { ...parseConnectionUrl(PG_URL), name: 'PG read-only', readOnly: true } as never)
    await rpc(session.app, 'ai.settings.update', {
      providers: [{ id: 'local', kind: 'openai-compatible', label: 'Fake local', enabled: true, baseUrl: `${fake.url}/ollama/v1`, model: 'qwen', contextTokens: 16_000, maxOutputTokens: 1_000, timeoutMs: 10_000 }],
      cacheEnabled: false
    })
  }
  await page.goto(session.app.url)
  await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
})

afterAll(async () => {
  await second?.query('DROP TABLE IF EXISTS qg_opt_orders').catch(() => undefined)
  await second?.end()
  await session?.close()
  await fake?.close()
})

describe.skipIf(!PG_URL)('Optimize on the plan (PG_URL)', () => {
  it('lists the ranked findings with their SQL blocks (real values, not the masked ones)', async () => {
    await useConnectionInTab(page, 'PG optimize')
    await setEditorText(page, QUERY)
    await page.getByTestId('panel-ai').click()
    await page.getByTestId('ai-optimize').click()
    await expect.poll(() => findingsOf(0).count(), { timeout: 30_000 }).toBe(2)
    const titles = await findingsOf(0).locator('.ai-finding-title').allInnerTexts()
    expect(titles).toEqual(['The filter on region reads the whole table', 'Aggregate only the rows with an amount'])
    // model text is text: no element made of it
    expect(await findingsOf(0).first().locator('[data-testid="ai-finding-explanation"]').innerText()).toContain('<b>not bold</b> stays text.')
    expect(await findingsOf(0).first().locator('b').count()).toBe(0)
    const sql = await findingsOf(0).locator('[data-testid="ai-finding-sql"]').allInnerTexts()
    expect(sql[0]).toBe(`CREATE INDEX ${INDEX} ON qg_opt_orders (region);`)
    expect(sql[1]).toContain("region = 'r7'")
    expect(sql[1]).not.toContain('?1')
    // the index: create (after asking), never "try it"; the rewrite: try it, nothing to create
    const [index, rewrite] = [findingsOf(0).nth(0), findingsOf(0).nth(1)]
    expect(await index.locator('[data-testid="ai-finding-role"]').innerText()).toBe('index')
    expect(await index.locator('[data-testid="ai-finding-try"]').count()).toBe(0)
    expect(await index.locator('[data-testid="ai-finding-create"]').isEnabled()).toBe(true)
    expect(await rewrite.locator('[data-testid="ai-finding-role"]').innerText()).toBe('rewrite')
    expect(await rewrite.locator('[data-testid="ai-finding-create"]').count()).toBe(0)
    expect(await rewrite.locator('[data-testid="ai-finding-try"]').count()).toBe(1)
    await shot('findings')
  })

  it('a click on a finding opens its plan with the finding\'s nodes marked, in the tree and the flame view', async () => {
    const nodeIds = await findingsOf(0).nth(1).locator('[data-testid="ai-finding-node"]').allInnerTexts()
    expect(nodeIds.length).toBe(2)
    await findingsOf(0).nth(1).locator('[data-testid="ai-finding-open"]').click()
    await page.locator('[data-testid="plan-tree"]').waitFor()
    const marked = () => page.locator('[data-testid="plan-node"][data-highlighted="true"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-node-id')))
    await expect.poll(marked).toEqual(nodeIds)
    expect(await page.locator('[data-testid="plan-node"][aria-selected="true"]').getAttribute('data-node-id')).toBe(nodeIds[0])
    expect(await page.locator('[data-testid="plan-highlight-note"]').innerText()).toContain('Aggregate only the rows with an amount')
    expect(await page.locator('[data-testid="plan-picker"] option:checked').innerText()).toContain('(Optimize)')
    expect(await planText()).toMatch(/Seq Scan/)
    await shot('highlight')
    // the other finding marks its own node; the same plan is not added twice
    await findingsOf(0).nth(0).locator('[data-testid="ai-finding-open"]').click()
    await expect.poll(async () => (await marked()).length).toBe(1)
    expect(await page.locator('[data-testid="plan-picker"] option').count()).toBe(1)
    await page.locator('[data-testid="plan-view-flame"]').click()
    await expect.poll(() => page.locator('[data-testid="plan-flame-box"][data-highlighted="true"]').count()).toBe(1)
    await shot('highlight-flame')
    await page.locator('[data-testid="plan-view-tree"]').click()
  })

  it('Try it plans the rewrite and compares it with the plan the answer was based on', async () => {
    await findingsOf(0).nth(1).locator('[data-testid="ai-finding-try"]').click()
    await expect.poll(() => page.locator('[data-testid="plan-compare"]').count(), { timeout: 30_000 }).toBe(1)
    await expect.poll(() => page.locator('[data-testid="plan-baseline-summary"]').innerText()).toMatch(/Compared with the baseline[\s\S]*a different statement/)
    expect(await page.locator('[data-testid="plan-compare-totals"]').innerText()).toMatch(/Estimated cost/)
    expect(await page.locator('[data-testid="plan-picker"] option').allInnerTexts()).toEqual([expect.stringMatching(/\(Optimize\).*baseline/), expect.not.stringMatching(/baseline/)])
    await expect.poll(() => findingsOf(0).nth(1).locator('[data-testid="ai-finding-status"]').innerText()).toMatch(/Compared with the plan before/)
    expect(await indexExists()).toBe(false)
    await shot('try')
  })

  it('Create index asks first: Cancel creates nothing; confirmed, the index exists and the query is planned again and compared', async () => {
    const index = findingsOf(0).nth(0)
    await index.locator('[data-testid="ai-finding-create"]').click()
    const dialog = page.locator('[data-testid="ai-finding-confirm"]')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain(`CREATE INDEX ${INDEX}`)
    await shot('confirm')
    await page.locator('[data-testid="ai-finding-confirm-cancel"]').click()
    await expect.poll(() => dialog.count()).toBe(0)
    await page.waitForTimeout(500)
    expect(await indexExists()).toBe(false)
    // Escape cancels too
    await index.locator('[data-testid="ai-finding-create"]').click()
    await dialog.waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    expect(await indexExists()).toBe(false)

    await index.locator('[data-testid="ai-finding-create"]').click()
    await page.locator('[data-testid="ai-finding-confirm-confirm"]').click()
    await expect.poll(() => index.locator('[data-testid="ai-finding-status"]').innerText().catch(() => ''), { timeout: 30_000 }).toMatch(/Index created; compared/)
    expect(await indexExists()).toBe(true)
    await expect.poll(() => page.locator('[data-testid="plan-compare"]').count()).toBe(1)
    // the query's own plan before (baseline) and after the index
    await expect.poll(() => page.locator('[data-testid="plan-baseline-summary"]').innerText()).not.toMatch(/a different statement/)
    expect(await page.locator('[data-testid="plan-baseline-summary"] .plan-change.better').count()).toBeGreaterThan(0)
    const statuses = await page.locator('[data-testid="plan-compare-node"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))
    expect(statuses.some((s) => s === 'changed' || s === 'added')).toBe(true)
    await shot('index')
    await page.locator('[data-testid="plan-view-tree"]').click()
    expect(await planText()).toMatch(/Index|Bitmap/)
  })

  // conversations are per connection: the read-only connection's panel holds only its own turn
  it('on a read-only connection the index cannot be created (the button says why)', async () => {
    await second!.query(`DROP INDEX IF EXISTS ${INDEX}`)
    await useConnectionInTab(page, 'PG read-only (read-only)')
    await page.getByTestId('ai-optimize').click()
    await expect.poll(() => findingsOf(0).count(), { timeout: 30_000 }).toBe(2)
    const create = findingsOf(0).nth(0).locator('[data-testid="ai-finding-create"]')
    expect(await create.isDisabled()).toBe(true)
    expect(await create.getAttribute('title')).toMatch(/read-only/)
    expect(await findingsOf(0).nth(0).locator('[data-testid="ai-finding-readonly"]').innerText()).toMatch(/read-only/)
    // a rewrite is a read: it can still be tried
    expect(await findingsOf(0).nth(1).locator('[data-testid="ai-finding-try"]').isEnabled()).toBe(true)
    await findingsOf(0).nth(0).scrollIntoViewIfNeeded()
    await shot('readonly')
    expect(await indexExists()).toBe(false)
  })

  it('a plan kept in history has a badge and opens in the plan view, compared with the pinned baseline', async () => {
    await useConnectionInTab(page, 'PG optimize')
    await page.locator('[data-testid="plan-pin"]').click()
    await setEditorText(page, "SELECT count(*) AS n FROM qg_opt_orders WHERE region = 'r9'")
    const plans = await page.locator('[data-testid="plan-picker"] option').count()
    await page.keyboard.press('ControlOrMeta+Shift+e')
    await expect.poll(() => page.locator('[data-testid="plan-picker"] option').count(), { timeout: 30_000 }).toBe(plans + 1)
    await page.getByTestId('panel-history').click()
    const entry = page.locator('[data-testid="history-entry"]').filter({ hasText: "region = 'r9'" }).first()
    await expect.poll(() => entry.locator('[data-testid="history-plan-badge"]').innerText().catch(() => ''), { timeout: 10_000 }).toBe('plan · analyzed')
    // a plain Explain entry says "plan"
    expect(await page.locator('[data-testid="history-plan-badge"]').allInnerTexts()).toContain('plan')
    // a new plan of another statement on screen, then the kept one opened from history
    await setEditorText(page, 'SELECT 1')
    await page.keyboard.press('ControlOrMeta+e')
    await expect.poll(() => page.locator('[data-testid="plan-picker"] option').count(), { timeout: 30_000 }).toBe(plans + 2)
    await entry.locator('[data-testid="history-open-plan"]').click()
    await expect.poll(() => page.locator('[data-testid="plan-picker"] option:checked').innerText()).toMatch(/\(history\)/)
    await expect.poll(() => page.locator('[data-testid="plan-totals"]').innerText()).toMatch(/^Analysed/)
    expect(await planText()).toContain('qg_opt_orders')
    await expect.poll(() => page.locator('[data-testid="plan-baseline-summary"]').innerText()).toMatch(/Compared with the baseline/)
    await shot('history')
    expect(session.watched.external).toEqual([])
  })

  it('reads in the dark theme', async () => {
    await page.getByTestId('panel-ai').click()
    await page.keyboard.press('ControlOrMeta+Shift+p')
    await page.locator('[data-testid="command-palette-input"]').fill('light / dark')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await findingsOf(0).nth(1).locator('[data-testid="ai-finding-open"]').click()
    await expect.poll(() => page.locator('[data-testid="plan-node"][data-highlighted="true"]').count()).toBe(2)
    await shot('dark')
  })

  it('after a reload, the optimize answer comes back with its findings, its plan and Try it', async () => {
    await page.reload()
    await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
    await useConnectionInTab(page, 'PG optimize')
    if ((await page.locator('[data-testid="ai-turn"]').count()) === 0) await page.getByTestId('panel-ai').click()
    await expect.poll(() => findingsOf(0).count(), { timeout: 15_000 }).toBe(2)
    expect(await findingsOf(0).locator('.ai-finding-title').allInnerTexts()).toEqual([
      expect.stringContaining('The filter on region reads the whole table'),
      expect.stringContaining('Aggregate only the rows with an amount')
    ])
    await findingsOf(0).nth(1).locator('[data-testid="ai-finding-open"]').click()
    await expect.poll(() => page.locator('[data-testid="plan-node"][data-highlighted="true"]').count()).toBe(2)
    await findingsOf(0).nth(1).locator('[data-testid="ai-finding-try"]').click()
    await expect.poll(() => findingsOf(0).nth(1).locator('[data-testid="ai-finding-status"]').innerText(), { timeout: 30_000 }).toMatch(/Compared with the plan before/)
    await shot('reopened')
  })
})
