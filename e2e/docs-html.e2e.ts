/// <reference lib="dom" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSchemaModel } from '../bench/generate-schema-model'
import { renderDocs } from '../src/main/services/docs/exporter'
import { SchemaModel } from '../src/shared/schema-model'
import { shopModel, shopNotes } from '../test/fixtures/docs/shop-model'
import { launchBrowser, screenshot } from './harness'

let browser: BrowserContext
let page: Page
let dir: string
const errors: string[] = []
const remoteRequests: string[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qg-docs-html-'))
  const files = await renderDocs({ model: shopModel, notes: shopNotes, formats: ['html'] })
  writeFileSync(join(dir, 'index.html'), files.get('index.html')!)
  browser = await launchBrowser()
  page = await browser.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  page.on('request', (r) => !r.url().startsWith('file:') && remoteRequests.push(r.url()))
  await page.emulateMedia({ colorScheme: 'light' })
  await page.goto(pathToFileURL(join(dir, 'index.html')).href)
})

afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('offline HTML docs in Chromium', () => {
  it('opens on the overview with no errors and no network', async () => {
    await expect.poll(() => page.locator('#index').isVisible()).toBe(true)
    expect(await page.locator('#index h2').textContent()).toBe('shop schema')
    await screenshot(page, 'docs-html-index')
    expect(errors).toEqual([])
    expect(remoteRequests).toEqual([])
  })

  it('search finds a column and jumps to its row', async () => {
    await page.locator('#search').fill('total_with')
    const first = page.locator('#results a').first()
    await expect.poll(() => first.textContent()).toContain('public.orders.total_with_tax')
    await page.locator('#search').press('Enter')
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#c-public\.orders-\d+$/)
    const row = page.locator('tr.hit')
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.locator('td').first().textContent()).toBe('total_with_tax')
    expect(await page.locator('#t-public\\.orders').isVisible()).toBe(true)
    expect(await page.locator('#index').isVisible()).toBe(false)
    await screenshot(page, 'docs-html-table')
  })

  it('search also matches comments and shows a no-match state', async () => {
    await page.locator('#search').fill('contact')
    await page.locator('#search').fill('audit log')
    await expect.poll(() => page.locator('#results a').first().textContent()).toContain('audit.events')
    // Several words match anywhere in the label or description, not as one phrase.
    await page.locator('#search').fill('customers email')
    await expect.poll(() => page.locator('#results a').first().textContent()).toContain('public.customers.email')
    await page.locator('#search').fill('zzzz-nothing')
    await expect.poll(() => page.locator('#results').textContent()).toContain('No matches')
    await page.locator('#search').press('Escape')
  })

  it('every internal link resolves to a page, row or diagram box', async () => {
    // Pages are filled from their inert source when first needed: fill them all, then check every link.
    const broken = await page.evaluate(() => {
      const docs = (window as unknown as { qgDocs: { ensure(id: string): Element | null; openEr(): void } }).qgDocs
      for (const s of Array.from(document.querySelectorAll('section.page[data-lazy]'))) docs.ensure(s.id)
      docs.openEr()
      const bad: string[] = []
      for (const a of Array.from(document.querySelectorAll('a[href^="#"]'))) {
        const target = decodeURIComponent(a.getAttribute('href')!.slice(1))
        if (target.startsWith('er/')) {
          if (!document.querySelector(`#er-view [data-slug="${CSS.escape(target.slice(3))}"]`)) bad.push(target)
        } else if (!docs.ensure(target)) bad.push(target)
      }
      return bad
    })
    expect(broken).toEqual([])
    expect(await page.locator('a[href^="#"]').count()).toBeGreaterThan(20)
  })

  it('builds no table page and no diagram before they are shown', async () => {
    await page.evaluate(() => (location.hash = '#index'))
    await page.reload()
    expect(await page.locator('section.page[id^="t-"][data-lazy]').count()).toBe(shopModel.tables.length)
    expect(await page.locator('#er-view svg').count()).toBe(0)
    await page.evaluate(() => (location.hash = '#t-public.orders'))
    await expect.poll(() => page.locator('section.page[id^="t-"][data-lazy]').count()).toBe(shopModel.tables.length - 1)
  })

  it('foreign-key links navigate between table pages', async () => {
    await page.evaluate(() => (location.hash = '#t-public.orders'))
    await page.locator('#t-public\\.orders a[href="#t-public.customers"]').first().click()
    await expect.poll(() => page.locator('#t-public\\.customers').isVisible()).toBe(true)
    expect(await page.locator('#t-public\\.orders').isVisible()).toBe(false)
  })

  it("draws each table's neighbourhood on its page, with clickable boxes", async () => {
    await page.evaluate(() => (location.hash = '#t-public.orders'))
    const mini = page.locator('#t-public\\.orders .er-mini svg')
    await expect.poll(() => mini.isVisible()).toBe(true)
    expect((await mini.locator('g.er-table').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-table')))).sort()).toEqual(['customers', 'order_items', 'orders'])
    await mini.scrollIntoViewIfNeeded()
    await screenshot(page, 'docs-html-neighbourhood')
    await mini.locator('a[href="#t-public.order_items"]').click()
    await expect.poll(() => page.locator('#t-public\\.order_items').isVisible()).toBe(true)
  })

  it('renders the full ER diagram as SVG with a box per table', async () => {
    await page.evaluate(() => (location.hash = '#er'))
    const svg = page.locator('#er-view svg')
    await expect.poll(() => svg.isVisible()).toBe(true)
    expect(await page.locator('#er-view g.er-table').count()).toBe(shopModel.tables.length)
    const sizes = await page.evaluate(() => {
      const s = document.querySelector('#er-view svg') as SVGSVGElement
      const title = s.querySelector('.er-title') as SVGTextElement
      return { w: s.getBoundingClientRect().width, h: s.getBoundingClientRect().height, text: title.getBBox().width, edges: s.querySelectorAll('path.er-edge').length }
    })
    expect(sizes.w).toBeGreaterThan(200)
    expect(sizes.h).toBeGreaterThan(100)
    expect(sizes.text).toBeGreaterThan(10)
    expect(sizes.edges).toBe(3)
    await screenshot(page, 'docs-html-er')
    await page.locator('#er-view a[href="#t-public.products"]').click()
    await expect.poll(() => page.locator('#t-public\\.products').isVisible()).toBe(true)
  })

  it('"Show in ER diagram" focuses the table and highlights its relations', async () => {
    await page.evaluate(() => (location.hash = '#t-public.orders'))
    await page.locator('#t-public\\.orders a[href="#er/public.orders"]').click()
    await expect.poll(() => page.locator('#er-view .er-focus').getAttribute('data-table')).toBe('public.orders')
    expect(await page.locator('#er-view .er-edge.er-hl').count()).toBe(2)
    expect(await page.locator('#er-view svg.er-dim').count()).toBe(1)
    await page.evaluate(() => (location.hash = '#er'))
    await expect.poll(() => page.locator('#er-view svg.er-dim').count()).toBe(0)
  })

  it('switches to dark mode and remembers it', async () => {
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const light = await bg()
    await page.locator('#theme').click()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await bg()).not.toBe(light)
    await page.evaluate(() => (location.hash = '#t-public.customers'))
    await screenshot(page, 'docs-html-dark')
    await page.reload()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(errors).toEqual([])
  })
})

/** Every object kind of the model on the page: partitions under their parent, routine and trigger sources, sequences, types, errors. */
describe('offline HTML docs: every object kind', () => {
  let objPage: Page
  const model = SchemaModel.parse({
    ...shopModel,
    tables: [
      ...shopModel.tables,
      {
        schema: 'public',
        name: 'payment',
        kind: 'table',
        columns: [{ name: 'id', type: 'bigint', nullable: false }, { name: 'paid_on', type: 'date', nullable: false }],
        partitioning: { strategy: 'range', key: '(paid_on)', partitions: ['payment_2024', 'payment_other'] },
        triggers: [{ name: 'payment_touch', timing: 'BEFORE', events: ['UPDATE'], function: 'public.touch()', definition: 'CREATE TRIGGER payment_touch BEFORE UPDATE ON public.payment FOR EACH ROW EXECUTE FUNCTION public.touch()' }]
      },
      { schema: 'public', name: 'payment_2024', kind: 'table', columns: [{ name: 'id', type: 'bigint', nullable: false }], partitionOf: { schema: 'public', table: 'payment', bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" } },
      { schema: 'public', name: 'payment_other', kind: 'table', columns: [{ name: 'id', type: 'bigint', nullable: false }], partitionOf: { schema: 'public', table: 'payment', bound: 'DEFAULT' } }
    ],
    routines: [{ schema: 'public', name: 'touch', kind: 'function', signature: 'touch()', returns: 'trigger', language: 'plpgsql', definition: 'CREATE FUNCTION public.touch() RETURNS trigger AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$ LANGUAGE plpgsql' }],
    sequences: [{ schema: 'public', name: 'orders_id_seq', dataType: 'bigint', start: '1', increment: '1', ownedBy: 'orders.id' }],
    domains: [{ schema: 'public', name: 'email', baseType: 'text', checks: [{ name: 'email_check', expression: "VALUE ~ '@'" }] }],
    types: [{ schema: 'public', name: 'money_pair', attributes: [{ name: 'amount', type: 'numeric' }, { name: 'currency', type: 'char(3)' }] }],
    errors: [{ kind: 'view', schema: 'public', name: 'broken_view', message: 'function missing_fn() does not exist' }]
  })

  beforeAll(async () => {
    const files = await renderDocs({ model, formats: ['html'] })
    writeFileSync(join(dir, 'objects.html'), files.get('index.html')!)
    objPage = await browser.newPage()
    objPage.on('pageerror', (e) => errors.push(e.message))
    await objPage.goto(pathToFileURL(join(dir, 'objects.html')).href)
  })

  it('lists partitions under their parent, with bounds, and links the partition back', async () => {
    expect(await objPage.locator('nav a.part').allTextContents()).toEqual(['payment_2024', 'payment_other'])
    await objPage.evaluate(() => (location.hash = '#t-public.payment'))
    const parent = objPage.locator('#t-public\\.payment')
    await expect.poll(() => parent.locator('h3', { hasText: 'Partitions' }).count()).toBe(1)
    expect(await parent.textContent()).toContain("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')")
    await parent.locator('a[href="#t-public.payment_other"]').click()
    await expect.poll(() => objPage.locator('#t-public\\.payment_other .meta').first().textContent()).toContain('partition of public.payment')
  })

  it('shows routines with their source, the trigger that runs one, sequences, types and unreadable objects', async () => {
    await objPage.evaluate(() => (location.hash = '#t-public.payment'))
    await objPage.locator('#t-public\\.payment a[href="#obj-routine-0"]').click()
    const objects = objPage.locator('#objects')
    await expect.poll(() => objects.isVisible()).toBe(true)
    const text = (await objects.textContent())!
    for (const s of ['Routines', 'touch()', 'Triggers', 'payment_touch', 'Sequences', 'orders_id_seq', 'orders.id', 'Domains', 'email_check', 'Composite types', 'money_pair', 'Objects that could not be read', 'function missing_fn() does not exist'])
      expect(text).toContain(s)
    await objects.locator('#obj-routine-0 summary').click()
    await expect.poll(() => objects.locator('#obj-routine-0 pre').textContent()).toContain('NEW.updated_at := now()')
    await screenshot(objPage, 'docs-html-objects')
    // The index says how many and links there; search finds routines too.
    await objPage.evaluate(() => (location.hash = '#index'))
    expect(await objPage.locator('#index').textContent()).toContain('1 object could not be read')
    await objPage.locator('#search').fill('touch')
    await expect.poll(() => objPage.locator('#results a').first().textContent()).toContain('public.touch')
    await objPage.locator('#search').press('Escape')
  })
})

/** A generated 600-table schema (six schemas, two hubs with about 100 neighbours): loose bounds; the numbers are in `npm run bench -- docs`. */
describe('offline HTML docs: 600 tables', () => {
  let big: Page
  let loadMs = 0
  beforeAll(async () => {
    const files = await renderDocs({ model: generateSchemaModel(600, 6, { hubs: 2 }), formats: ['html'], erDistance: 2 })
    writeFileSync(join(dir, 'big.html'), files.get('index.html')!)
    big = await browser.newPage()
    big.on('pageerror', (e) => errors.push(e.message))
    const t0 = Date.now()
    await big.goto(pathToFileURL(join(dir, 'big.html')).href, { waitUntil: 'load' })
    loadMs = Date.now() - t0
  })

  it('loads fast with no table page and no diagram built', async () => {
    expect(loadMs).toBeLessThan(6000)
    expect(await big.locator('g.er-table').count()).toBe(0)
    expect(await big.locator('section.page[id^="t-"][data-lazy]').count()).toBe(600)
  })

  it('searches per keystroke without a debounce', async () => {
    const ms = await big.evaluate(() => {
      const input = document.getElementById('search') as HTMLInputElement
      const out: number[] = []
      for (const q of ['t', 'ta', 'tab', 'table_0', 'table_01', 'table_012', 'table_0123']) {
        input.value = q
        const t0 = performance.now()
        input.dispatchEvent(new Event('input'))
        out.push(performance.now() - t0)
      }
      return out
    })
    expect(Math.max(...ms.slice(1))).toBeLessThan(200)
    await expect.poll(() => big.locator('#results a').first().textContent()).toContain('s3.table_0123')
    await big.locator('#search').press('Escape')
  })

  it('fits the ER diagram as readable cards per schema cluster, filters by schema and zooms into a cluster', async () => {
    await big.evaluate(() => (location.hash = '#er'))
    const cards = big.locator('#er-cards .er-card')
    await expect.poll(() => big.locator('#er-cards').isVisible()).toBe(true)
    expect(await cards.count()).toBeGreaterThan(6)
    const fontPx = await cards.first().locator('.er-card-title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
    expect(fontPx).toBeGreaterThanOrEqual(12)
    await screenshot(big, 'docs-html-er-600-fit')
    await big.selectOption('#er-schema', 's2')
    expect(await cards.evaluateAll((cs) => cs.filter((c) => !(c as HTMLElement).hidden).map((c) => c.getAttribute('data-schema')))).toEqual(['s2', 's2'])
    await big.locator('#er-cards .er-card:not([hidden])').first().click({ position: { x: 8, y: 8 } })
    await expect.poll(() => big.locator('#er-view').isVisible()).toBe(true)
    // Zoomed in: text at a readable size, only that cluster's tables parsed.
    const scale = await big.evaluate(() => parseInt(document.getElementById('er-scale')!.textContent!, 10))
    expect(scale).toBeGreaterThanOrEqual(70)
    const tables = big.locator('#er-view g.er-table')
    await expect.poll(() => tables.count()).toBeGreaterThan(10)
    expect(await tables.count()).toBeLessThan(200)
    const titlePx = await tables.first().locator('.er-title').evaluate((t) => (t as SVGTextElement).getBoundingClientRect().height)
    expect(titlePx).toBeGreaterThan(8)
    await screenshot(big, 'docs-html-er-600-zoomed')
  })

  it("draws a hub table's diagram with its nearest tables and a count of the rest", async () => {
    await big.evaluate(() => (location.hash = '#t-s0.table_0000'))
    const mini = big.locator('#t-s0\\.table_0000 .er-mini svg')
    await expect.poll(() => mini.count()).toBe(1)
    const boxes = await mini.locator('g.er-table').count()
    expect(boxes).toBe(21)
    expect(await big.locator('#t-s0\\.table_0000 .er-note').textContent()).toMatch(/^Showing 20 of \d+ related tables/)
    const size = await mini.evaluate((s) => ({ w: s.getBoundingClientRect().width, h: s.getBoundingClientRect().height }))
    expect(size.h).toBeGreaterThan(400)
    expect(size.w).toBeGreaterThan(600)
    await mini.scrollIntoViewIfNeeded()
    await screenshot(big, 'docs-html-hub-diagram')
    expect(errors).toEqual([])
  })
})
