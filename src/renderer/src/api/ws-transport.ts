import type { Envelope } from '../../../shared/contract'
import type { PreloadApi } from '../../../preload/api'

type Pending = { resolve: (e: Envelope<unknown>) => void }
export type LinkState = 'connecting' | 'open' | 'lost'

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

  const connect = (): void => {
    onState('connecting')
    socket = new WebSocket(url)
    socket.onopen = () => {
      retry = 0
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
      onState('lost')
      for (const [id, entry] of pending) {
        entry.resolve({ ok: false, error: { code: 'CONNECTION_LOST', message: 'Lost the connection to the QueryGenie service; reconnecting…' } })
        pending.delete(id)
      }
      setTimeout(connect, Math.min(5000, 250 * 2 ** retry++))
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
