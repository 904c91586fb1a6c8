import type { compareCalls } from '../../../shared/contract/compare'
import type { HandlerMap } from '../rpc/handlers'
import type { CompareService } from './compare-service'

export function createCompareHandlers(deps: { compare: CompareService }): HandlerMap<typeof compareCalls> {
  return {
    'compare.run': (input) => deps.compare.run(input),
    'compare.apply': (input) => deps.compare.apply(input),
    'compare.save': async (input) => deps.compare.save(input)
  }
}
