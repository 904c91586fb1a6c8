/// <reference lib="dom" />
import { existsSync, readFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron } from 'playwright'
import { describe, expect, it } from 'vitest'
import { ROOT, screenshot } from './harness'

/**
 * Finds an already-present Electron binary without importing `electron` (Electron 45 downloads its binary on first
 * import, which fails on machines without internet). Returns undefined where none exists.
 */
function electronBinary(): string | undefined {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron')
    return existsSync(candidate) ? candidate : undefined
  }
  const pathFile = join(ROOT, 'node_modules/electron/path.txt')
  if (!existsSync(pathFile)) return undefined
  const binary = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : undefined
}

const binary = electronBinary()
if (!binary) console.log('[electron-launch] SKIPPED: no Electron binary on this machine (it cannot be downloaded here); web-mode e2e covers the renderer.')

describe.skipIf(!binary)('desktop app launch (Playwright _electron)', () => {
  it('opens a secure window that runs a query against the sample database', async () => {
    const app = await _electron.launch({
      executablePath: binary!,
      args: [join(ROOT, 'out/main/index.js')],
      env: { ...process.env, QUERYGENIE_DATA_DIR: mkdtempSync(join(tmpdir(), 'qg-electron-')) }
    })
    const page = await app.firstWindow()
    // No Node in the page, and window.api is exactly the contract surface.
    const surface = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      api: Object.keys((window as unknown as { api: object }).api).sort()
    }))
    expect(surface).toEqual({ require: 'undefined', process: 'undefined', api: ['invoke', 'on'] })
    await expect.poll(() => page.locator('[data-testid="connection-list"]').innerText()).toContain('Sample database')
    await screenshot(page, 'electron-window')
    await app.close()
  })
})
