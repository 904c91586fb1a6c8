import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './harness'

/**
 * The built Electron main process (out/main/index.js), run under Node 22 with `electron` replaced by a recording
 * stub: proves the thin shell's wiring (secure window, IPC binding with sender check, CSP, permissions,
 * navigation) where no Electron binary can be downloaded. The real-binary launch is electron-launch.e2e.ts.
 */
describe('Electron shell wiring (built main process, stubbed electron module)', () => {
  const output = execFileSync(
    process.execPath,
    ['--import', join(ROOT, 'e2e/electron-stub/register.mjs'), '--import', join(ROOT, 'e2e/electron-stub/probe.mjs'), join(ROOT, 'out/main/index.js')],
    { cwd: ROOT, env: { ...process.env, QUERYGENIE_DATA_DIR: mkdtempSync(join(tmpdir(), 'qg-shell-')) }, encoding: 'utf8', timeout: 60_000 }
  )
  const line = output.split('\n').find((l) => l.startsWith('PROBE '))
  const report = JSON.parse(line!.slice('PROBE '.length))

  it('starts and opens one window', () => {
    expect(report.error).toBeUndefined()
    expect(report.ready).toBe(true)
    expect(report.loaded[0].file).toMatch(/out\/renderer\/index\.html$/)
  })

  it('isolates the renderer: context isolation, sandbox, no Node, a CommonJS preload that exists', () => {
    expect(report.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
    expect(report.webPreferences.preload).toMatch(/out\/preload\/index\.cjs$/)
    expect(report.preloadExists).toBe(true)
  })

  it('serves the contract over IPC only to the app frame', () => {
    expect(report.ipcChannels).toEqual(['qg:call'])
    expect(report.trustedPing).toEqual({ ok: true, value: { ok: true, echo: 'hi' } })
    expect(report.untrustedPing).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(report.invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(report.info).toMatchObject({ ok: true, value: { mode: 'electron', secretStorage: 'os' } })
    expect(report.connections.value.map((c: { name: string }) => c.name)).toContain('Sample database')
  })

  it('offers native file pickers over IPC: the chosen path only, modal to the app window', () => {
    expect(report.dialogsAvailable).toEqual({ ok: true, value: { available: true } })
    expect(report.openFile).toEqual({ ok: true, value: { path: '/stub/picked/database.sqlite' } })
    expect(report.openFileUntrusted).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(report.openFileCancelled).toEqual({ ok: true, value: { path: null } })
    expect(report.chooseFolder).toEqual({ ok: true, value: { path: '/stub/picked/docs' } })
    expect(report.saveFile).toEqual({ ok: true, value: { path: '/stub/picked/out.csv' } })
    // the untrusted frame never reached the dialog
    expect(report.dialogRequests.map((d: { kind: string }) => d.kind)).toEqual(['open', 'open', 'open', 'save', 'save'])
    expect(report.dialogRequests.every((d: { hasParent: boolean }) => d.hasParent)).toBe(true)
    expect(report.dialogRequests[0].options).toMatchObject({
      title: 'Database file',
      filters: [{ name: 'SQLite database', extensions: ['sqlite', 'db'] }],
      properties: expect.arrayContaining(['openFile'])
    })
    expect(report.dialogRequests[2].options.properties).toContain('openDirectory')
    // native dialogs do not expand ~; the shell does
    expect(report.dialogRequests[2].options.defaultPath).toBe(`${report.homedir}/.ssh`)
    expect(report.dialogRequests[0].options.defaultPath).toBeUndefined()
    expect(report.dialogRequests[3].options).toMatchObject({ title: 'Export', defaultPath: 'out.csv' })
  })

  it('writes result exports where the native save dialog points', () => {
    expect(report.exportStart).toMatchObject({ ok: true, value: { path: expect.stringMatching(/picked-export\.csv$/) } })
    expect(report.dialogRequests[4].options).toMatchObject({ title: 'Export results', defaultPath: 'probe.csv', filters: [{ extensions: ['csv'] }] })
    expect(report.exportedText).toBe('n\r\n7\r\n')
  })

  it('blocks new windows, navigation and permission requests, and sets a strict CSP', () => {
    expect(report.windowOpen).toEqual({ action: 'deny' })
    expect(report.navigationPrevented).toBe(true)
    expect(report.unloadAllowed).toEqual({ close: true, keep: false })
    expect(report.permissionGranted).toBe(false)
    expect(report.csp).toContain("script-src 'self'")
    expect(report.csp).not.toContain('unsafe-eval')
    expect(report.menuInstalled).toBe(true)
  })
})
