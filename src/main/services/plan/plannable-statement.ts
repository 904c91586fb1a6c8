import { AppError } from '../../../shared/errors'
import type { Analysis, AnalysedStatement } from '../statements'

const preview = (s: AnalysedStatement): string => {
  const oneLine = s.text.trim().replace(/\s+/g, ' ')
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine
}

/**
 * The one statement of `analysis` that may be planned, without its trailing semicolon; refuses anything else the way
 * Explain does: a script (EXPLAIN must never run a second statement), a statement that has no plan, and, with
 * `analyze` (which runs it), anything the statement analyser does not call a read.
 */
export function plannableStatement(analysis: Analysis, analyze: boolean): string {
  const { statements } = analysis
  if (statements.length === 0) throw new AppError('INVALID_INPUT', 'There is no statement to explain.')
  if (statements.length > 1) {
    const list = statements.slice(0, 5).map((s, i) => `${i + 1}. ${preview(s)}`).join('; ')
    throw new AppError(
      'INVALID_INPUT',
      `A plan is of exactly one statement; this text has ${statements.length} (${list}${statements.length > 5 ? '; …' : ''}). Select the one to explain, or put the cursor in it.`
    )
  }
  const statement = statements[0]!
  if (statement.kind !== 'read' && statement.kind !== 'write') {
    throw new AppError('INVALID_INPUT', `Only queries and data changes have a plan; this statement has none (${statement.reason}).`)
  }
  if (analyze && statement.kind !== 'read') {
    throw new AppError(
      'CONFIRMATION_REQUIRED',
      `Explain analyze runs the statement, so it is only offered for reads; this one ${statement.reason}. Use Explain (without analyze): it shows the plan without running it.`
    )
  }
  return statement.text.trim().replace(/;\s*$/, '')
}
