/// <reference lib="dom" />
import { copyFileSync } from 'node:fs'
import pg from 'pg'
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../src/main/services/connections/url'
import { openAppInBrowser, screenshot, setEditorText, useConnectionInTab, type BrowserSession } from './harness'
import { rpc } from './rpc'

const PG_URL = process.env.PG_URL
const MYSQL_URL = process.env.MYSQL_URL
let session: BrowserSession
let page: Page
let second: pg.Client | undefined

const JOIN = `SELECT c.region, count(*) AS orders, sum(o.amount) AS total
FROM qg_plan_orders o JOIN qg_plan_customers c ON c.id = o.customer_id
WHERE o.amount > 10
GROUP BY c.region
ORDER BY total DESC`

/** Kept with the other e2e screenshots, and in /tmp to look at. */
const shot = async (name: string): Promise<void> => copyFileSync(await screenshot(page, `plan-${name}`), `/tmp/plan-${name}.png`)
const nodes = () => page.locator('[data-testid="plan-node"]')
const nodeTexts = () => nodes().allInnerTexts()
const planError = () => page.locator('[data-testid="plan-error"]')
const countOrders = async (): Promise<number> => (await second!.query('SELECT count(*)::int AS n FROM qg_plan_orders')).rows[0].n
const planId = () => page.locator('[data-testid="plan-picker"]').inputValue().catch(() => '')
/** Does `action` and waits for the new plan it makes, analysed or not as asked (a plan error fails at once, with its text). */
async function explainAndWait(action: () => Promise<void>, analysed: boolean): Promise<void> {
  const before = await planId()
  await action()
  const state = async (): Promise<string> => {
    if (await page.locator('[data-testid="plan-pending"]').count()) return 'pending'
    if ((await planId()) === before && !(await planError().count())) return 'no new plan yet'
    if (await planError().count()) return `error: ${await planError().innerText().catch(() => '')}`
    return page.locator('[data-testid="plan-totals"]').innerText().catch(() => '')
  }
  await expect.poll(state, { timeout: 30_000 }).toMatch(analysed ? /^Analysed/ : /^Estimated/)
  await expect.poll(() => nodes().count()).toBeGreaterThan(0)
}

beforeAll(async () => {
  session = await openAppInBrowser()
  page = session.page
  await session.browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(session.app.url).origin })
  if (PG_URL) {
    await rpc(session.app, 'connections.create', { ...parseConnectionUrl(PG_URL), name: 'PG plans' } as never)
    second = new pg.Client({ connectionString: PG_URL })
    await second.connect()
    await second.query(`
      DROP TABLE IF EXISTS qg_plan_orders, qg_plan_customers, qg_plan_skew;
      CREATE TABLE qg_plan_customers (id int PRIMARY KEY, name text, region text);
      CREATE TABLE qg_plan_orders (id serial PRIMARY KEY, customer_id int NOT NULL, amount numeric NOT NULL, created date NOT NULL);
      INSERT INTO qg_plan_customers SELECT g, 'customer ' || g, (ARRAY['north','south','east','west'])[1 + g % 4] FROM generate_series(1, 2000) g;
      INSERT INTO qg_plan_orders (customer_id, amount, created) SELECT 1 + g % 2000, (g % 500) / 3.0, date '2024-01-01' + g % 365 FROM generate_series(1, 60000) g;
      ANALYZE qg_plan_customers; ANALYZE qg_plan_orders;
      -- filled without ANALYZE and never auto-analysed: the planner guesses 0.5% of rows for v = 1, and all of them match
      CREATE TABLE qg_plan_skew (id int, v int) WITH (autovacuum_enabled = off);
      INSERT INTO qg_plan_skew SELECT g, 1 FROM generate_series(1, 100000) g;
    `)
  }
  await page.goto(session.app.url)
  await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
})

afterAll(async () => {
  await second?.query('DROP TABLE IF EXISTS qg_plan_orders, qg_plan_customers, qg_plan_skew').catch(() => undefined)
  await second?.end()
  await session?.close()
})

describe('the plan view', () => {
  it('SQLite (the bundled sample): Explain shows the plan tree, and Explain analyze says it has no actual figures', async () => {
    await setEditorText(page, 'SELECT c.customer_id, count(o.order_id) AS n\nFROM customers c JOIN orders o ON o.customer_id = c.customer_id\nGROUP BY c.customer_id\nORDER BY n DESC')
    await page.keyboard.press('ControlOrMeta+e')
    await expect.poll(() => page.locator('[data-testid="plan-panel"]').count(), { timeout: 20_000 }).toBe(1)
    await expect.poll(() => page.locator('[data-testid="plan-pending"]').count(), { timeout: 20_000 }).toBe(0)
    if (await planError().count()) throw new Error(await planError().innerText())
    await expect.poll(() => nodes().count()).toBeGreaterThan(1)
    expect((await nodeTexts()).join('\n')).toMatch(/customers|orders/)
    await shot('sqlite')
    await page.keyboard.press('ControlOrMeta+Shift+e')
    await expect.poll(() => page.locator('[data-testid="plan-notes"]').innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/no EXPLAIN ANALYZE/)
  })
})

describe.skipIf(!PG_URL)('the plan view on PostgreSQL (PG_URL)', () => {
  it('Explain: the tree of a join with a sort and an aggregate, with relations, shares and hot spots', async () => {
    await useConnectionInTab(page, 'PG plans')
    await setEditorText(page, `SELECT 1;\n\n${JOIN};`)
    await explainAndWait(() => page.locator('[data-testid="explain"]').click(), false)
    const texts = (await nodeTexts()).join('\n')
    expect(texts).toMatch(/Sort/)
    expect(texts).toMatch(/Aggregate/)
    expect(texts).toMatch(/Join/)
    expect(texts).toContain('qg_plan_orders')
    expect(texts).toContain('qg_plan_customers')
    expect(await page.locator('[data-testid="plan-tree"] th').allInnerTexts()).toContain('Self cost')
    await expect.poll(() => page.locator('[data-testid="plan-hot-spot"]').count()).toBeGreaterThan(0)
    // a hot spot selects its node and shows its details
    await page.locator('[data-testid="plan-hot-spot"]').first().click()
    await expect.poll(() => page.locator('[data-testid="plan-node"][aria-selected="true"]').count()).toBe(1)
    await expect.poll(() => page.locator('[data-testid="plan-node-details"]').count()).toBe(1)
    // collapse and expand the root
    const before = await nodes().count()
    await page.locator('[data-testid="plan-toggle"]').first().click()
    await expect.poll(() => nodes().count()).toBe(1)
    await page.locator('[data-testid="plan-toggle"]').first().click()
    await expect.poll(() => nodes().count()).toBe(before)
    // the node with the filter shows its condition
    await nodes().filter({ hasText: 'qg_plan_orders' }).first().click()
    await expect.poll(() => page.locator('[data-testid="plan-condition"]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/amount > /)]))
    await shot('tree')
    await page.locator('[data-testid="plan-pin"]').click()
    await expect.poll(() => page.locator('[data-testid="plan-unpin"]').count()).toBe(1)
  })

  it('Explain analyze: actual rows and times, compared with the pinned baseline node by node', async () => {
    await explainAndWait(() => page.keyboard.press('ControlOrMeta+Shift+e'), true)
    expect(await page.locator('[data-testid="plan-tree"] th').allInnerTexts()).toEqual(expect.arrayContaining(['Actual rows', 'Self time']))
    await expect.poll(() => page.locator('[data-testid="plan-baseline-summary"]').innerText()).toMatch(/Compared with the baseline/)
    const treeNodes = await nodes().count()
    await page.locator('[data-testid="plan-view-compare"]').click()
    await expect.poll(() => page.locator('[data-testid="plan-compare-node"]').count()).toBeGreaterThan(2)
    const totals = await page.locator('[data-testid="plan-compare-totals"]').innerText()
    expect(totals).toMatch(/Estimated cost/)
    expect(totals).toMatch(/Plan nodes/)
    await shot('compare')
    // flame: one box a node; hovering names it, a click selects it
    await page.locator('[data-testid="plan-view-flame"]').click()
    await expect.poll(() => page.locator('[data-testid="plan-flame-box"]').count()).toBe(treeNodes)
    const box = page.locator('[data-testid="plan-flame-box"]').nth(1)
    await box.hover()
    await expect.poll(() => page.locator('[data-testid="plan-flame-info"]').innerText()).toMatch(/total .* ms/)
    await box.click()
    await expect.poll(() => page.locator('[data-testid="plan-node-details"]').count()).toBe(1)
    await shot('flame')
    // raw: the engine's JSON, and Copy puts it on the clipboard
    await page.locator('[data-testid="plan-view-raw"]').click()
    await expect.poll(() => page.locator('[data-testid="plan-raw"]').innerText()).toMatch(/"Node Type"/)
    await page.locator('[data-testid="plan-raw-copy"]').click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/"Actual Rows"/)
    await shot('raw')
    await page.locator('[data-testid="plan-view-tree"]').click()
  })

  it('flags a misestimate of 10× and more (a table filled without ANALYZE)', async () => {
    await setEditorText(page, 'SELECT id FROM qg_plan_skew WHERE v = 1 ORDER BY id')
    await page.keyboard.press('ControlOrMeta+Shift+e')
    await expect.poll(() => page.locator('[data-testid="plan-misestimate"]').count(), { timeout: 30_000 }).toBeGreaterThan(0)
    const badge = page.locator('[data-testid="plan-misestimate"]').first()
    expect(await badge.getAttribute('data-direction')).toBe('under')
    expect(await badge.getAttribute('title')).toMatch(/underestimated by [\d,]+×/)
    await nodes().filter({ has: page.locator('[data-testid="plan-misestimate"]') }).first().click()
    await shot('misestimate')
  })

  it('before/after an index: the comparison marks the scan that changed and the lower cost', async () => {
    await setEditorText(page, 'SELECT * FROM qg_plan_orders WHERE customer_id = 42')
    await explainAndWait(() => page.keyboard.press('ControlOrMeta+e'), false)
    expect((await nodeTexts()).join('\n')).toMatch(/Seq Scan/)
    await page.locator('[data-testid="plan-pin"]').click()
    await second!.query('CREATE INDEX qg_plan_orders_customer ON qg_plan_orders (customer_id)')
    await page.keyboard.press('ControlOrMeta+e')
    await expect.poll(async () => (await nodeTexts()).join('\n'), { timeout: 20_000 }).not.toMatch(/Seq Scan/)
    await expect.poll(() => page.locator('[data-testid="plan-baseline-summary"] .plan-change.better').count()).toBeGreaterThan(0)
    await page.locator('[data-testid="plan-open-compare"]').click()
    const statuses = await page.locator('[data-testid="plan-compare-node"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))
    expect(statuses.some((s) => s === 'changed' || s === 'added')).toBe(true)
    expect(await page.locator('[data-testid="plan-compare-totals"] .plan-change.better').count()).toBeGreaterThan(0)
    await shot('compare-index')
    await page.locator('[data-testid="plan-view-tree"]').click()
  })

  it('Explain analyze of a DELETE is refused and runs nothing; several statements are refused too', async () => {
    const rows = await countOrders()
    await setEditorText(page, 'DELETE FROM qg_plan_orders WHERE id < 1000')
    await page.keyboard.press('ControlOrMeta+Shift+e')
    await expect.poll(() => planError().innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/Explain analyze refused/)
    expect(await planError().innerText()).toMatch(/only offered for reads/)
    expect(await page.locator('[data-testid="confirm-write"]').count()).toBe(0)
    expect(await countOrders()).toBe(rows)
    await shot('refused')
    // plain Explain of the same DELETE plans it without running it
    await explainAndWait(() => page.locator('[data-testid="explain"]').click(), false)
    expect(await planError().count()).toBe(0)
    expect((await nodeTexts()).join('\n')).toMatch(/Delete/)
    expect(await countOrders()).toBe(rows)
    // a selection of two statements is one plan too many
    await setEditorText(page, 'SELECT 1; SELECT 2')
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.press('ControlOrMeta+e')
    await expect.poll(() => planError().innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/exactly one statement/)
    // a server error says what the server said
    await setEditorText(page, 'SELECT nope FROM qg_plan_orders')
    await page.keyboard.press('ControlOrMeta+e')
    await expect.poll(() => planError().innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/could not plan[\s\S]*column "nope" does not exist/)
  })

  it('a long Explain analyze shows a spinner with Cancel, never a hang', async () => {
    await setEditorText(page, 'SELECT count(*) FROM generate_series(1, 40000000)')
    await page.keyboard.press('ControlOrMeta+Shift+e')
    await expect.poll(() => page.locator('[data-testid="plan-pending"]').count(), { timeout: 5_000 }).toBe(1)
    await shot('pending')
    await page.locator('[data-testid="plan-cancel"]').click()
    await expect.poll(() => page.locator('[data-testid="plan-pending"]').count()).toBe(0)
    expect(await page.locator('[data-testid="explain"]').isEnabled()).toBe(true)
  })

  it('EXPLAIN text in the grid keeps its indentation and width; the cell viewer too; "Open as plan" opens the plan view', async () => {
    await setEditorText(page, `EXPLAIN ANALYZE ${JOIN}`)
    await page.keyboard.press('ControlOrMeta+Enter')
    const cells = page.locator('[data-testid="result-grid"] .ag-row [col-id="0"]')
    await expect.poll(() => cells.count(), { timeout: 20_000 }).toBeGreaterThan(3)
    const indentedLine = () =>
      page.evaluate(() => {
        const found = [...document.querySelectorAll<HTMLElement>('[data-testid="result-grid"] .ag-row [col-id="0"]')].find((c) => /^\s+->/.test(c.innerText))
        return found ? { text: found.innerText, whiteSpace: getComputedStyle(found).whiteSpace, width: found.getBoundingClientRect().width, font: getComputedStyle(found).fontFamily } : null
      })
    await expect.poll(indentedLine, { timeout: 10_000 }).not.toBeNull()
    const indented = await indentedLine()
    expect(indented).not.toBeNull()
    expect(indented!.text).toMatch(/^ {2,}->/)
    expect(indented!.whiteSpace).toBe('pre')
    expect(indented!.width).toBeGreaterThan(500)
    await shot('explain-text')
    await cells.filter({ hasText: '->' }).first().dblclick()
    await expect.poll(() => page.locator('[data-testid="cell-viewer-body"]').evaluate((el) => (el as HTMLElement).innerText).catch(() => '')).toMatch(/^ {2,}->/)
    expect(await page.locator('[data-testid="cell-viewer-body"]').evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/)
    await page.keyboard.press('Escape')
    await explainAndWait(() => page.locator('[data-testid="open-as-plan"]').click(), true)
    expect((await nodeTexts()).join('\n')).toContain('qg_plan_orders')
    // Explain with the cursor in the EXPLAIN statement plans the statement it explains
    await page.locator('[data-testid="sql-editor"] .monaco-editor').click()
    await explainAndWait(() => page.keyboard.press('ControlOrMeta+e'), false)
    expect((await nodeTexts()).join('\n')).toContain('qg_plan_customers')
  })

  it('reads in the dark theme', async () => {
    await page.keyboard.press('ControlOrMeta+Shift+p')
    await page.locator('[data-testid="command-palette-input"]').fill('light / dark')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await page.locator('[data-testid="plan-hot-spot"]').first().click()
    await shot('dark')
    await page.locator('[data-testid="plan-view-flame"]').click()
    await shot('dark-flame')
  })
})

describe.skipIf(!MYSQL_URL)('the plan view on MySQL/MariaDB (MYSQL_URL)', () => {
  it('Explain and Explain analyze of a join with a sort and an aggregate', async () => {
    await rpc(session.app, 'connections.create', { ...parseConnectionUrl(MYSQL_URL!), name: 'My plans' } as never)
    await page.reload()
    await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
    await useConnectionInTab(page, 'My plans')
    await setEditorText(page, 'DROP TABLE IF EXISTS qg_plan_a, qg_plan_b;\nCREATE TABLE qg_plan_a (id int primary key, g int);\nCREATE TABLE qg_plan_b (id int primary key, a_id int, v int);\nINSERT INTO qg_plan_a SELECT seq, seq % 7 FROM seq_1_to_2000;\nINSERT INTO qg_plan_b SELECT seq, 1 + seq % 2000, seq % 100 FROM seq_1_to_20000;')
    await page.keyboard.press('ControlOrMeta+Shift+Enter')
    await expect.poll(() => page.locator('[data-testid="messages-list"]').innerText().catch(() => ''), { timeout: 30_000 }).toMatch(/Finished|Stopped/)
    await setEditorText(page, 'SELECT a.g, count(*) AS n, sum(b.v) AS total FROM qg_plan_b b JOIN qg_plan_a a ON a.id = b.a_id WHERE b.v > 10 GROUP BY a.g ORDER BY total DESC')
    await page.keyboard.press('ControlOrMeta+e')
    await expect.poll(() => page.locator('[data-testid="plan-pending"]').count(), { timeout: 30_000 }).toBe(0)
    if (await planError().count()) throw new Error(await planError().innerText())
    await expect.poll(() => nodes().count()).toBeGreaterThan(1)
    await shot('mariadb-explain')
    // MariaDB names a table by its alias in the plan ("ALL b": a full scan of b)
    expect((await nodeTexts()).join('\n')).toMatch(/\bb\b/)
    expect((await nodeTexts()).join('\n')).toMatch(/\ba\b/)
    await page.keyboard.press('ControlOrMeta+Shift+e')
    await expect.poll(() => page.locator('[data-testid="plan-totals"]').innerText().catch(() => ''), { timeout: 30_000 }).toMatch(/^Analysed/)
    await shot('mariadb')
    await setEditorText(page, 'DROP TABLE IF EXISTS qg_plan_a, qg_plan_b')
    await page.keyboard.press('ControlOrMeta+Enter')
  })
})
