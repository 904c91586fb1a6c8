import type { MigrationScript, MigrationStep } from '../../../../shared/contract/compare'
import type { Dialect } from '../../../../shared/cells'
import type { MigrationDialect } from './dialect'
import type { MigrationPlan, PlannedStep } from './plan'
import { countText } from './risk'

/** Runs a bounded count query and gives its number (null: it could not be counted). */
export type Counter = (sql: string) => Promise<number | null>

/** The plan as a script: risks with their counts filled in, wrapped in the engine's transaction where it has one. */
export async function buildScript(dialect: Dialect, plan: MigrationPlan, d: MigrationDialect, count?: Counter): Promise<MigrationScript> {
  const steps: MigrationStep[] = []
  for (const s of plan.steps) steps.push({ sql: s.sql, summary: s.summary, ...(s.risk ? { risk: await riskText(s, count) } : {}) })
  const wrapped: MigrationStep[] = steps.length
    ? [...d.begin.map((sql) => ({ sql, summary: 'transaction' })), ...steps, ...d.commit.map((sql) => ({ sql, summary: 'transaction' }))]
    : []
  const warnings = [...plan.warnings]
  if (!d.transactional && steps.length) warnings.unshift('This engine commits each DDL statement on its own: the script is applied statement by statement and stops at the first error.')
  return { dialect, transactional: d.transactional, steps: wrapped, text: scriptText(wrapped), warnings }
}

async function riskText(s: PlannedStep, count?: Counter): Promise<string> {
  if (!s.count) return s.risk!
  const n = count ? await count(s.count.sql) : null
  return s.risk!.replace('{count}', n === null ? `${s.count.unit}: not counted` : countText(n, s.count.unit))
}

/** One text: destructive steps preceded by a `-- DESTRUCTIVE:` line; DELIMITER blocks end themselves. */
export function scriptText(steps: MigrationStep[]): string {
  return steps
    .map((s) => {
      const body = /\nDELIMITER ;\s*$/.test(s.sql) ? s.sql.trimEnd() : `${s.sql.trimEnd().replace(/;$/, '')};`
      return s.risk ? `-- DESTRUCTIVE: ${s.risk.replace(/\n/g, ' ')}\n${body}` : body
    })
    .join('\n\n')
    .concat(steps.length ? '\n' : '')
}
