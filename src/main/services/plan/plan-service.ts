import type { CallInput } from '../../../shared/contract'
import type { Plan } from '../../../shared/plan/model'
import type { DriverSession } from '../drivers/types'
import { engineFor } from '../engines'
import type { Analysis } from '../statements'
import { plannableStatement } from './plannable-statement'

export interface PlanConnections {
  /** A new dedicated session; the caller closes it. */
  session(id: string): Promise<DriverSession>
  /** The statement analyser with the connection's catalog context. */
  analyse(id: string, sql: string): Promise<Analysis>
}

/** The plan of the one statement in `sql`, on `session`, after the analyser has said it may be planned. */
export async function planWith(session: DriverSession, analysis: Analysis, analyze: boolean): Promise<Plan> {
  const statement = plannableStatement(analysis, analyze)
  return engineFor(session.facts.dialect).plan(session, statement, analyze)
}

/**
 * Plans on a session of their own: EXPLAIN ANALYZE opens and rolls back a transaction, which must never touch a
 * transaction the user has open in a tab's session (so `tabId` does not pick the tab's session; temporary tables of
 * that session are not visible to the plan).
 */
export class PlanService {
  constructor(
    private readonly connections: PlanConnections,
    /** Keeps a plan taken (history), so it can be compared later. */
    private readonly keep: (taken: TakenPlan) => void = () => undefined
  ) {}

  async explain(input: CallInput<'plan.explain'>): Promise<Plan> {
    const analysis = await this.connections.analyse(input.connectionId, input.sql)
    // refused before a session is opened
    const statement = plannableStatement(analysis, input.analyze)
    const startedAt = new Date().toISOString()
    const started = performance.now()
    const session = await this.connections.session(input.connectionId)
    try {
      const plan = await engineFor(session.facts.dialect).plan(session, statement, input.analyze)
      this.keep({ connectionId: input.connectionId, sql: statement, startedAt, durationMs: performance.now() - started, plan })
      return plan
    } finally {
      await session.close().catch(() => undefined)
    }
  }
}

export interface TakenPlan {
  connectionId: string
  sql: string
  startedAt: string
  durationMs: number
  plan: Plan
}
