import type { Dialect } from '../../../shared/cells'
import { engineFor } from '../engines'
import { analyseWith, ready } from './analyse'
import { dialects } from '../../../shared/cells'
import type { Analysis, StatementContext } from './types'

/**
 * The one statement analyser: splits once with the engine's rules and classifies each statement. Without a
 * session's catalog context the engine's rules stay conservative (an unknown function counts as a write).
 */
export function analyseSql(dialect: Dialect, sql: string, context?: StatementContext): Promise<Analysis> {
  return analyseWith(engineFor(dialect).statements, dialect, sql, context)
}

/** Loads every engine's parser in the background, so the first run does not wait for it. */
export function prepareAnalysers(): void {
  for (const dialect of dialects) void ready(engineFor(dialect).statements).catch(() => undefined)
}

export { allowedReadOnly, firstChange, needsConfirmation, scriptKind } from './policy'
export type { AnalysedStatement, Analysis, StatementKind, StatementPiece } from './types'
