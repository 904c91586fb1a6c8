/// <reference lib="dom" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderDocs } from '../src/main/services/docs/exporter'
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
    const broken = await page.evaluate(() => {
      const bad: string[] = []
      for (const a of Array.from(document.querySelectorAll('a[href^="#"]'))) {
        const target = decodeURIComponent(a.getAttribute('href')!.slice(1))
        if (target.startsWith('er/')) {
          if (!document.querySelector(`#er-view [data-slug="${CSS.escape(target.slice(3))}"]`)) bad.push(target)
        } else if (!document.getElementById(target)) bad.push(target)
      }
      return bad
    })
    expect(broken).toEqual([])
    expect(await page.locator('a[href^="#"]').count()).toBeGreaterThan(20)
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
