import type { planCalls } from '../../../shared/contract'
import type { HandlerMap } from '../rpc/handlers'
import type { PlanService } from './plan-service'

export function createPlanHandlers(deps: { plans: PlanService }): HandlerMap<typeof planCalls> {
  return {
    'plan.explain': (input) => deps.plans.explain(input)
  }
}
