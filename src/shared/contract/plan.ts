import { z } from 'zod'
import { Plan } from '../plan/model'
import { call, Id, SqlText } from './define'

export const PlanExplainInput = z
  .object({
    connectionId: Id,
    /** Exactly one statement (a trailing semicolon is fine). */
    sql: SqlText.min(1, 'Nothing to explain'),
    /** Run the statement to get actual rows and times: reads only, in a transaction that is rolled back. */
    analyze: z.boolean(),
    /** The editor tab asking; the plan still runs on a session of its own. */
    tabId: Id.optional()
  })
  .strict()
export type PlanExplainInput = z.infer<typeof PlanExplainInput>

export const planCalls = {
  /** The plan of one statement in the shared plan model (src/shared/plan). */
  'plan.explain': call(PlanExplainInput, Plan)
}
