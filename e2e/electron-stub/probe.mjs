// Runs after the built main process has started under the stub: exercises the recorded wiring and prints one
// `PROBE {json}` line for the test to assert on, then exits.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

const records = () => globalThis.__electronStub
const wait = async (predicate, ms = 20_000) => {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (predicate()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return false
}

setTimeout(async () => {
  const report = {}
  try {
    report.ready = await wait(() => records()?.windows.length > 0 && records().ipcHandlers.size > 0)
    const r = records()
    const win = r.windows[0]
    report.webPreferences = win.options.webPreferences
    report.preloadExists = existsSync(win.options.webPreferences.preload)
    report.loaded = r.loaded
    report.ipcChannels = [...r.ipcHandlers.keys()]
    report.isPackaged = process.env.QG_STUB_PACKAGED === '1'
    report.devTools = win.options.webPreferences.devTools
    report.menuTemplate = r.menu?.template
    const handler = r.ipcHandlers.get('qg:call')
    // the window's own top frame, showing whatever the shell loaded
    const trusted = { sender: win.webContents, senderFrame: win.webContents.mainFrame }
    // a top frame (its own webContents' main frame) at an arbitrary URL
    const topFrameAt = (url) => {
      const frame = { url }
      return { sender: { mainFrame: frame }, senderFrame: frame }
    }
    const untrusted = topFrameAt('https://evil.example/')
    const appFile = `file://${process.cwd()}/out/renderer/index.html`
    const ping = async (event) => (await handler(event, 'app.ping', { echo: 'hi' })).ok
    report.senderChecks = {
      ownTopFrame: await ping(trusted),
      appFileTopFrame: await ping(topFrameAt(appFile)),
      appFileDotSegments: await ping(topFrameAt(`file://${process.cwd()}/out/main/../renderer/index.html`)),
      subframeWithAppUrl: await ping({ sender: win.webContents, senderFrame: { url: appFile } }),
      noFrame: await ping({ sender: win.webContents, senderFrame: null }),
      evilFile: await ping(topFrameAt('file:///evil/renderer/index.html')),
      appFileWithQuery: await ping(topFrameAt(`${appFile}?x`)),
      appFileWithFragment: await ping(topFrameAt(`${appFile}#x`)),
      appFileOnRemoteHost: await ping(topFrameAt(`file://evil.example${process.cwd()}/out/renderer/index.html`)),
      devServer: await ping(topFrameAt('http://localhost:5173/')),
      devServerOtherPort: await ping(topFrameAt('http://localhost:5174/')),
      https: await ping(untrusted)
    }
    // QG_PROBE_LITE=1: the window, menu and sender checks only (the packaged / dev-server runs)
    if (process.env.QG_PROBE_LITE === '1') return finish(report)
    report.trustedPing = await handler(trusted, 'app.ping', { echo: 'hi' })
    report.untrustedPing = await handler(untrusted, 'app.ping', { echo: 'hi' })
    report.invalid = await handler(trusted, 'settings.update', { theme: 'purple' })
    report.info = await handler(trusted, 'app.info', {})
    report.connections = await handler(trusted, 'connections.list', {})
    report.dialogsAvailable = await handler(trusted, 'dialogs.available', {})
    const filters = [{ name: 'SQLite database', extensions: ['sqlite', 'db'] }]
    report.openFile = await handler(trusted, 'dialogs.openFile', { title: 'Database file', filters })
    report.openFileUntrusted = await handler(untrusted, 'dialogs.openFile', { title: 'Database file' })
    r.dialogPath = null
    report.openFileCancelled = await handler(trusted, 'dialogs.openFile', { title: 'Database file' })
    r.dialogPath = '/stub/picked/docs'
    report.chooseFolder = await handler(trusted, 'dialogs.chooseFolder', { title: 'Output folder', defaultPath: '~/.ssh' })
    report.homedir = homedir()
    r.dialogPath = '/stub/picked/out.csv'
    report.saveFile = await handler(trusted, 'dialogs.saveFile', { title: 'Export', defaultName: 'out.csv' })
    // result exports in the desktop app ask the native save dialog where to write
    r.dialogPath = join(process.env.QUERYGENIE_DATA_DIR, 'picked-export.csv')
    const source = { kind: 'query', connectionId: 'sample', sql: 'select 7 as n' }
    report.exportStart = await handler(trusted, 'export.start', { source, format: 'csv', fileName: 'probe' })
    await wait(() => existsSync(r.dialogPath) && readFileSync(r.dialogPath, 'utf8').includes('7'), 10_000)
    report.exportedText = existsSync(r.dialogPath) ? readFileSync(r.dialogPath, 'utf8') : null
    report.dialogRequests = [...r.dialogRequests]
    // SQLite runs in a utility process (the shell's worker host), never the binary with ELECTRON_RUN_AS_NODE
    report.sampleConnect = await handler(trusted, 'connections.connect', { id: 'sample' })
    // Cancel kills the utility process of a statement stuck in SQLite; the tab's next run gets a new one
    const queryEvents = () => (win.webContents.sent ?? []).filter(([, name]) => name === 'query.event').map(([, , payload]) => payload)
    const eventOf = (run, type) => queryEvents().find((e) => e.runId === run?.value?.runId && e.type === type)
    const endless = await handler(trusted, 'query.run', {
      connectionId: 'sample',
      tabId: 'probe-tab',
      sql: 'with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c'
    })
    await new Promise((resolve) => setTimeout(resolve, 500))
    const cancelledAt = Date.now()
    report.cancel = await handler(trusted, 'query.cancel', { runId: endless.value?.runId })
    await wait(() => eventOf(endless, 'finished'), 10_000)
    report.cancelMs = Date.now() - cancelledAt
    report.cancelledRun = eventOf(endless, 'finished') ?? null
    const after = await handler(trusted, 'query.run', { connectionId: 'sample', tabId: 'probe-tab', sql: 'select 8 as n' })
    await wait(() => eventOf(after, 'finished'), 10_000)
    report.afterCancel = { result: eventOf(after, 'result') ?? null, error: eventOf(after, 'error') ?? null }
    report.utilityForks = r.utilityForks.map((f) => ({ ...f, mode: existsSync(f.modulePath) ? statSync(f.modulePath).mode & 0o777 : null }))
    report.workerDir = join(process.env.QUERYGENIE_DATA_DIR, 'electron-userData', 'workers')
    report.spawns = [...r.spawns]
    report.windowOpen = win.webContents.windowOpenHandler({ url: 'https://example.com' })
    let prevented = false
    win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example')
    report.navigationPrevented = prevented
    // a page holding an open transaction refuses to unload: the shell asks, and closes only on "Close and roll back"
    const unload = (choice) => {
      let allowed = false
      r.messageBoxChoice = choice
      win.webContents.emit('will-prevent-unload', { preventDefault: () => (allowed = true) })
      return allowed
    }
    report.unloadAllowed = { close: unload(0), keep: unload(1) }
    let permission
    r.permissionHandler(null, 'camera', (allowed) => (permission = allowed))
    report.permissionGranted = permission
    let headers
    r.headersHandler({ responseHeaders: {} }, (result) => (headers = result.responseHeaders))
    report.csp = headers['Content-Security-Policy']?.[0]
    report.menuInstalled = Boolean(r.menu)
  } catch (error) {
    report.error = String(error?.stack ?? error)
  }
  finish(report)
}, 0)

function finish(report) {
  console.log(`PROBE ${JSON.stringify(report)}`)
  process.exit(0)
}
