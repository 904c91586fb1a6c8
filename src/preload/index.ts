import { contextBridge, ipcRenderer } from 'electron'
import { callNames, eventNames } from '../shared/contract'
import { IPC_CALL, IPC_EVENT } from '../shared/ipc-channels'

/** window.api: exactly the contract's calls and events, nothing else of Electron or Node. */
const calls = new Set<string>(callNames)
const events = new Set<string>(eventNames)

contextBridge.exposeInMainWorld('api', {
  invoke(name: string, input: unknown): Promise<unknown> {
    if (!calls.has(name)) return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `Unknown call: ${name}` } })
    return ipcRenderer.invoke(IPC_CALL, name, input)
  },
  on(name: string, listener: (payload: unknown) => void): () => void {
    if (!events.has(name)) throw new Error(`Unknown event: ${name}`)
    const handler = (_e: unknown, eventName: string, payload: unknown): void => {
      if (eventName === name) listener(payload)
    }
    ipcRenderer.on(IPC_EVENT, handler)
    return () => ipcRenderer.removeListener(IPC_EVENT, handler)
  }
})
