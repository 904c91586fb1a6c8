import { join } from 'node:path'
import type { AppHandlers } from './rpc/handlers'
import { EventHub } from './rpc/event-hub'
import { createAppHandlers } from './app-handlers'
import type { SettingsStore } from './settings/settings-store'
import { openLocalStore, type LocalStore } from './store/local-store'
import { storePath } from './paths'
import type { SecretBox } from './connections/secret-box'
import { ConnectionService } from './connections/connection-service'
import { createConnectionHandlers } from './connections/connection-handlers'
import { createQueryArea } from './query/query-area'

export interface AppServicesOptions {
  mode: 'electron' | 'web'
  version: string
  dataDir: string
  resourcesDir: string
  settings: SettingsStore
  secretBox: SecretBox
  notices?: string[]
}

export interface AppServices {
  handlers: AppHandlers
  events: EventHub
  store: LocalStore
  close(): Promise<void>
}

/** The composition root: builds every plain-Node service once and gathers their handlers. */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const events = new EventHub()
  const store = openLocalStore(storePath(options.dataDir))
  const connections = new ConnectionService({
    store,
    secretBox: options.secretBox,
    sampleDbPath: join(options.resourcesDir, 'sample.db'),
    dataDir: options.dataDir,
    events
  })

  const queryArea = createQueryArea({ connections, store, events, settings: options.settings, dataDir: options.dataDir })

  const handlers: AppHandlers = {
    ...createAppHandlers({
      version: options.version,
      mode: options.mode,
      dataDir: options.dataDir,
      store,
      settings: options.settings,
      secretStorage: options.secretBox.kind,
      notices: options.notices ?? []
    }),
    ...createConnectionHandlers({ connections }),
    ...queryArea.handlers
  }

  return {
    handlers,
    events,
    store,
    async close() {
      await queryArea.close()
      await connections.closeAll()
      store.close()
    }
  }
}
