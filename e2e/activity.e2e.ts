/// <reference lib="dom" />
import pg from 'pg'
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../src/main/services/connections/url'
import { fakeProviderConfig } from '../test/ai/provider-config'
import { startFakeProvider, type FakeProvider } from '../test/fake-provider/server'
import { openAppInBrowser, screenshot, type BrowserSession } from './harness'
import { rpc } from './rpc'

const PG_URL = process.env.PG_URL
const table = `qg_activity_e2e_${Math.random().toString(36).slice(2, 10)}`
const clients: pg.Client[] = []
let session: BrowserSession
let page: Page
let connectionId: string
let readOnlyId: string
let observer: pg.Client
let pidA: number
let pidB: number
let bUpdate: Promise<unknown>
let fake: FakeProvider

async function client(name: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: PG_URL, application_name: name })
  c.on('error', () => undefined) // A is terminated from the view
  await c.connect()
  clients.push(c)
  return c
}

const pidOf = async (c: pg.Client): Promise<number> => (await c.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid

/** Polls the server, never a timer: B is in the chain once PostgreSQL says it waits for a lock. */
async function untilWaiting(pid: number): Promise<void> {
  const deadline = Date.now() + 20_000
  for (;;) {
    const r = await observer.query(`select wait_event_type = 'Lock' as waiting from pg_stat_activity where pid = $1`, [pid])
    if (r.rows[0]?.waiting) return
    if (Date.now() > deadline) throw new Error(`session ${pid} never waited for a lock`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

beforeAll(async () => {
  if (!PG_URL) return
  session = await openAppInBrowser()
  page = session.page
  fake = await startFakeProvider()
  fake.defaultReply = () => 'Session A holds the row lock in an open transaction; B waits for it. Commit or end A.'
  await rpc(session.app, 'ai.settings.update', { providers: [fakeProviderConfig(fake, 'remote', 'openai', 'gpt-4.1')] })
  await rpc(session.app, 'ai.setKey', { providerId: 'remote', key: 'sk-e2e-activity-1234' })
  connectionId = (await rpc(session.app, 'connections.create', { ...parseConnectionUrl(PG_URL), name: 'pg activity' } as never)).id
  readOnlyId = (await rpc(session.app, 'connections.create', { ...parseConnectionUrl(PG_URL), name: 'pg activity read-only', readOnly: true } as never)).id
  observer = await client('qg-activity-e2e-observer')
  await observer.query(`create table ${table} (id int primary key, v int)`)
  await observer.query(`insert into ${table} values (1, 0)`)
  const a = await client('qg-e2e-blocker')
  const b = await client('qg-e2e-waiter')
  ;[pidA, pidB] = [await pidOf(a), await pidOf(b)]
  await a.query('begin')
  await a.query(`update ${table} set v = 1 where id = 1`)
  bUpdate = b.query(`update ${table} set v = 2 where id = 1`).then(
    () => 'done',
    (err: unknown) => err
  )
  await untilWaiting(pidB)
})

afterAll(async () => {
  for (const c of clients.filter((x) => x !== observer)) await c.end().catch(() => undefined)
  await observer?.query(`drop table if exists ${table}`).catch(() => undefined)
  await observer?.end().catch(() => undefined)
  await session?.close()
  await fake?.close()
})

describe.skipIf(!PG_URL)('Activity view on PostgreSQL (PG_URL)', () => {
  const treeRow = (pid: number) => page.locator(`[data-testid="activity-tree-row"][data-pid="${pid}"]`)

  it('shows the blocked session and the tree blocker → waiter', async () => {
    await page.goto(session.app.url)
    await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
    await page.keyboard.press('ControlOrMeta+Shift+P')
    await page.keyboard.insertText('Show Activity')
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="activity-view"]').waitFor({ timeout: 20_000 })
    await page.locator('[data-testid="activity-connection"]').selectOption(connectionId)
    await page.locator('[data-testid="activity-refresh-interval"]').selectOption('2')
    await expect.poll(() => treeRow(pidB).first().getAttribute('data-depth').catch(() => null), { timeout: 20_000 }).toBe('1')
    expect(await treeRow(pidA).first().getAttribute('data-depth')).toBe('0')
    const waiter = page.locator(`[data-testid="activity-session"][data-pid="${pidB}"]`)
    expect(await waiter.locator('[data-testid="activity-blocked-by"]').innerText()).toBe(String(pidA))
    expect(await waiter.innerText()).toContain('Lock: transactionid')
    expect(await page.locator('[data-testid="activity-top-unavailable"]').innerText()).toMatch(/pg_stat_statements/)
    await screenshot(page, 'activity-blocking-chain')
  })

  it('asks the assistant to explain the chain, sending it as text', async () => {
    await page.locator('[data-testid="activity-explain"]').click()
    await expect.poll(() => page.locator('[data-testid="activity-explain-answer"]').innerText().catch(() => ''), { timeout: 30_000 }).toContain('Commit or end A.')
    const prompt = fake.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.prompt
    expect(prompt).toContain(`blocker: session ${pidA}`)
    expect(prompt).toContain(`waits for the session above: session ${pidB}`)
    await screenshot(page, 'activity-explain-chain')
  })

  it('terminates the blocker after confirmation: the waiter goes through and the chain disappears', async () => {
    await page.locator(`[data-testid="activity-session"][data-pid="${pidA}"] [data-testid="activity-terminate"]`).click()
    const dialog = page.locator('[data-testid="activity-confirm"]')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain(`Terminate session ${pidA}?`)
    await screenshot(page, 'activity-terminate-confirm')
    await page.locator('[data-testid="activity-confirm-confirm"]').click()
    await expect.poll(() => page.locator('[data-testid="activity-action-message"]').innerText().catch(() => ''), { timeout: 20_000 }).toBe(`Session ${pidA} was terminated.`)
    expect(await bUpdate).toBe('done')
    await expect.poll(() => treeRow(pidB).count(), { timeout: 20_000 }).toBe(0)
    expect(await treeRow(pidA).count()).toBe(0)
    expect(await page.locator(`[data-testid="activity-session"][data-pid="${pidA}"]`).count()).toBe(0)
    await screenshot(page, 'activity-chain-gone')
  })

  it('offers no Cancel or Terminate on a read-only connection, and says why', async () => {
    await page.locator('[data-testid="activity-connection"]').selectOption(readOnlyId)
    await page.locator('[data-testid="activity-read-only"]').waitFor({ timeout: 20_000 })
    const terminate = page.locator(`[data-testid="activity-session"][data-pid="${pidB}"] [data-testid="activity-terminate"]`)
    await terminate.waitFor({ timeout: 20_000 })
    expect(await terminate.isDisabled()).toBe(true)
    expect(await terminate.getAttribute('title')).toBe('Not on a read-only connection')
    expect(await page.locator(`[data-testid="activity-session"][data-pid="${pidB}"] [data-testid="activity-cancel"]`).isDisabled()).toBe(true)
    expect(session.watched.errors).toEqual([])
  })
})
