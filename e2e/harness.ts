import { spawn, execSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright'

export const ROOT = resolve(import.meta.dirname, '..')
export const ARTIFACTS = join(ROOT, 'e2e/artifacts')

export interface RunningApp {
  url: string
  port: number
  token: string
  dataDir: string
  process: ChildProcess
  output: () => string
  stop(): Promise<void>
}

/** Starts web mode from the built output (the e2e script builds first) on a free port with its own data dir. */
export async function startApp(options: { dataDir?: string; port?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'qg-e2e-'))
  const child = spawn(process.execPath, [join(ROOT, 'out/main/web-main.js'), '--port', String(options.port ?? 0), '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not print its URL within 30 s:\n${output}`)), 30_000)
    const check = (): void => {
      const match = /QueryGenie web mode: (http:\/\/\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolveUrl(match[1]!)
      }
    }
    child.stdout!.on('data', check)
    child.on('exit', (code) => reject(new Error(`web mode exited with ${code}:\n${output}`)))
  })
  const parsed = new URL(url)
  return {
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }
}

export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  return execSync('command -v chromium || command -v chromium-browser', { shell: '/bin/sh' }).toString().trim()
}

/** Debian's Chromium with the flags this closed network needs; a fresh profile each time. */
export async function launchBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'qg-pw-')), {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const path = join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path })
  return path
}

/** Replaces the editor text (Monaco drops spaces under keyboard.type, so insertText is used). */
export async function setEditorText(page: Page, text: string): Promise<void> {
  const editor = page.locator('[data-testid="sql-editor"] .monaco-editor').first()
  await editor.click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(text)
}

/** Collects console errors and requests that leave localhost, for offline assertions. */
export function watchPage(page: Page): { errors: string[]; external: string[] } {
  const errors: string[] = []
  const external: string[] = []
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('request', (r) => {
    const host = new URL(r.url()).hostname
    if (!['127.0.0.1', 'localhost'].includes(host) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) external.push(r.url())
  })
  return { errors, external }
}

export interface BrowserSession {
  app: RunningApp
  browser: BrowserContext
  page: Page
  watched: ReturnType<typeof watchPage>
  close(): Promise<void>
}

/** Web mode plus a Chromium page watching for errors and external requests: the usual start of an e2e file. */
export async function openAppInBrowser(options: Parameters<typeof startApp>[0] = {}): Promise<BrowserSession> {
  const app = await startApp(options)
  const browser = await launchBrowser()
  const page = await browser.newPage()
  const watched = watchPage(page)
  return {
    app,
    browser,
    page,
    watched,
    async close() {
      await browser.close()
      await app.stop()
    }
  }
}

/** Points the active editor tab at a connection by name (the tab's own picker; the sidebar only browses). */
export async function useConnectionInTab(page: Page, name: string): Promise<void> {
  const picker = page.locator('[data-testid="tab-connection-picker"]')
  await picker.waitFor()
  await picker.selectOption({ label: name })
}
