import type { historyCalls } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { HandlerMap } from '../rpc/handlers'
import type { LocalStore } from '../store/local-store'
import { HistoryRepository } from './history-repository'
import { SavedQueryRepository } from './saved-query-repository'

export function createHistoryHandlers(deps: { store: LocalStore }): HandlerMap<typeof historyCalls> {
  const history = new HistoryRepository(deps.store)
  const saved = new SavedQueryRepository(deps.store)
  return {
    'history.list': (input) => history.list(input),
    'history.delete': ({ id }) => {
      history.delete(id)
      return { ok: true }
    },
    'history.plan': ({ id }) => {
      const plan = history.plan(id)
      if (!plan) throw new AppError('NOT_FOUND', 'This history entry has no plan kept with it.')
      return plan
    },
    'history.clear': () => {
      history.clear()
      return { ok: true }
    },
    'saved.list': () => saved.list(),
    'saved.save': (input) => saved.save(input),
    'saved.delete': ({ id }) => {
      saved.delete(id)
      return { ok: true }
    }
  }
}
