import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import type { EventName, EventPayload } from '../../../shared/contract'
import type { Dispatch } from '../rpc/dispatcher'
import type { EventSink } from '../rpc/handlers'
import { readCookie, tokenMatches } from './web-token'
import { resolveStaticPath, serveFile } from './static-files'
import { DOWNLOAD_PREFIX, serveDownload, type DownloadLookup } from './download-route'

export const TOKEN_COOKIE = 'qg_token'
const MAX_MESSAGE_BYTES = 128 * 1024 * 1024

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

export interface WebServerOptions {
  port: number
  token: string
  rendererDir: string
  dispatch: Dispatch
  /** Finished exports by their opaque id, served at /download/<exportId> (web mode). */
  downloads?: DownloadLookup
}

export interface RunningWebServer extends EventSink {
  readonly port: number
  readonly url: string
  close(): Promise<void>
}

/**
 * Serves the renderer and the contract over a loopback WebSocket. Every HTTP request and the WebSocket
 * upgrade must carry the per-launch token (URL `?token=` or the cookie set on the first authorised page
 * load); WebSocket upgrades must also come from our own origin.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const { token, rendererDir, dispatch } = options
  const clients = new Set<WebSocket>()
  let port = options.port

  const authorised = (req: IncomingMessage): boolean => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    return tokenMatches(token, url.searchParams.get('token')) || tokenMatches(token, readCookie(req.headers.cookie, TOKEN_COOKIE))
  }
  const allowedOrigin = (origin: string | undefined): boolean =>
    origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`

  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'Content-Type': 'text/plain' }).end('Method not allowed')
      return
    }
    if (!authorised(req)) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('QueryGenie web mode: this address needs the token printed at launch (…/?token=…).')
      return
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const headers: Record<string, string> = {
      'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store'
    }
    if (url.pathname.startsWith(DOWNLOAD_PREFIX)) {
      serveDownload(res, url.pathname, options.downloads, headers)
      return
    }
    const path = resolveStaticPath(rendererDir, url.pathname)
    if (!path || !serveFile(res, path, headers)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found')
    }
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname !== '/rpc' || !authorised(req) || !allowedOrigin(req.headers.origin)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  wss.on('connection', (ws) => {
    clients.add(ws)
    ws.on('close', () => clients.delete(ws))
    ws.on('error', () => clients.delete(ws))
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
