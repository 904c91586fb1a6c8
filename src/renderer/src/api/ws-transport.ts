import type { Envelope } from '../../../shared/contract'
import type { PreloadApi } from '../../../preload/api'

type Pending = { resolve: (e: Envelope<unknown>) => void }
/** 'expired': the service answers but refuses this page's token (it was restarted with a new one). */
export type LinkState = 'connecting' | 'open' | 'lost' | 'expired'

/** Kept in history.state (this history entry, this exact origin; never the URL): the single-use reload secret. */
const RESUME_STATE_KEY = 'qgResume'
/** The renderer's own request for its reload and download credentials (answered by the web server itself). */
const SESSION_ID = 'qg-session'

/**
 * Web mode's stand-in for the preload: the same invoke/on surface over the loopback WebSocket.
 * Credentials, with no cookie and nothing in storage:
 * - the launch token comes from the page URL (`?token=`), stays in memory only, and the page moves itself to
 *   `/app` (history.replaceState) so the token leaves the address bar and this history entry;
 * - on each connection the page asks for a resume secret (single use, dies 2 minutes after the connection
 *   closes) kept in history.state so a reload reconnects, and a download key (valid while connected) that is
 *   added to `/download/…` links when they are clicked.
 */
export function createWsTransport(onState: (state: LinkState) => void): PreloadApi {
  const params = new URLSearchParams(location.search)
  const launchToken = params.get('token') ?? ''
  const stateObject = (): Record<string, unknown> => (typeof history.state === 'object' && history.state !== null ? (history.state as Record<string, unknown>) : {})
  let resume = launchToken ? '' : String(stateObject()[RESUME_STATE_KEY] ?? '')
  let downloadKey = ''
  const keepResume = (secret: string): void => {
    resume = secret
    history.replaceState({ ...stateObject(), [RESUME_STATE_KEY]: secret }, '')
  }
  if (launchToken || location.pathname !== '/app') history.replaceState({ ...stateObject(), [RESUME_STATE_KEY]: undefined }, '', `/app${location.hash}`)
  const credential = (): string =>
    launchToken ? `token=${encodeURIComponent(launchToken)}` : resume ? `resume=${encodeURIComponent(resume)}` : ''
  const socketUrl = (): string => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc?${credential()}`

  // same-origin download links name only the export id; the key of this connection is added as they are followed
  document.addEventListener(
    'click',
    (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[href^="/download/"]') : null
      if (!link) return
      const path = link.getAttribute('href')!.split('?')[0]!
      link.setAttribute('href', downloadKey ? `${path}?key=${encodeURIComponent(downloadKey)}` : path)
    },
    true
  )

  const pending = new Map<number, Pending>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const queue: string[] = []
  let nextId = 1
  let socket: WebSocket
  let retry = 0
  let expired = false
  let everOpened = false
  /** Refused before this page ever connected (a reload long after, or /app opened bare): calls fail instead of waiting. */
  let neverValid = false
  const noCredential = (): Envelope<never> => ({
    ok: false,
    error: { code: 'CONNECTION_LOST', message: 'this page has no valid QueryGenie token; open the address QueryGenie printed at launch (…/?token=…)' }
  })

  /** After a failed attempt: is the service down (keep trying) or refusing our credential (a restart: say so)? */
  const credentialRefused = async (): Promise<boolean> => {
    try {
      const response = await fetch(`/auth?${credential()}`, { method: 'HEAD', cache: 'no-store', credentials: 'omit' })
      return response.status === 401
    } catch {
      return false
    }
  }

  const connect = (): void => {
    if (!expired) onState('connecting')
    socket = new WebSocket(socketUrl())
    let opened = false
    socket.onopen = () => {
      opened = true
      everOpened = true
      neverValid = false
      retry = 0
      expired = false
      // a resume secret is single use: the one this connection used is gone, so none is held until the new one comes
      if (!launchToken) resume = ''
      socket.send(JSON.stringify({ id: SESSION_ID, call: 'web.session', input: {} }))
      onState('open')
      for (const message of queue.splice(0)) socket.send(message)
    }
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number | string; event?: string; payload?: unknown } & Envelope<unknown>
      if (message.id === SESSION_ID) {
        const session = message.ok ? (message.value as { resume?: string; download?: string }) : {}
        if (session.resume) keepResume(session.resume)
        downloadKey = session.download ?? ''
        return
      }
      if (message.event) {
        for (const listener of listeners.get(message.event) ?? []) listener(message.payload)
        return
      }
      const entry = typeof message.id === 'number' ? pending.get(message.id) : undefined
      if (!entry || typeof message.id !== 'number') return
      pending.delete(message.id)
      entry.resolve(message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error })
    }
    socket.onclose = () => {
      downloadKey = ''
      if (!expired) onState('lost')
      const failPending = (envelope: Envelope<never>): void => {
        for (const [id, entry] of pending) {
          entry.resolve(envelope)
          pending.delete(id)
        }
      }
      const lost: Envelope<never> = { ok: false, error: { code: 'CONNECTION_LOST', message: 'Lost the connection to the QueryGenie service; reconnecting…' } }
      const again = (): void => void setTimeout(connect, Math.min(5000, 250 * 2 ** retry++))
      if (opened) {
        failPending(lost)
        return again()
      }
      if (everOpened) failPending(lost)
      void credentialRefused().then((refused) => {
        if (refused && !everOpened) {
          // this page never had a working credential: its calls fail with what to do, instead of waiting forever
          neverValid = true
          queue.length = 0
        }
        failPending(neverValid ? noCredential() : lost)
        if (refused && !expired) {
          expired = true
          onState('expired')
        }
        again()
      })
    }
  }
  connect()

  return {
    invoke(name, input) {
      const id = nextId++
      const text = JSON.stringify({ id, call: name, input })
      if (neverValid) return Promise.resolve(noCredential())
      return new Promise((resolve) => {
        pending.set(id, { resolve })
        if (socket.readyState === WebSocket.OPEN) socket.send(text)
        else queue.push(text)
      })
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set()
      set.add(listener)
      listeners.set(name, set)
      return () => set.delete(listener)
    }
  }
}
