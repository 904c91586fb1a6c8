import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from './harness'

/** Runs out/main/index.js under the recording stub with the probe; returns the probe's report. */
function runShell(env: Record<string, string> = {}): Record<string, any> {
  const base = { ...process.env }
  delete base.ELECTRON_RENDERER_URL
  const output = execFileSync(
    process.execPath,
    ['--import', join(ROOT, 'e2e/electron-stub/register.mjs'), '--import', join(ROOT, 'e2e/electron-stub/probe.mjs'), join(ROOT, 'out/main/index.js')],
    { cwd: ROOT, env: { ...base, QUERYGENIE_DATA_DIR: mkdtempSync(join(tmpdir(), 'qg-shell-')), ...env }, encoding: 'utf8', timeout: 60_000 }
  )
  const line = output.split('\n').find((l) => l.startsWith('PROBE '))
  return JSON.parse(line!.slice('PROBE '.length))
}

/** `directive -> sources` of a CSP string. */
function cspDirectives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name, sources])
  )
}

const ALL_SENDER_CHECKS_BUT = (trusted: string[]): Record<string, boolean> =>
  Object.fromEntries(
    [
      'ownTopFrame',
      'appFileTopFrame',
      'appFileDotSegments',
      'subframeWithAppUrl',
      'noFrame',
      'evilFile',
      'appFileWithQuery',
      'appFileWithFragment',
      'appFileOnRemoteHost',
      'devServer',
      'devServerOtherPort',
      'https'
    ].map((k) => [k, trusted.includes(k)])
  )

/**
 * The built Electron main process (out/main/index.js), run under Node 22 with `electron` replaced by a recording
 * stub: proves the thin shell's wiring (secure window, IPC binding with sender check, CSP, permissions,
 * navigation) where no Electron binary can be downloaded. The real-binary launch is electron-launch.e2e.ts.
 */
describe('Electron shell wiring (built main process, stubbed electron module)', () => {
  const report = runShell()

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
    // folder and save pickers also answer a one-time grant that docs.export / export.start take instead of a path
    expect(report.chooseFolder).toEqual({ ok: true, value: { path: '/stub/picked/docs', grant: expect.stringMatching(/^g_/) } })
    expect(report.saveFile).toEqual({ ok: true, value: { path: '/stub/picked/out.csv', grant: expect.stringMatching(/^g_/) } })
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

  it('runs SQLite in an Electron utility process, never the app binary with ELECTRON_RUN_AS_NODE', () => {
    expect(report.sampleConnect).toMatchObject({ ok: true, value: { state: 'connected', serverVersion: expect.stringMatching(/^SQLite 3\./) } })
    // the export above and this connection were served by utility processes running one 0600 script in userData
    expect(report.utilityForks.length).toBeGreaterThan(0)
    for (const fork of report.utilityForks) {
      expect(fork).toMatchObject({ serviceName: 'QueryGenie SQLite', stdio: 'ignore', runAsNode: false, mode: 0o600 })
      expect(fork.modulePath.startsWith(`${report.workerDir}/`)).toBe(true)
    }
    expect(new Set(report.utilityForks.map((f: { modulePath: string }) => f.modulePath)).size).toBe(1)
    expect(report.spawns.length).toBeGreaterThan(0)
    expect(report.spawns.filter((s: { runAsNode: boolean }) => s.runAsNode)).toEqual([])
  })

  it('cancels a statement stuck in SQLite by killing its utility process; the tab then runs again', () => {
    expect(report.cancel).toEqual({ ok: true, value: { ok: true } })
    expect(report.cancelledRun).toMatchObject({ type: 'finished', cancelled: true })
    expect(report.cancelMs).toBeLessThan(5000)
    expect(report.utilityForks.filter((f: { exitSignal: string | null }) => f.exitSignal === 'SIGKILL')).toHaveLength(1)
    expect(report.afterCancel.error).toBeNull()
    expect(report.afterCancel.result).toMatchObject({ type: 'result', result: { statement: 'select 8 as n', columns: [{ name: 'n' }] } })
  })

  it('blocks new windows, navigation and permission requests, and sets a strict CSP', () => {
    expect(report.windowOpen).toEqual({ action: 'deny' })
    expect(report.navigationPrevented).toBe(true)
    expect(report.unloadAllowed).toEqual({ close: true, keep: false })
    expect(report.permissionGranted).toBe(false)
    expect(report.csp).toContain("script-src 'self'")
    expect(report.csp).not.toContain('unsafe-eval')
    expect(cspDirectives(report.csp)['connect-src']).toEqual(["'self'"])
    expect(report.menuInstalled).toBe(true)
  })

  it('accepts IPC only from the top frame showing exactly the packaged renderer file', () => {
    expect(report.loaded).toHaveLength(1)
    // a lookalike file URL, a query or fragment, a remote file host, a subframe, a dev-server URL: all refused
    expect(report.senderChecks).toEqual(ALL_SENDER_CHECKS_BUT(['ownTopFrame', 'appFileTopFrame', 'appFileDotSegments']))
  })

  it('keeps Developer Tools in a development run', () => {
    expect(report.isPackaged).toBe(false)
    expect(report.devTools).toBe(true)
    expect(JSON.stringify(report.menuTemplate)).toContain('"viewMenu"')
  })
})

describe('Electron shell: packaged vs development (stubbed app.isPackaged)', () => {
  const devServer = runShell({ QG_PROBE_LITE: '1', ELECTRON_RENDERER_URL: 'http://localhost:5173' })
  const devRemote = runShell({ QG_PROBE_LITE: '1', ELECTRON_RENDERER_URL: 'https://evil.example/' })
  const packaged = runShell({ QG_PROBE_LITE: '1', QG_STUB_PACKAGED: '1', ELECTRON_RENDERER_URL: 'http://localhost:5173' })

  it('development: loads and trusts the loopback dev server (its origin only), never a remote URL', () => {
    expect(devServer.error).toBeUndefined()
    expect(devServer.loaded).toEqual([{ url: 'http://localhost:5173/' }])
    expect(devServer.senderChecks).toEqual(ALL_SENDER_CHECKS_BUT(['ownTopFrame', 'devServer']))
    expect(devRemote.loaded[0].file).toMatch(/out\/renderer\/index\.html$/)
    expect(devRemote.senderChecks.https).toBe(false)
  })

  it('packaged: ignores ELECTRON_RENDERER_URL, loads and trusts only the renderer file', () => {
    expect(packaged.error).toBeUndefined()
    expect(packaged.isPackaged).toBe(true)
    expect(packaged.loaded).toHaveLength(1)
    expect(packaged.loaded[0].file).toMatch(/out\/renderer\/index\.html$/)
    expect(packaged.senderChecks).toEqual(ALL_SENDER_CHECKS_BUT(['ownTopFrame', 'appFileTopFrame', 'appFileDotSegments']))
  })

  it('packaged: no Developer Tools (webPreferences and menu)', () => {
    expect(packaged.devTools).toBe(false)
    const menu = JSON.stringify(packaged.menuTemplate)
    expect(menu).not.toMatch(/toggleDevTools|viewMenu|forceReload|"reload"/i)
    expect(menu).toContain('"View"')
  })
})

describe('renderer CSP in the built page (the only policy a file:// load gets)', () => {
  const html = readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8')
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/g)].map((m) => m[1])

  it('is one tight policy: connect-src self only, no ws: to other ports, no inline or eval script', () => {
    expect(metas).toHaveLength(1)
    const csp = cspDirectives(metas[0])
    expect(csp['default-src']).toEqual(["'self'"])
    expect(csp['script-src']).toEqual(["'self'"])
    expect(csp['connect-src']).toEqual(["'self'"])
    expect(csp['object-src']).toEqual(["'none'"])
    expect(csp['base-uri']).toEqual(["'none'"])
    expect(metas[0]).not.toMatch(/ws:|wss:|\*|unsafe-eval/)
    // the built page has no inline script for the policy to have to allow
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
  })
})

describe('packaging config (electron-builder.yml, loaded and schema-validated by electron-builder itself)', () => {
  let config: Record<string, any>
  beforeAll(async () => {
    const require = createRequire(import.meta.url)
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js')
    const { DebugLogger } = require('builder-util')
    config = await getConfig(ROOT, null, null)
    await validateConfiguration(config, new DebugLogger(false))
  })

  it('flips the Electron fuses', () => {
    expect(config.electronFuses).toEqual({
      // off: the SQLite worker is a utilityProcess (src/main/electron/utility-worker-host.ts), not ELECTRON_RUN_AS_NODE
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true
    })
    expect(config.asar).not.toBe(false)
  })

  it('publishes updates over HTTPS and verifies signatures: Authenticode publisher on Windows, notarized hardened runtime on macOS', () => {
    expect(config.publish).toMatchObject({ provider: 'generic', url: expect.stringMatching(/^https:\/\//) })
    expect(config.win).toMatchObject({ verifyUpdateCodeSignature: true, forceCodeSigning: true, signtoolOptions: { publisherName: ['QueryGenie'] } })
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true, forceCodeSigning: true })
    const entitlements = readFileSync(join(ROOT, config.mac.entitlements), 'utf8')
    expect(entitlements).toContain('com.apple.security.cs.allow-jit')
    expect(entitlements).not.toMatch(/disable-library-validation|allow-dyld-environment-variables/)
  })
})
