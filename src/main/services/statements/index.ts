import type { Dialect } from '../../../shared/cells'
import { engineFor } from '../engines'
import { analyseWith } from './analyse'
import type { Analysis, StatementContext } from './types'

/**
 * The one statement analyser: splits once with the engine's rules and classifies each statement. Without a
 * session's catalog context the engine's rules stay conservative (an unknown function counts as a write).
 */
export function analyseSql(dialect: Dialect, sql: string, context?: StatementContext): Promise<Analysis> {
  return analyseWith(engineFor(dialect).statements, dialect, sql, context)
}

export { allowedReadOnly, assertReadOnlyAllowed, firstChange, needsConfirmation, scriptKind } from './policy'
export type { AnalysedStatement, Analysis, StatementKind, StatementPiece } from './types'
