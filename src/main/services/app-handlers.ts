import type { appCalls } from '../../shared/contract'
import type { HandlerMap } from './rpc/handlers'
import type { SettingsStore } from './settings/settings-store'
import type { LocalStore } from './store/local-store'

export interface AppInfoDeps {
  version: string
  mode: 'electron' | 'web'
  dataDir: string
  store: LocalStore
  settings: SettingsStore
  secretStorage: 'os' | 'file'
  notices: string[]
}

export function createAppHandlers(deps: AppInfoDeps): HandlerMap<typeof appCalls> {
  return {
    'app.info': () => ({
      version: deps.version,
      mode: deps.mode,
      dataDir: deps.dataDir,
      sqliteVersion: deps.store.sqliteVersion,
      vecVersion: deps.store.vecVersion,
      secretStorage: deps.secretStorage,
      notices: deps.notices
    }),
    'settings.get': () => deps.settings.get(),
    'settings.update': (patch) => deps.settings.update(patch),
    'app.ping': ({ echo }) => ({ ok: true as const, echo })
  }
}
