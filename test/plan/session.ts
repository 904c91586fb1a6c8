import type { Dialect } from '../../src/shared/cells'
import type { Plan } from '../../src/shared/plan'
import type { ConnectParams, DriverSession } from '../../src/main/services/drivers/types'
import { getDriver } from '../../src/main/services/engines'
import { planWith } from '../../src/main/services/plan/plan-service'
import { prepareAnalysers } from '../../src/main/services/statements'

/** A real driver session, and the plan of one statement on it exactly as the plan service takes it. */
export async function planSession(dialect: Dialect, params: ConnectParams): Promise<{ session: DriverSession; plan(sql: string, analyze?: boolean): Promise<Plan> }> {
  prepareAnalysers()
  const session = await getDriver(dialect).connect(params)
  return { session, plan: async (sql, analyze = false) => planWith(session, await session.analyse(sql), analyze) }
}

export const allNodes = (plan: Plan): Plan['root'][] => {
  const out: Plan['root'][] = []
  const visit = (n: Plan['root']): void => {
    out.push(n)
    n.children.forEach(visit)
  }
  visit(plan.root)
  return out
}
