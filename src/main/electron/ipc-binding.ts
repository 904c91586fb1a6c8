import { BrowserWindow, ipcMain } from 'electron'
import { IPC_CALL, IPC_EVENT } from '../../shared/ipc-channels'
import type { Dispatch } from '../services/rpc/dispatcher'
import type { EventHub } from '../services/rpc/event-hub'
import { isTrustedSender } from './secure-window'

export function bindIpc(dispatch: Dispatch, events: EventHub): () => void {
  ipcMain.handle(IPC_CALL, async (event, name: unknown, input: unknown) => {
    // the app page in our window's top frame only: not a subframe, not a lookalike URL
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: 'IPC from an untrusted frame' } }
    }
    return dispatch(name, input)
  })
  const unsubscribe = events.subscribe((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(IPC_EVENT, name, payload)
  })
  return () => {
    ipcMain.removeHandler(IPC_CALL)
    unsubscribe()
  }
}
