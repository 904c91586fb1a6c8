import type { AiAskInput } from '../../../../shared/contract/ai'
import { AppError } from '../../../../shared/errors'
import type { Plan } from '../../../../shared/plan/model'
import { qualifiedName, type SchemaModel } from '../../../../shared/schema-model'
import type { AiDeps } from '../deps'
import type { LiteralMask } from '../prompt/literal-mask'
import { planForPrompt } from '../prompt/plan-for-prompt'
import { planTablesForPrompt, tablesOfPlan } from '../prompt/plan-tables'

/**
 * The plan Optimize is based on, taken before anything else of the task (and before any provider is called):
 * plannableStatement refuses a script, and with `analyze` anything but a read.
 */
export async function planToOptimize(deps: AiDeps, input: AiAskInput): Promise<Plan> {
  if (!input.sql?.trim()) throw new AppError('INVALID_INPUT', 'Optimize needs the query to optimise')
  return deps.plan(input.connectionId, input.sql, input.analyze === true)
}

export interface OptimizeSection {
  plan: string
  planTables: { keys: string[]; text: string }
}

/**
 * What Optimize adds to the prompt: the plan (a third of the budget) and the DDL and row counts of the tables it
 * reads, or that the query names (a fifth), with the plan's literals masked like the query's.
 */
export function optimizeSection(plan: Plan, schema: SchemaModel, namedTables: string[], mask: LiteralMask, budgetTokens: number): OptimizeSection {
  const tables = tablesOfPlan(plan, schema, namedTables)
  return {
    plan: planForPrompt(plan, { budgetTokens: budgetTokens * 0.3, mask: (t) => mask.mask(t) }),
    planTables: { keys: tables.map(qualifiedName), text: planTablesForPrompt(tables, schema.dialect, budgetTokens * 0.2) }
  }
}
