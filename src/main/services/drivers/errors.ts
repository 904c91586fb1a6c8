import { AppError } from '../../../shared/errors'
import { lineColumnAt } from '../../../shared/text-position'

/**
 * A SQL_ERROR whose line/column point into the text the caller submitted.
 * `statementOffset` is where the failing statement starts in `submitted`; `positionInStatement` is 0-based.
 */
export function sqlError(
  message: string,
  submitted: string,
  statementOffset: number,
  positionInStatement: number | undefined,
  sqlState?: string
): AppError {
  const detail: { line?: number; column?: number; position?: number; sqlState?: string } = {}
  if (positionInStatement !== undefined) {
    const position = statementOffset + positionInStatement
    Object.assign(detail, lineColumnAt(submitted, position), { position: position + 1 })
  }
  if (sqlState) detail.sqlState = sqlState
  return new AppError('SQL_ERROR', message, Object.keys(detail).length ? detail : undefined)
}

/** Finds the token an engine quotes in `near "xyz"` / `near 'xyz'` messages inside the statement text. */
export function positionOfNearToken(message: string, statement: string): number | undefined {
  const m = /near (["'])([\s\S]*?)\1/.exec(message)
  if (!m || m[2] === '') return undefined
  const token = m[2]
  const idx = statement.indexOf(token)
  if (idx >= 0) return idx
  const lower = statement.toLowerCase().indexOf(token.toLowerCase())
  return lower >= 0 ? lower : undefined
}
