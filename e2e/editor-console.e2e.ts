/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright'
import { openAppInBrowser, screenshot, setEditorText, type RunningApp, type watchPage } from './harness'

let app: RunningApp
let browser: BrowserContext
let page: Page
let watched: ReturnType<typeof watchPage>

beforeAll(async () => {
  ;({ app, browser, page, watched } = await openAppInBrowser())
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

// no indented line: typing (insertText) would carry an indent to the next line
const SCRIPT = 'select 1 as a;\n\nselect customer_id,\nemail from customers\nlimit 3;'
const FORMATTED = 'SELECT\n  1 AS a;\n\nSELECT\n  customer_id,\n  email\nFROM\n  customers\nLIMIT\n  3;'

/** The editor's text from its rendered lines, in order (blank lines included, which innerText drops). */
const editorText = (): Promise<string> =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="sql-editor"] .view-lines .view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
      .join('\n')
  )

/** Line numbers the statement-at-cursor decoration marks (gutter bar), and how many lines carry its background. */
async function highlighted(): Promise<{ lines: number[]; shaded: number }> {
  return page.evaluate(() => {
    const editor = document.querySelector('[data-testid="sql-editor"] .monaco-editor')!
    const lines = [...editor.querySelectorAll('.margin-view-overlays > div')]
      .filter((d) => d.querySelector('.qg-current-statement-gutter'))
      .map((d) => Number(d.querySelector('.line-numbers')?.textContent))
      .sort((a, b) => a - b)
    return { lines, shaded: editor.querySelectorAll('.view-overlays .qg-current-statement').length }
  })
}

async function cursorToLine(line: number): Promise<void> {
  await page.keyboard.press('ControlOrMeta+Home')
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown')
}

describe('editor console: statement highlight and Format SQL', () => {
  it('opens with the sample database in the editor tab', async () => {
    await page.goto(app.url)
    await page.locator('[data-testid="sql-editor"] .monaco-editor').waitFor()
    await expect.poll(() => page.locator('[data-testid="schema-tree"]').innerText(), { timeout: 20_000 }).toContain('customers')
  })

  it('shades exactly the lines of the statement at the cursor, and none while text is selected', async () => {
    await setEditorText(page, SCRIPT)
    await cursorToLine(4)
    await expect.poll(highlighted).toEqual({ lines: [3, 4, 5], shaded: 3 })
    await screenshot(page, 'editor-console-highlight-light')
    await cursorToLine(1)
    await expect.poll(highlighted).toEqual({ lines: [1], shaded: 1 })
    // a blank line below a statement means that statement, as Ctrl+Enter does
    await cursorToLine(2)
    await expect.poll(highlighted).toEqual({ lines: [1], shaded: 1 })
    await page.keyboard.press('Shift+ArrowDown')
    await expect.poll(highlighted).toEqual({ lines: [], shaded: 0 })
    await cursorToLine(5)
    await expect.poll(highlighted).toEqual({ lines: [3, 4, 5], shaded: 3 })
  })

  it('follows typing: a new statement gets its own shading', async () => {
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.press('Enter')
    await page.keyboard.insertText('select 3')
    await expect.poll(highlighted).toEqual({ lines: [6], shaded: 1 })
  })

  it('formats the whole text from the palette, and Ctrl+Z restores it', async () => {
    await setEditorText(page, SCRIPT)
    await expect.poll(editorText).toBe(SCRIPT)
    await page.keyboard.press('ControlOrMeta+Shift+P')
    await page.locator('[data-testid="command-palette-input"]').fill('format')
    await expect.poll(() => page.locator('[data-testid="command-palette"] [aria-selected="true"]').getAttribute('data-testid')).toBe('command-query.format')
    await page.keyboard.press('Enter')
    await expect.poll(editorText).toBe(FORMATTED)
    await screenshot(page, 'editor-console-formatted-light')
    await page.keyboard.press('ControlOrMeta+z')
    await expect.poll(editorText).toBe(SCRIPT)
  })

  it('formats with Shift+Alt+F and Ctrl+Alt+L, one undo step each', async () => {
    await page.keyboard.press('Shift+Alt+F')
    await expect.poll(editorText).toBe(FORMATTED)
    await page.keyboard.press('ControlOrMeta+z')
    await expect.poll(editorText).toBe(SCRIPT)
    await page.keyboard.press('Control+Alt+L')
    await expect.poll(editorText).toBe(FORMATTED)
    await page.keyboard.press('ControlOrMeta+z')
    await expect.poll(editorText).toBe(SCRIPT)
  })

  it('formats only the selection when there is one', async () => {
    await page.keyboard.press('ControlOrMeta+Home')
    await page.keyboard.press('Shift+End')
    await page.locator('[data-testid="format-sql"]').click()
    await expect.poll(editorText).toBe(`SELECT\n  1 AS a;${SCRIPT.slice('select 1 as a;'.length)}`)
    await page.keyboard.press('ControlOrMeta+z')
    await expect.poll(editorText).toBe(SCRIPT)
  })

  it('leaves SQL it cannot read unchanged and says why', async () => {
    const broken = 'select customer_id from customers where customer_id = 1) or 1'
    await setEditorText(page, broken)
    await expect.poll(editorText).toBe(broken)
    await page.keyboard.press('Shift+Alt+F')
    const note = page.locator('[data-testid="format-note"]')
    await expect.poll(() => note.innerText().catch(() => '')).toMatch(/^Not formatted: Parse error at token: \) at line 1 column \d+$/)
    expect(await editorText()).toBe(broken)
    await screenshot(page, 'editor-console-format-error')
    // a Format that works clears the note
    await setEditorText(page, 'select 1')
    await page.keyboard.press('Shift+Alt+F')
    await expect.poll(editorText).toBe('SELECT\n  1')
    await expect.poll(() => note.count()).toBe(0)
  })

  it('shades the statement in the dark theme too', async () => {
    await setEditorText(page, SCRIPT)
    await cursorToLine(3)
    await page.locator('[data-testid="theme-toggle"]').click()
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await expect.poll(highlighted).toEqual({ lines: [3, 4, 5], shaded: 3 })
    await screenshot(page, 'editor-console-highlight-dark')
    await setEditorText(page, 'select 1 from customers]')
    await page.keyboard.press('Shift+Alt+F')
    await expect.poll(() => page.locator('[data-testid="format-note"]').count()).toBe(1)
    await screenshot(page, 'editor-console-format-error-dark')
    await page.locator('[data-testid="theme-toggle"]').click()
  })

  it('made no request outside localhost and logged no errors', () => {
    expect(watched.external).toEqual([])
    expect(watched.errors.filter((e) => !/favicon/.test(e))).toEqual([])
  })
})
