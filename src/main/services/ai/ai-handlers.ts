import type { aiCalls } from '../../../shared/contract/ai'
import type { HandlerMap } from '../rpc/handlers'
import { AiService } from './ai-service'
import type { AiDeps } from './deps'

/** Handlers of the ai.* calls. Keys go in (ai.setKey) and never come out: the view only says `hasKey`. */
export function createAiHandlers(deps: AiDeps, service = new AiService(deps)): HandlerMap<typeof aiCalls> {
  return {
    'ai.settings.get': () => service.view(),
    'ai.settings.update': (patch) => service.update(patch),
    'ai.setKey': ({ providerId, key }) => {
      service.setKey(providerId, key)
      return { ok: true as const }
    },
    'ai.testKey': ({ providerId }) => service.testKey(providerId),
    'ai.privacy.get': ({ connectionId }) => ({ privacy: service.privacy(connectionId) }),
    'ai.privacy.set': ({ connectionId, privacy }) => {
      service.settings.setPrivacy(connectionId, privacy)
      return { ok: true as const }
    },
    'ai.ask': (input) => service.ask(input),
    'ai.cancel': ({ requestId }) => {
      service.cancel(requestId)
      return { ok: true as const }
    },
    'ai.previewPrompt': (input) => service.preview(input),
    'ai.checkSql': ({ connectionId, sql }) => service.check(connectionId, sql),
    'ai.execute': ({ connectionId, sql, confirmed }) => service.execute(connectionId, sql, confirmed),
    'ai.glossary.list': ({ connectionId }) => service.glossary.list(connectionId),
    'ai.glossary.upsert': (term) => service.glossary.upsert(term),
    'ai.glossary.delete': ({ id }) => {
      service.glossary.delete(id)
      return { ok: true as const }
    },
    'ai.index.status': ({ connectionId }) => service.indexStatus(connectionId),
    'ai.index.rebuild': async ({ connectionId, full }) => {
      await service.ensureIndex(connectionId, undefined, full === true)
      return service.indexStatus(connectionId)
    },
    'ai.descriptions.get': ({ connectionId }) => service.descriptions.list(connectionId),
    'ai.usage.summary': ({ sinceIso }) => service.usage.summary(sinceIso)
  }
}
