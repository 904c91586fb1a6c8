import type { Envelope } from '../../../shared/contract'
import type { PreloadApi } from '../../../preload/api'

type Pending = { resolve: (e: Envelope<unknown>) => void }
/** 'expired': the service answers but refuses this page's token (it was restarted with a new one). */
export type LinkState = 'connecting' | 'open' | 'lost' | 'expired'

/**
 * Web mode's stand-in for the preload: the same invoke/on surface over the loopback WebSocket.
 * The token comes from the page URL (kept in sessionStorage so a reload works); the HttpOnly cookie
 * set on the first authorised page load is sent with the upgrade too.
 */
export function createWsTransport(onState: (state: LinkState) => void): PreloadApi {
  const params = new URLSearchParams(location.search)
  const token = params.get('token') ?? sessionStorage.getItem('qg_token') ?? ''
  if (token) sessionStorage.setItem('qg_token', token)
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc${token ? `?token=${encodeURIComponent(token)}` : ''}`

  const pending = new Map<number, Pending>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const queue: string[] = []
  let nextId = 1
  let socket: WebSocket
  let retry = 0
  let expired = false

  /** After a failed attempt: is the service down (keep trying) or refusing our token (a restart: say so)? */
  const tokenRefused = async (): Promise<boolean> => {
    try {
      const response = await fetch(`/?token=${encodeURIComponent(token)}`, { method: 'HEAD', cache: 'no-store', credentials: 'omit' })
      return response.status === 401
    } catch {
      return false
    }
  }

  const connect = (): void => {
    if (!expired) onState('connecting')
    socket = new WebSocket(url)
    let opened = false
    socket.onopen = () => {
      opened = true
      retry = 0
      expired = false
      onState('open')
      for (const message of queue.splice(0)) socket.send(message)
    }
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; event?: string; payload?: unknown } & Envelope<unknown>
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
      if (!expired) onState('lost')
      for (const [id, entry] of pending) {
        entry.resolve({ ok: false, error: { code: 'CONNECTION_LOST', message: 'Lost the connection to the QueryGenie service; reconnecting…' } })
        pending.delete(id)
      }
      const again = (): void => void setTimeout(connect, Math.min(5000, 250 * 2 ** retry++))
      if (opened) return again()
      void tokenRefused().then((refused) => {
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
