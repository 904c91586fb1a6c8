/// <reference lib="dom" />
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import pg from 'pg'
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../src/main/services/connections/url'
import { openAppInBrowser, screenshot, type BrowserSession } from './harness'
import { rpc } from './rpc'

const PG_URL = process.env.PG_URL
const SCHEMA = `qg_objects_${randomBytes(3).toString('hex')}`
let session: BrowserSession
let page: Page
let client: pg.Client
let connectionId: string
let brokenPath: string

const tree = (): Promise<string> => page.locator('[data-testid="schema-tree"]').innerText()
const node = (testId: string) => page.locator(`[data-testid="${testId}"]`)
const depth = async (name: string): Promise<number> => Number(await node(`table-node-${name}`).getAttribute('data-depth'))
const filter = (text: string) => node('schema-filter').fill(text)

beforeAll(async () => {
  // A SQLite file with a view that calls a function SQLite does not have: the one object that cannot be read.
  brokenPath = join(mkdtempSync(join(tmpdir(), 'qg-broken-')), 'broken.db')
  const db = new Database(brokenPath)
  db.exec(`create table people (id integer primary key, name text not null);
           create view v_broken as select lcase(name) as lower_name from people;
           create view v_people as select id, name from people;`)
  db.close()
  session = await openAppInBrowser()
  page = session.page
  if (!PG_URL) return
  client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  await client.query(`
    create schema ${SCHEMA};
    create table ${SCHEMA}.events (id bigint not null, created_at date not null, payload text) partition by range (created_at);
    create table ${SCHEMA}.events_2024 partition of ${SCHEMA}.events for values from ('2024-01-01') to ('2025-01-01');
    create table ${SCHEMA}.events_2025 partition of ${SCHEMA}.events for values from ('2025-01-01') to ('2026-01-01');
    create table ${SCHEMA}.accounts (id int primary key, name text, updated_at timestamptz);
    create function ${SCHEMA}.touch_updated() returns trigger language plpgsql as $$
    begin
      new.updated_at := now(); -- qg marker: touched
      return new;
    end $$;
    create trigger trg_accounts_touch before update on ${SCHEMA}.accounts for each row execute function ${SCHEMA}.touch_updated();
    create sequence ${SCHEMA}.invoice_seq as bigint start with 1000;
    create type ${SCHEMA}.mood as enum ('sad', 'ok', 'happy');
    create view ${SCHEMA}.v_recent as select a.name, e.created_at from ${SCHEMA}.accounts a join ${SCHEMA}.events e on e.id = a.id;
  `)
  const created = await rpc(session.app, 'connections.create', { ...parseConnectionUrl(PG_URL), name: 'PG objects' } as never)
  connectionId = created.id
})

afterAll(async () => {
  await client?.query(`drop schema if exists ${SCHEMA} cascade`).catch(() => undefined)
  await client?.end()
  await session?.close()
  if (brokenPath) rmSync(dirname(brokenPath), { recursive: true, force: true })
})

describe('an object the introspector cannot read', () => {
  it('is named under its schema and the rest of the tree still loads', async () => {
    const created = await rpc(session.app, 'connections.create', { ...parseConnectionUrl(brokenPath), name: 'Broken view', dialect: 'sqlite' } as never)
    await page.goto(session.app.url)
    await page.locator(`[data-testid="connection-${created.id}"] button`).first().click()
    await expect.poll(() => page.locator('[data-testid="schema-object-error"]').allInnerTexts(), { timeout: 30_000 }).toEqual([expect.stringMatching(/^⚠\s*v_broken: no such function: lcase$/i)])
    await node('table-node-v_broken').click()
    await node('table-node-v_people').click()
    await node('table-node-people').click()
    await expect.poll(tree).toMatch(/people[\s⋯]+PK\s*id/)
    const text = await tree()
    expect(text).not.toContain('Loading columns')
    // The readable view and table show their columns; the broken one says why it has none.
    expect(text.match(/no such function: lcase/gi)?.length).toBe(2)
    expect(text).toMatch(/v_people[\s\S]*id[\s\S]*name/)
    await screenshot(page, 'schema-objects-broken-view')
  })
})

describe.skipIf(!PG_URL)('schema objects in the explorer (PG_URL)', () => {
  it('nests partitions under their partitioned parent, marked with its strategy and key', async () => {
    await page.goto(session.app.url)
    await page.locator(`[data-testid="connection-${connectionId}"] button`).first().click()
    await filter(`${SCHEMA}.`)
    await expect.poll(() => node('table-node-events').count(), { timeout: 60_000 }).toBe(1)
    // Only the parent at the top: the partitions are not listed beside it.
    await expect.poll(() => node('partitioned-events').count(), { timeout: 60_000 }).toBe(1)
    expect(await node('partitioned-events').innerText()).toBe('RANGE (created_at)')
    expect(await node('table-node-events_2024').count()).toBe(0)
    await node('table-node-events').click()
    await page.locator(`[data-key="${SCHEMA}.events:partitions"]`).click()
    await expect.poll(() => node('table-node-events_2024').count()).toBe(1)
    expect(await depth('events_2024')).toBe((await depth('events')) + 2)
    expect(await depth('events_2025')).toBe((await depth('events')) + 2)
    expect(await node('table-node-events_2024').innerText()).toContain("FROM ('2024-01-01') TO ('2025-01-01')")
    expect(await node('table-node-events_2024').getAttribute('title')).toContain("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')")
    const text = await tree()
    for (const group of ['Routines', 'Sequences', 'Types']) expect(text).toContain(group)
    expect(await node('object-node-sequence-invoice_seq').count()).toBe(1)
    expect(await node('object-node-enum-mood').innerText()).toContain('enum (sad, ok, happy)')
    await screenshot(page, 'schema-objects-partitions')
  })

  it('shows a function’s source with its body, and opens it in a new tab', async () => {
    await node('object-node-routine-touch_updated').click()
    await node('action-source').click()
    await expect.poll(() => node('ddl-text').innerText().catch(() => ''), { timeout: 20_000 }).toContain('qg marker: touched')
    const ddl = await node('ddl-text').innerText()
    expect(ddl).toMatch(/CREATE (OR REPLACE )?FUNCTION/)
    expect(ddl).toContain('new.updated_at := now()')
    expect(await page.locator('[data-testid="ddl-dialog"] h3').innerText()).toContain('Source')
    await screenshot(page, 'schema-objects-function-source')
    await node('ddl-open-tab').click()
    await expect.poll(() => node('ddl-dialog').count()).toBe(0)
    // Monaco renders spaces as no-break spaces.
    await expect.poll(async () => (await page.locator('[data-testid="sql-editor"]').innerText()).replace(/\s+/g, ' '), { timeout: 20_000 }).toContain('qg marker: touched')
  })

  it('lists a table’s triggers with their source', async () => {
    await node('table-node-accounts').click()
    await page.locator(`[data-key="${SCHEMA}.accounts:triggers"]`).click()
    await node('object-node-trigger-trg_accounts_touch').click({ button: 'right' })
    await node('action-source').click()
    await expect.poll(() => node('ddl-text').innerText().catch(() => ''), { timeout: 20_000 }).toContain('CREATE TRIGGER trg_accounts_touch')
    await page.locator('[data-testid="ddl-dialog"] button[aria-label="Close"]').click()
  })

  it('names the tables a view reads beside its DDL', async () => {
    await node('table-node-v_recent').click({ button: 'right' })
    await node('action-ddl').click()
    await expect.poll(() => node('ddl-text').innerText().catch(() => ''), { timeout: 20_000 }).toContain('CREATE VIEW')
    expect(await node('ddl-reads').innerText()).toBe(`Reads: ${SCHEMA}.accounts, ${SCHEMA}.events`)
    await screenshot(page, 'schema-objects-view-reads')
    await page.locator('[data-testid="ddl-dialog"] button[aria-label="Close"]').click()
  })

  it('filters by schema.table', async () => {
    await filter(`${SCHEMA}.acc`)
    await expect.poll(() => page.locator('[data-testid^="table-node-"]').count()).toBe(1)
    expect(await node('table-node-accounts').count()).toBe(1)
    expect(await node(`schema-node-${SCHEMA}`).count()).toBe(1)
    // A partition by its qualified name shows under its parent.
    await filter(`${SCHEMA}.events_2025`)
    await expect.poll(() => page.locator('[data-testid^="table-node-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual([
      'table-node-events',
      'table-node-events_2025'
    ])
    await filter(`${SCHEMA}.acc`)
    await screenshot(page, 'schema-objects-filter')
  })

  it('stayed error-free', () => {
    expect(session.watched.errors.filter((e) => !/favicon/.test(e))).toEqual([])
  })
})
