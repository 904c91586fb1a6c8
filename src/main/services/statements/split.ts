import { splitQuery } from 'dbgate-query-splitter'
import type { SplitResultItemRich } from 'dbgate-query-splitter/lib/splitQuery'
import type { Dialect } from '../../../shared/cells'
import { factsOf } from '../../../shared/engines'
import type { StatementPiece } from './types'

/** Splits a script into statements with the engine's rules (strings, comments, $$, DELIMITER, GO). */
export function splitStatements(sql: string, dialect: Dialect): StatementPiece[] {
  const items = splitQuery(sql, { ...factsOf(dialect).splitter, returnRichInfo: true }) as SplitResultItemRich[]
  return items.filter((item) => item.text.trim() !== '').map((item) => ({ text: item.text, offset: (item.trimStart ?? item.start).position }))
}
