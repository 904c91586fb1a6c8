import type { Dialect } from '../../../shared/cells'
import { splitStatements } from '../statements/split'
import type { StatementPiece } from '../statements/types'

/**
 * The statement to run for a cursor at `offset`: the one containing it, or else the nearest one before it
 * (a cursor just after `;` or on a blank line below a statement means that statement).
 */
export function statementAt(sql: string, dialect: Dialect, offset: number): StatementPiece | null {
  const pieces = splitStatements(sql, dialect)
  if (pieces.length === 0) return null
  let best: StatementPiece | null = null
  for (const piece of pieces) {
    const end = piece.offset + piece.text.length
    if (offset >= piece.offset && offset <= end) return piece
    if (piece.offset <= offset) best = piece
  }
  return best ?? pieces[0]
}

/** Statement ranges [start, end) of a script, for highlighting. */
export function statementRanges(sql: string, dialect: Dialect): { start: number; end: number }[] {
  return splitStatements(sql, dialect).map((p) => ({ start: p.offset, end: p.offset + p.text.length }))
}
