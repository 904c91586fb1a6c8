import type { aiValueCalls } from '../../../shared/contract/ai-values'
import type { HandlerMap } from '../rpc/handlers'
import type { ValueService } from './value-service'

/** Handlers of the ai.values.* calls (inputs arrive parsed by their zod schemas, through the dispatcher). */
export function createValueHandlers(values: ValueService): HandlerMap<typeof aiValueCalls> {
  return {
    'ai.values.status': ({ connectionId }) => values.status(connectionId),
    'ai.values.setEnabled': ({ connectionId, enabled }) => values.setEnabled(connectionId, enabled),
    'ai.values.rebuild': ({ connectionId }) => values.rebuild(connectionId),
    'ai.values.clear': ({ connectionId }) => values.clear(connectionId)
  }
}
