/// <reference lib="dom" />
import pg from 'pg'
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../src/main/services/connections/url'
import { openAppInBrowser, screenshot, setEditorText, useConnectionInTab, type BrowserSession } from './harness'
import { rpc } from './rpc'

const PG_URL = process.env.PG_URL
let session: BrowserSession
let page: Page
let second: pg.Client

const picker = () => page.locator('[data-testid="tab-connection-picker"]')
const firstCell = () => page.locator('[data-testid="result-grid"] .ag-row[row-index="0"] [col-id="0"]')
const tabs = () => page.locator('[data-testid="editor-tab"]')
const run = async (sql: string): Promise<void> => {
  await setEditorText(page, sql)
  await page.keyboard.press('ControlOrMeta+Enter')
}
const cellText = () => firstCell().innerText().catch(() => '')
const txState = () => page.locator('[data-testid="transaction-state"]').getAttribute('data-state')

beforeAll(async () => {
  if (!PG_URL) return
  session = await openAppInBrowser()
  page = session.page
  await rpc(session.app, 'connections.create', { ...parseConnectionUrl(PG_URL), name: 'PG tabs' } as never)
  await page.goto(session.app.url)
  await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
  second = new pg.Client({ connectionString: PG_URL })
  await second.connect()
  await second.query('DROP TABLE IF EXISTS qg_tab_tx; CREATE TABLE qg_tab_tx (id int)')
})

afterAll(async () => {
  await second?.query('DROP TABLE IF EXISTS qg_tab_tx').catch(() => undefined)
  await second?.end()
  await session?.close()
})

describe.skipIf(!PG_URL)('tabs are sessions (PG_URL)', () => {
  it('a tab keeps its connection when the sidebar selects another or a connection is saved', async () => {
    await useConnectionInTab(page, 'PG tabs')
    await run('SELECT current_database()')
    await expect.poll(cellText, { timeout: 20_000 }).toBe('test')
    // browsing another connection in the sidebar does not re-point the tab
    await page.locator('[data-testid="connection-list"] button', { hasText: 'Sample' }).first().click()
    await run("SELECT current_database() || '!'")
    await expect.poll(cellText, { timeout: 20_000 }).toBe('test!')
    expect(await picker().locator('option:checked').innerText()).toBe('PG tabs')
    // saving a new connection does not either
    await rpc(session.app, 'connections.create', { ...parseConnectionUrl(PG_URL!), name: 'PG other' } as never)
    await page.locator('[data-testid="new-connection"]').click()
    await page.keyboard.press('Escape')
    expect(await picker().locator('option:checked').innerText()).toBe('PG tabs')
    // a second tab on another connection keeps its own; switching tabs switches back
    await page.locator('[data-testid="connection-list"] button', { hasText: 'Sample' }).first().dblclick()
    await expect.poll(() => tabs().count()).toBe(2)
    await expect.poll(() => picker().locator('option:checked').innerText()).toContain('Sample')
    await run('SELECT sqlite_version() IS NOT NULL')
    await expect.poll(cellText, { timeout: 20_000 }).toBe('1')
    await tabs().nth(0).locator('.editor-tab-title').click()
    await expect.poll(() => picker().locator('option:checked').innerText()).toBe('PG tabs')
    await expect.poll(cellText).toBe('test!')
  })

  it('manual commit: the first statement opens a transaction that Commit ends, seen from a second session', async () => {
    await page.locator('[data-testid="transaction-mode"]').selectOption('manual')
    await run('INSERT INTO qg_tab_tx VALUES (1)')
    await expect.poll(txState, { timeout: 20_000 }).toBe('open')
    expect((await second.query('SELECT count(*)::int AS n FROM qg_tab_tx')).rows[0].n).toBe(0)
    await expect.poll(() => page.locator('[data-testid="tab-transaction"]').count()).toBe(1)
    await screenshot(page, 'tab-transaction-open')
    await page.keyboard.press('ControlOrMeta+Alt+Enter')
    await expect.poll(txState, { timeout: 20_000 }).toBe('none')
    expect((await second.query('SELECT count(*)::int AS n FROM qg_tab_tx')).rows[0].n).toBe(1)
    // Rollback discards
    await run('INSERT INTO qg_tab_tx VALUES (2)')
    await expect.poll(txState, { timeout: 20_000 }).toBe('open')
    await page.locator('[data-testid="toolbar-rollback"]').click()
    await expect.poll(txState, { timeout: 20_000 }).toBe('none')
    expect((await second.query('SELECT count(*)::int AS n FROM qg_tab_tx')).rows[0].n).toBe(1)
  })

  it('a lost session with an open transaction is reported as lost, never as a successful COMMIT', async () => {
    await run('INSERT INTO qg_tab_tx VALUES (3)')
    await expect.poll(txState, { timeout: 20_000 }).toBe('open')
    await second.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'test' AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'")
    await page.locator('[data-testid="toolbar-commit"]').click()
    await expect.poll(() => page.locator('[data-testid="error-panel"]').innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/connection lost|lost/i)
    await expect.poll(txState).toBe('lost')
    await screenshot(page, 'tab-transaction-lost')
    expect((await second.query('SELECT count(*)::int AS n FROM qg_tab_tx')).rows[0].n).toBe(1)
    // the tab goes on working on a fresh session
    await page.locator('[data-testid="transaction-mode"]').selectOption('auto')
    await run('SELECT 7')
    await expect.poll(cellText, { timeout: 20_000 }).toBe('7')
  })

  it('closing a tab with an open transaction asks first', async () => {
    await page.locator('[data-testid="transaction-mode"]').selectOption('manual')
    await run('INSERT INTO qg_tab_tx VALUES (4)')
    await expect.poll(txState, { timeout: 20_000 }).toBe('open')
    const count = await tabs().count()
    const dialogs: string[] = []
    page.once('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()))
    await tabs().nth(0).locator('.editor-tab-close').click()
    await expect.poll(() => dialogs.length).toBe(1)
    expect(dialogs[0]).toMatch(/open transaction/)
    expect(await tabs().count()).toBe(count)
    page.once('dialog', (d) => void d.accept())
    await tabs().nth(0).locator('.editor-tab-close').click()
    await expect.poll(() => tabs().count()).toBe(count - 1)
    // closing rolled it back
    await expect.poll(async () => (await second.query('SELECT count(*)::int AS n FROM qg_tab_tx')).rows[0].n, { timeout: 20_000 }).toBe(1)
  })

  it('shows elapsed time while running, and Cancel ends the run', async () => {
    await useConnectionInTab(page, 'PG tabs')
    await run('SELECT pg_sleep(30)')
    await expect.poll(() => page.locator('[data-testid="run-clock"]').innerText(), { timeout: 10_000 }).toMatch(/Running .*\d/)
    await screenshot(page, 'run-clock')
    await page.locator('[data-testid="cancel-run"]').click()
    await expect.poll(() => page.locator('[data-testid="run-statement"]').isEnabled(), { timeout: 10_000 }).toBe(true)
    await page.locator('[data-testid="messages-tab"]').click()
    await expect.poll(() => page.locator('[data-testid="messages-list"]').innerText()).toMatch(/Cancelled/)
  })

  it('the error panel says line and column, and the engine’s detail and hint; a click jumps there', async () => {
    await run('SELECT 1;\n\nSELECT nam\nFROM (SELECT 1 AS name) t;')
    await page.keyboard.press('ControlOrMeta+Shift+Enter')
    const location = page.locator('[data-testid="error-location"]')
    await expect.poll(() => location.innerText().catch(() => ''), { timeout: 20_000 }).toBe('line 3, column 8')
    await expect.poll(() => page.locator('[data-testid="error-hint"]').innerText().catch(() => '')).toMatch(/Perhaps you meant/)
    await screenshot(page, 'error-panel-hint')
    await page.keyboard.press('ControlOrMeta+Home')
    await location.click()
    await expect.poll(() => page.locator('[data-testid="sql-editor"] .line-numbers.active-line-number').innerText()).toBe('3')
  })

  it('completion puts the clause keywords that fit first, and lists columns in table order', async () => {
    await useConnectionInTab(page, 'PG tabs')
    await second.query('DROP TABLE IF EXISTS qg_tab_cols; CREATE TABLE qg_tab_cols (zeta int, alpha int, mid int)')
    await page.locator('[data-testid="schema-refresh"]').click().catch(() => undefined)
    const suggest = page.locator('.monaco-editor .suggest-widget')
    const labels = () => suggest.locator('.monaco-list-row .label-name').allInnerTexts()
    await setEditorText(page, 'SELECT * FROM qg_tab_cols ')
    await page.keyboard.press('Control+Space')
    await expect.poll(async () => (await labels())[0], { timeout: 20_000 }).toBe('WHERE')
    await page.keyboard.press('Escape')
    await setEditorText(page, 'SELECT * FROM qg_tab_cols ORDER ')
    await page.keyboard.press('Control+Space')
    await expect.poll(async () => (await labels())[0], { timeout: 20_000 }).toBe('BY')
    await page.keyboard.press('Escape')
    await setEditorText(page, 'SELECT  FROM qg_tab_cols')
    await page.keyboard.press('Home')
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Control+Space')
    await expect.poll(async () => (await labels()).filter((l) => ['zeta', 'alpha', 'mid'].includes(l)), { timeout: 20_000 }).toEqual(['zeta', 'alpha', 'mid'])
    await screenshot(page, 'completion-columns-in-order')
    await page.keyboard.press('Escape')
  })

  it('shows values as the database prints them', async () => {
    await run("SELECT interval '1 day 2 hours' AS i, ARRAY[1, NULL, 3] AS a, int4range(1, 5) AS r")
    await expect.poll(cellText, { timeout: 20_000 }).toBe('1 day 02:00:00')
    const cell = (col: number) => page.locator(`[data-testid="result-grid"] .ag-row[row-index="0"] [col-id="${col}"]`).innerText()
    expect(await cell(1)).toBe('{1,NULL,3}')
    expect(await cell(2)).toBe('[1,5)')
  })

  it('commands: the palette runs any command by name; Alt+N opens a tab', async () => {
    const before = await tabs().count()
    await page.keyboard.press('ControlOrMeta+Shift+P')
    await page.locator('[data-testid="command-palette-input"]').fill('new query tab')
    await screenshot(page, 'command-palette')
    await page.keyboard.press('Enter')
    await expect.poll(() => tabs().count()).toBe(before + 1)
    await expect.poll(() => page.locator('[data-testid="command-palette"]').count()).toBe(0)
    await page.keyboard.press('Alt+n')
    await expect.poll(() => tabs().count()).toBe(before + 2)
  })

  it('many tabs scroll in one row; the editor/results split is draggable and remembered', async () => {
    for (let i = 0; i < 14; i++) await page.locator('[data-testid="new-tab"]').click()
    const bar = await page.locator('[data-testid="editor-tabs"]').boundingBox()
    const tab = await tabs().first().boundingBox()
    expect(bar!.height).toBeLessThan(tab!.height * 1.6)
    const scrolls = await page.locator('[data-testid="editor-tabs"]').evaluate((e) => e.scrollWidth > e.clientWidth)
    expect(scrolls).toBe(true)
    await screenshot(page, 'many-tabs')
    const editor = page.locator('[data-testid="sql-editor"]')
    const handle = await page.locator('[data-testid="editor-split"]').boundingBox()
    const before = (await editor.boundingBox())!.height
    await page.mouse.move(handle!.x + 50, handle!.y + 2)
    await page.mouse.down()
    await page.mouse.move(handle!.x + 50, handle!.y - 120, { steps: 5 })
    await page.mouse.up()
    const after = (await editor.boundingBox())!.height
    expect(before - after).toBeGreaterThan(100)
    await page.reload()
    await editor.locator('.monaco-editor').waitFor()
    expect(Math.abs((await editor.boundingBox())!.height - after)).toBeLessThan(4)
  })

  it('the connection menu closes on Escape and on a click outside', async () => {
    const menuButton = page.locator('[data-testid^="connection-menu-"]').first()
    await menuButton.click()
    await expect.poll(() => page.locator('[data-testid="connection-menu"]').count()).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('[data-testid="connection-menu"]').count()).toBe(0)
    await menuButton.click()
    await expect.poll(() => page.locator('[data-testid="connection-menu"]').count()).toBe(1)
    await page.locator('[data-testid="status-bar"]').click()
    await expect.poll(() => page.locator('[data-testid="connection-menu"]').count()).toBe(0)
    expect(session.watched.errors).toEqual([])
  })
})
