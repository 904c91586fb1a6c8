import type { tabsCalls } from '../../../shared/contract'
import type { HandlerMap } from '../rpc/handlers'
import type { LocalStore } from '../store/local-store'
import { TabsRepository } from './tabs-repository'

export function createTabsHandlers(deps: { store: LocalStore; onClose?: (tabId: string) => void }): HandlerMap<typeof tabsCalls> {
  const tabs = new TabsRepository(deps.store)
  const ok = { ok: true } as const
  return {
    'tabs.list': () => tabs.list(),
    'tabs.save': (input) => {
      tabs.save(input)
      return ok
    },
    'tabs.close': ({ id }) => {
      tabs.close(id)
      deps.onClose?.(id)
      return ok
    },
    'tabs.setActive': ({ id }) => {
      tabs.setActive(id)
      return ok
    },
    'tabs.reorder': ({ ids }) => {
      tabs.reorder(ids)
      return ok
    }
  }
}
