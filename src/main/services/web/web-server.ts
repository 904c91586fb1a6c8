import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import type { EventName, EventPayload } from '../../../shared/contract'
import type { Dispatch } from '../rpc/dispatcher'
import type { EventSink } from '../rpc/handlers'
import { PageSessions, tokenMatches } from './web-token'
import { resolveStaticPath, StaticFiles } from './static-files'
import { DOWNLOAD_PREFIX, serveDownload, type DownloadLookup } from './download-route'

const MAX_MESSAGE_BYTES = 128 * 1024 * 1024
/** The call a page makes (on its own connection) for its reload and download credentials; never dispatched. */
export const SESSION_CALL = 'web.session'
/** Where the page moves itself once it has read the launch token: the app shell, served without a credential. */
export const SHELL_PATH = '/app'
/** The 'expired' probe: 204 if `?token=` or `?resume=` would be accepted, 401 if not. Uses nothing up. */
export const AUTH_PROBE_PATH = '/auth'

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

export interface WebServerOptions {
  port: number
  token: string
  rendererDir: string
  dispatch: Dispatch
  /** Finished exports by their opaque id, served at /download/<exportId> (web mode). */
  downloads?: DownloadLookup
  /**
   * Called once when a page is being served or running: its HTML, scripts and styles sent, or a WebSocket accepted
   * (web mode starts its services then, so loading them does not hold up the first page's files).
   */
  onPageLoaded?: () => void
}

export interface RunningWebServer extends EventSink {
  readonly port: number
  readonly url: string
  close(): Promise<void>
}

/**
 * Serves the renderer and the contract over a loopback WebSocket. No cookie, nothing the browser sends on its
 * own: another local server the browser visits (cookies ignore ports) receives no credential.
 * - Every request must name us in Host (`127.0.0.1:<port>` / `localhost:<port>`): DNS rebinding gets 403.
 * - A request carrying an Origin that is not ours gets 403; a WebSocket upgrade must carry our exact Origin.
 * - `/` (`/index.html`) needs the launch token in `?token=`; the page then reads it, keeps it in memory and
 *   moves itself to SHELL_PATH (the same public shell, no token in the address bar or history).
 * - `/rpc` upgrades need `?token=<launch token>` or `?resume=<page resume secret>` (single use, for a reload).
 * - `/download/<id>` needs `?token=` or `?key=<download key of an open page connection>`.
 * - The renderer's static files (the public app bundle) need no credential. They are compressed (br/gzip) and
 *   vite's content-hashed assets are cacheable for a year; the page itself (`/`, SHELL_PATH) stays no-store.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const { token, rendererDir, dispatch } = options
  const clients = new Set<WebSocket>()
  const sessions = new PageSessions()
  const sessionOf = new WeakMap<WebSocket, ReturnType<PageSessions['issue']>>()
  let port = options.port
  let pageLoaded = options.onPageLoaded
  const firstPage = (): void => {
    const call = pageLoaded
    pageLoaded = undefined
    call?.()
  }
  const staticFiles = new StaticFiles(rendererDir, firstPage)

  const ourHost = (host: string | undefined): boolean => host === `127.0.0.1:${port}` || host === `localhost:${port}`
  const ourOrigin = (origin: string | undefined): boolean => origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
  const refuse = (res: ServerResponse, status: number, text: string): void => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(text)
  }

  const server: Server = createServer((req, res) => {
    if (!ourHost(req.headers.host)) return refuse(res, 403, 'QueryGenie web mode answers only to 127.0.0.1 and localhost.')
    if (req.headers.origin !== undefined && !ourOrigin(req.headers.origin)) return refuse(res, 403, 'Cross-origin request refused.')
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed')
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const withToken = tokenMatches(token, url.searchParams.get('token'))
    const headers: Record<string, string> = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store'
    }
    if (url.pathname === AUTH_PROBE_PATH) {
      const ok = withToken || sessions.resumeValid(url.searchParams.get('resume'))
      res.writeHead(ok ? 204 : 401, { 'Cache-Control': 'no-store' }).end()
      return
    }
    if (url.pathname.startsWith(DOWNLOAD_PREFIX)) {
      if (!withToken && !sessions.downloadKeyValid(url.searchParams.get('key'))) return refuse(res, 401, 'This download needs the open QueryGenie page.')
      serveDownload(res, url.pathname, options.downloads, headers)
      return
    }
    const shell = url.pathname === SHELL_PATH
    if ((url.pathname === '/' || url.pathname === '/index.html') && !withToken) {
      return refuse(res, 401, 'QueryGenie web mode: this address needs the token printed at launch (…/?token=…).')
    }
    const path = resolveStaticPath(rendererDir, shell ? '/' : url.pathname)
    if (!path || !staticFiles.serve(req, res, path, headers)) refuse(res, 404, 'Not found')
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const refused = (): void => void socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    // Host and the exact Origin first (a missing Origin is refused: browsers always send one), so a foreign
    // page cannot use up a resume secret; only then the credential. Every refusal looks the same.
    if (!ourHost(req.headers.host) || !ourOrigin(req.headers.origin) || url.pathname !== '/rpc') return refused()
    if (!tokenMatches(token, url.searchParams.get('token')) && !sessions.consumeResume(url.searchParams.get('resume'))) return refused()
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  wss.on('connection', (ws) => {
    firstPage()
    clients.add(ws)
    const gone = (): void => {
      clients.delete(ws)
      sessionOf.get(ws)?.closed()
    }
    ws.on('close', gone)
    ws.on('error', gone)
    ws.on('message', (data, isBinary) => {
      void handleMessage(ws, isBinary ? null : data.toString())
    })
  })

  async function handleMessage(ws: WebSocket, text: string | null): Promise<void> {
    let message: unknown
    try {
      message = text === null ? null : JSON.parse(text)
    } catch {
      message = null
    }
    const id = typeof message === 'object' && message !== null && 'id' in message ? (message as { id: unknown }).id : null
    const safeId = typeof id === 'number' || typeof id === 'string' ? id : null
    if (typeof message !== 'object' || message === null || Array.isArray(message) || !('call' in message)) {
      send(ws, { id: safeId, ok: false, error: { code: 'INVALID_INPUT', message: 'Malformed message: expected {"id", "call", "input"}' } })
      return
    }
    const { call, input } = message as { call: unknown; input: unknown }
    if (call === SESSION_CALL) {
      // one set of page credentials per connection, handed out on that connection only
      let session = sessionOf.get(ws)
      if (!session) {
        session = sessions.issue()
        sessionOf.set(ws, session)
        if (ws.readyState !== ws.OPEN) session.closed()
      }
      send(ws, { id: safeId, ok: true, value: { resume: session.resume, download: session.download } })
      return
    }
    const envelope = await dispatch(call, input)
    send(ws, { id: safeId, ...envelope })
  }

  function send(ws: WebSocket, payload: unknown): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  // the scripts and styles compressed in the background now, not while the first page waits for them
  staticFiles.warm()

  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    emit<K extends EventName>(name: K, payload: EventPayload<K>) {
      const text = JSON.stringify({ event: name, payload })
      for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text)
    },
    async close() {
      for (const ws of clients) ws.terminate()
      wss.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
