import { splitQuery } from 'dbgate-query-splitter'
import type { SplitResultItemRich } from 'dbgate-query-splitter/lib/splitQuery'
import type { Dialect } from './cells'
import { factsOf } from './engines'
import { tokenizeSql } from './sql-tokens'

export interface StatementPiece {
  text: string
  /** Offset of `text` inside the submitted SQL. */
  offset: number
}

/**
 * Splits a script into statements with the engine's rules (strings, comments, $$, DELIMITER, GO). A piece that is
 * only comments (`select 1; -- note`) is no statement: the engine would refuse it as empty. Executable comments
 * (MySQL's `/*! … *\/`) are code, so they stay. Main runs what this returns; the editor highlights the same pieces.
 */
export function splitStatements(sql: string, dialect: Dialect): StatementPiece[] {
  const facts = factsOf(dialect)
  const items = splitQuery(sql, { ...facts.splitter, returnRichInfo: true }) as SplitResultItemRich[]
  return items
    .filter((item) => tokenizeSql(item.text, facts.lexical).length > 0)
    .map((item) => ({ text: item.text, offset: (item.trimStart ?? item.start).position }))
}

/**
 * The piece to run for a cursor at `offset`: the one containing it, or else the nearest one before it
 * (a cursor just after `;` or on a blank line below a statement means that statement).
 */
export function pieceAt(pieces: readonly StatementPiece[], offset: number): StatementPiece | null {
  if (pieces.length === 0) return null
  let best: StatementPiece | null = null
  for (const piece of pieces) {
    const end = piece.offset + piece.text.length
    if (offset >= piece.offset && offset <= end) return piece
    if (piece.offset <= offset) best = piece
  }
  return best ?? pieces[0]!
}

export function statementAt(sql: string, dialect: Dialect, offset: number): StatementPiece | null {
  return pieceAt(splitStatements(sql, dialect), offset)
}

/** Statement ranges [start, end) of a script, for highlighting. */
export function statementRanges(sql: string, dialect: Dialect): { start: number; end: number }[] {
  return splitStatements(sql, dialect).map((p) => ({ start: p.offset, end: p.offset + p.text.length }))
}
