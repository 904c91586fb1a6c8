import { worstKind, type StatementKind } from '../../../shared/statement-kinds'
import { AppError } from '../../../shared/errors'
import { lineColumnAt } from '../../../shared/text-position'
import type { AnalysedStatement, Analysis } from './types'

/** Whether a read-only connection may run this statement: reads, and transaction/session steps that cannot lift read-only. */
export function allowedReadOnly(s: AnalysedStatement): boolean {
  return s.kind === 'read' || ((s.kind === 'transaction' || s.kind === 'session') && s.readOnlySafe === true)
}

/** Throws READ_ONLY naming the first statement a read-only connection must not run, with its position. */
export function assertReadOnlyAllowed(analysis: Analysis): void {
  const refused = analysis.statements.find((s) => !allowedReadOnly(s))
  if (!refused) return
  const { line, column } = lineColumnAt(analysis.sql, refused.offset)
  throw new AppError('READ_ONLY', `This connection is read-only: ${refused.reason}.`, { line, column, kind: refused.kind })
}

/** The script's overall kind: its most dangerous statement. */
export function scriptKind(analysis: Analysis): StatementKind {
  return worstKind(analysis.statements.map((s) => s.kind))
}

/** Anything but a plain read changes, or may change, something: it needs the user's confirmation. */
export function needsConfirmation(analysis: Analysis): boolean {
  return analysis.statements.some((s) => s.kind !== 'read')
}

/** The first statement that is not a read, for a confirmation message. */
export function firstChange(analysis: Analysis): AnalysedStatement | undefined {
  return analysis.statements.find((s) => s.kind !== 'read')
}
