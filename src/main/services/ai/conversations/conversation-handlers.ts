import type { aiConversationCalls } from '../../../../shared/contract/ai-conversations'
import type { HandlerMap } from '../../rpc/handlers'
import type { ConversationRepository } from './conversation-repository'

const ok = { ok: true as const }

/** Handlers of the ai.conversations.* calls: the panel's list, search, rename, delete and scope. */
export function createConversationHandlers(conversations: ConversationRepository): HandlerMap<typeof aiConversationCalls> {
  return {
    'ai.conversations.list': ({ connectionId, query, limit }) => conversations.list(connectionId, { query, limit }),
    'ai.conversations.create': ({ connectionId, scope }) => conversations.create(connectionId, scope),
    'ai.conversations.get': ({ id }) => conversations.get(id),
    'ai.conversations.rename': ({ id, title }) => {
      conversations.rename(id, title)
      return ok
    },
    'ai.conversations.delete': ({ id }) => {
      conversations.delete(id)
      return ok
    },
    'ai.conversations.setScope': ({ id, scope }) => {
      conversations.setScope(id, scope)
      return ok
    }
  }
}
