import { app, BrowserWindow, dialog, session, shell } from 'electron'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The policy for every response the window loads over HTTP (the dev server). The packaged app loads a `file://`
 * page, which no response header reaches: the same policy is in a <meta> tag in src/renderer/index.html.
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/** The packaged renderer page: the only page the window loads outside development. */
export const RENDERER_FILE = join(import.meta.dirname, '../renderer/index.html')

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The electron-vite dev server, honoured only in an unpackaged run (`electron-vite dev`) and only on loopback
 * http(s): a packaged app ignores ELECTRON_RENDERER_URL, so the environment cannot make it load and trust a page.
 */
export function devServerUrl(): URL | undefined {
  if (app.isPackaged) return undefined
  const raw = process.env.ELECTRON_RENDERER_URL
  if (!raw) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return undefined
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK.has(url.hostname)) return undefined
  return url
}

const samePath = (a: string, b: string): boolean =>
  process.platform === 'win32' ? resolve(a).toLowerCase() === resolve(b).toLowerCase() : resolve(a) === resolve(b)

/**
 * Is this the app page? In development: a page of the dev server's origin. Otherwise exactly the packaged
 * renderer file: a local `file://` URL (no host, no query, no fragment) whose decoded path is RENDERER_FILE.
 */
export function isAppUrl(raw: string | undefined): boolean {
  if (!raw) return false
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  const dev = devServerUrl()
  if (dev) return url.origin === dev.origin
  if (url.protocol !== 'file:' || url.host !== '' || url.search !== '' || url.hash !== '') return false
  try {
    return samePath(fileURLToPath(url), RENDERER_FILE)
  } catch {
    return false
  }
}

/** The parts of an IPC event the sender check reads (Electron's IpcMainInvokeEvent has them). */
export interface IpcSenderLike {
  sender?: { mainFrame?: unknown } | null
  senderFrame?: { url?: string } | null
}

/** IPC is accepted only from the top frame of our window, showing the app page (see isAppUrl). */
export function isTrustedSender(event: IpcSenderLike): boolean {
  const frame = event.senderFrame
  if (!frame || !event.sender || frame !== event.sender.mainFrame) return false
  return isAppUrl(frame.url)
}

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
      spellcheck: false,
      // no Developer Tools in a packaged app (the production menu has no entry for them either)
      devTools: !app.isPackaged
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

  const dev = devServerUrl()
  if (dev) void win.loadURL(dev.href)
  else void win.loadFile(RENDERER_FILE)
  return win
}
