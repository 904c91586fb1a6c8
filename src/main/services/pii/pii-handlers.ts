import type { piiCalls } from '../../../shared/contract/pii'
import type { HandlerMap } from '../rpc/handlers'
import type { PiiService } from './pii-service'

/** Handlers of the pii.* calls (inputs arrive parsed by their zod schemas, through the dispatcher). */
export function createPiiHandlers(pii: PiiService): HandlerMap<typeof piiCalls> {
  return {
    'pii.scan.start': ({ connectionId }) => pii.start(connectionId),
    'pii.scan.cancel': ({ jobId }) => {
      pii.cancel(jobId)
      return { ok: true as const }
    },
    'pii.report': ({ connectionId }) => pii.report(connectionId),
    'pii.export': ({ connectionId, format }) => pii.export(connectionId, format)
  }
}
