import type { activityCalls } from '../../../shared/contract'
import type { HandlerMap } from '../rpc/handlers'
import type { ActivityService } from './activity-service'

export function createActivityHandlers(deps: { activity: ActivityService }): HandlerMap<typeof activityCalls> {
  return {
    'activity.support': (input) => deps.activity.support(input.connectionId),
    'activity.snapshot': (input) => deps.activity.snapshot(input.connectionId, input.includeOwn),
    'activity.cancel': (input) => deps.activity.cancel(input),
    'activity.terminate': (input) => deps.activity.terminate(input)
  }
}
