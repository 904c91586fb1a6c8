import { create } from 'zustand'
import type { ConnectionProfile, Settings } from '../../../shared/contract'
import { api } from '../api/client'
import { errorMessage } from '../api/api-error'
import { resolveTheme, type ResolvedTheme } from './theme'

interface AppState {
  ready: boolean
  startupError?: string
  notices: string[]
  mode?: 'electron' | 'web'
  settings?: Settings
  theme: ResolvedTheme
  connections: ConnectionProfile[]
  /** The connection the sidebar, ERD and docs show; editor tabs keep their own. */
  browsingConnectionId?: string
  settingsOpen: boolean
  view: string
  /** The open side panel (AI chat, history, …), if any. */
  panel?: string
  load(): Promise<void>
  refreshConnections(): Promise<void>
  browseConnection(id: string): void
  openSettings(open?: boolean): void
  setTheme(theme: Settings['theme']): Promise<void>
  setView(view: string): void
  setPanel(panel?: string): void
}

export const useAppStore = create<AppState>((set, get) => ({
  ready: false,
  notices: [],
  theme: 'light',
  connections: [],
  view: 'editor',
  settingsOpen: false,
  async load() {
    try {
      const [info, settings, connections] = await Promise.all([
        api.call('app.info', {}),
        api.call('settings.get', {}),
        api.call('connections.list', {})
      ])
      const builtin = connections.find((c) => c.builtin) ?? connections[0]
      set({
        ready: true,
        mode: info.mode,
        notices: info.notices,
        settings,
        theme: resolveTheme(settings.theme),
        connections,
        browsingConnectionId: get().browsingConnectionId ?? builtin?.id
      })
    } catch (error) {
      set({ startupError: errorMessage(error) })
    }
  },
  async refreshConnections() {
    const connections = await api.call('connections.list', {})
    const browsing = get().browsingConnectionId
    set({ connections, browsingConnectionId: connections.some((c) => c.id === browsing) ? browsing : connections[0]?.id })
  },
  browseConnection(id) {
    set({ browsingConnectionId: id })
  },
  openSettings(open = true) {
    set({ settingsOpen: open })
  },
  async setTheme(theme) {
    const settings = await api.call('settings.update', { theme })
    set({ settings, theme: resolveTheme(settings.theme) })
  },
  setView(view) {
    set({ view })
  },
  setPanel(panel) {
    set({ panel })
  }
}))

export function useConnection(id: string | null | undefined): ConnectionProfile | undefined {
  return useAppStore((s) => (id ? s.connections.find((c) => c.id === id) : undefined))
}
