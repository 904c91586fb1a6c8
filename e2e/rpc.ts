import WebSocket from 'ws'
import type { CallInput, CallName, CallOutput } from '../src/shared/contract'
import type { RunningApp } from './harness'

/** Calls the running app's API over its WebSocket (with its token), as the renderer does. */
export async function rpc<K extends CallName>(app: RunningApp, name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const ws = new WebSocket(`ws://127.0.0.1:${app.port}/rpc?token=${app.token}`, { headers: { Origin: `http://127.0.0.1:${app.port}` } })
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    return await new Promise<CallOutput<K>>((resolve, reject) => {
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { id?: number; ok?: boolean; value?: unknown; error?: { message: string } }
        if (msg.id !== 1) return
        if (msg.ok) resolve(msg.value as CallOutput<K>)
        else reject(new Error(msg.error?.message ?? 'call failed'))
      })
      ws.send(JSON.stringify({ id: 1, call: name, input }))
    })
  } finally {
    ws.close()
  }
}
