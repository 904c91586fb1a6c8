/// <reference lib="dom" />
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppInBrowser, screenshot, type BrowserSession } from './harness'
import { rpc } from './rpc'
import { startFakeProvider, type FakeProvider } from '../test/fake-provider/server'
import { fakeProviderConfig } from '../test/ai/provider-config'

const dir = mkdtempSync(join(tmpdir(), 'qg-compare-e2e-'))
let session: BrowserSession
let page: Page
let target: string
let readOnlyTarget: string
let fake: FakeProvider

function file(name: string, sql: string): string {
  const path = join(dir, name)
  const db = new Database(path)
  db.exec(sql)
  db.close()
  return path
}

beforeAll(async () => {
  const a = file(
    'a.db',
    `create table customers (id integer primary key, name text not null, note text);
     create table orders (id integer primary key, customer_id integer references customers(id), total real);
     create view big_orders as select id, total from orders where total > 100;
     insert into customers values (1, 'Ada', 'first'), (2, 'Bob', null);`
  )
  const b = file(
    'b.db',
    `create table customers (id integer primary key, name text not null, email text);
     create table orders (id integer primary key, customer_id integer references customers(id), total real, status text check (status in ('new', 'paid')));
     create index orders_status on orders (status);
     create table products (id integer primary key, sku text unique);
     create view big_orders as select id, total, status from orders where total > 100;`
  )
  fake = await startFakeProvider()
  fake.defaultReply = () => 'Step 1 rebuilds customers and drops the column note: its values are lost.'
  session = await openAppInBrowser()
  page = session.page
  await rpc(session.app, 'ai.settings.update', { providers: [fakeProviderConfig(fake, 'local', 'openai-compatible', 'llama3')] })
  target = (await rpc(session.app, 'connections.create', { name: 'Compare A', dialect: 'sqlite', filePath: a } as never)).id
  await rpc(session.app, 'connections.create', { name: 'Compare B', dialect: 'sqlite', filePath: b } as never)
  readOnlyTarget = (await rpc(session.app, 'connections.create', { name: 'Compare A (locked)', dialect: 'sqlite', filePath: a, readOnly: true } as never)).id
})

afterAll(async () => {
  await session?.close()
  await fake?.close()
  rmSync(dir, { recursive: true, force: true })
})

const pick = async (side: 'left' | 'right', id: string) => page.locator(`[data-testid="compare-${side}"]`).selectOption(id)

describe('schema compare view in web mode', () => {
  it('opens from the palette and shows the differences as a tree with DDL side by side', async () => {
    await page.goto(session.app.url)
    await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor({ timeout: 20_000 })
    await page.keyboard.press('ControlOrMeta+Shift+P')
    await page.keyboard.insertText('Show Schema compare')
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="compare-view"]').waitFor({ timeout: 20_000 })
    const ids = await page.locator('[data-testid="compare-right"] option').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]))
    const b = ids.find(([, label]) => label === 'Compare B')![0]!
    await pick('left', target)
    await pick('right', b)
    await page.locator('[data-testid="compare-run"]').click()
    const tree = page.locator('[data-testid="compare-tree"]')
    await expect.poll(() => tree.innerText(), { timeout: 20_000 }).toContain('products')
    const text = await tree.innerText()
    expect(text).toContain('customers')
    expect(text).toContain('big_orders')
    await page.locator('[data-testid="compare-node"]', { hasText: 'customers' }).click()
    expect(await page.locator('[data-testid="compare-ddl-left"]').innerText()).toContain('note')
    expect(await page.locator('[data-testid="compare-ddl-right"]').innerText()).toContain('email')
    const destructive = page.locator('[data-testid="compare-destructive"]')
    expect(await destructive.count()).toBeGreaterThan(0)
    expect(await destructive.first().innerText()).toMatch(/rebuilds table customers, copying its rows \(2 rows\); drops column note/)
    await screenshot(page, 'schema-compare-differences')
  })

  it('asks the assistant to review the script, which runs nothing', async () => {
    await page.locator('[data-testid="compare-review"]').click()
    const answer = page.getByTestId('compare-review-answer')
    await expect.poll(() => answer.innerText().catch(() => ''), { timeout: 30_000 }).toContain('its values are lost')
    const prompt = fake.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.prompt
    expect(prompt).toMatch(/Review this migration script/)
    expect(prompt).toMatch(/drops column note/)
    expect(prompt).toContain('CREATE TABLE')
    await screenshot(page, 'schema-compare-review')
  })

  it('keeps Apply disabled on a read-only target and says why', async () => {
    await pick('left', readOnlyTarget)
    await page.locator('[data-testid="compare-run"]').click()
    await expect.poll(() => page.locator('[data-testid="compare-apply-reason"]').innerText(), { timeout: 20_000 }).toContain('read-only')
    expect(await page.locator('[data-testid="compare-apply"]').isDisabled()).toBe(true)
  })

  it('applies the script after confirmation, and the comparison then finds no differences', async () => {
    await pick('left', target)
    await page.locator('[data-testid="compare-run"]').click()
    await expect.poll(() => page.locator('[data-testid="compare-apply"]').isEnabled(), { timeout: 20_000 }).toBe(true)
    await page.locator('[data-testid="compare-apply"]').click()
    const dialog = page.locator('[data-testid="compare-confirm"]')
    await dialog.waitFor()
    expect(await dialog.innerText()).toMatch(/drops column note|rebuilds table customers/)
    await page.locator('[data-testid="compare-confirm-apply"]').click()
    await expect.poll(() => page.locator('[data-testid="compare-applied"]').innerText(), { timeout: 20_000 }).toMatch(/Applied \d+ statements/)
    await expect.poll(() => page.locator('[data-testid="compare-summary"]').innerText(), { timeout: 20_000 }).toContain('No differences')
    await screenshot(page, 'schema-compare-applied')
    // every statement that ran is in the audit log, recorded as the migration's
    const { entries } = await rpc(session.app, 'audit.list', { connectionId: target })
    expect(entries.length).toBeGreaterThan(0)
    expect(new Set(entries.map((e) => e.source))).toEqual(new Set(['migration']))
    expect(entries.map((e) => e.statement).join('\n')).toContain('DROP TABLE customers')
  })

  it('logged no errors in the page', () => {
    expect(session.watched.errors).toEqual([])
    expect(session.watched.external).toEqual([])
  })
})
