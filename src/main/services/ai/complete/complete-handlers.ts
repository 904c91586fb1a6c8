import type { aiCompleteCalls } from '../../../../shared/contract/ai-complete'
import type { HandlerMap } from '../../rpc/handlers'
import type { AiDeps } from '../deps'
import { InlineCompletionService } from './inline-completion-service'

/** Handlers of the ai.complete.* calls (inline completion in the editor). */
export function createCompleteHandlers(deps: AiDeps, service = new InlineCompletionService(deps)): HandlerMap<typeof aiCompleteCalls> {
  return {
    'ai.complete': (input) => service.complete(input),
    'ai.complete.cancel': ({ requestId }) => {
      service.cancel(requestId)
      return { ok: true as const }
    },
    'ai.complete.settings.get': () => service.view(),
    'ai.complete.settings.update': (patch) => service.update(patch)
  }
}
