import { BrowserWindow, dialog, session, shell } from 'electron'
import { join } from 'node:path'

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/** The app's only window: isolated, sandboxed, no Node, strict CSP, no navigation, no new windows, no permissions. */
export function createSecureWindow(): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })

  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'QueryGenie',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false
    }
  })
  win.once('ready-to-show', () => win.show())
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  // the page refuses to unload while a tab holds an open transaction; Electron shows nothing by itself, so ask here
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      title: 'Open transaction',
      message: 'A query tab has an open transaction.',
      detail: 'Closing QueryGenie rolls it back: the changes made in it are lost.',
      buttons: ['Close and roll back', 'Keep QueryGenie open'],
      defaultId: 1,
      cancelId: 1
    })
    if (choice === 0) event.preventDefault()
  })

  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void win.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return win
}

/** IPC is accepted only from our own top frame: the dev server or the packaged file. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  if (!frameUrl) return false
  if (process.env.ELECTRON_RENDERER_URL && frameUrl.startsWith(process.env.ELECTRON_RENDERER_URL)) return true
  return frameUrl.startsWith('file://') && frameUrl.includes('/renderer/index.html')
}
