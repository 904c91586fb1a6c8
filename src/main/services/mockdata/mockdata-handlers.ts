import type { mockdataCalls } from '../../../shared/contract/mockdata'
import type { HandlerMap } from '../rpc/handlers'
import type { MockDataService } from './mockdata-service'

export function createMockDataHandlers(deps: { mockdata: MockDataService }): HandlerMap<typeof mockdataCalls> {
  return {
    'mockdata.plan': (input) => deps.mockdata.plan(input),
    'mockdata.preview': (input) => deps.mockdata.preview(input),
    'mockdata.start': (input) => deps.mockdata.start(input),
    'mockdata.cancel': async (input) => {
      await deps.mockdata.cancel(input.jobId)
      return { ok: true as const }
    }
  }
}
