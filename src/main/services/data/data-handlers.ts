import type { dataCalls } from '../../../shared/contract'
import type { HandlerMap } from '../rpc/handlers'
import type { DataService } from './data-service'

export function createDataHandlers(deps: { data: DataService }): HandlerMap<typeof dataCalls> {
  return {
    'data.open': (input) => deps.data.open(input),
    'data.rows': (input) => deps.data.rows(input),
    'data.count': (input) => deps.data.count(input),
    'data.preview': (input) => deps.data.preview(input),
    'data.apply': (input) => deps.data.apply(input)
  }
}
