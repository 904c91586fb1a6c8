import { splitQuery } from 'dbgate-query-splitter'
import type { SplitResultItemRich } from 'dbgate-query-splitter/lib/splitQuery'
import type { Dialect } from '../../../shared/cells'
import { factsOf } from '../../../shared/engines'
import { tokenizeSql } from '../../../shared/sql-tokens'
import type { StatementPiece } from './types'

/**
 * Splits a script into statements with the engine's rules (strings, comments, $$, DELIMITER, GO). A piece that is
 * only comments (`select 1; -- note`) is no statement: the engine would refuse it as empty. Executable comments
 * (MySQL's `/*! … *\/`) are code, so they stay.
 */
export function splitStatements(sql: string, dialect: Dialect): StatementPiece[] {
  const facts = factsOf(dialect)
  const items = splitQuery(sql, { ...facts.splitter, returnRichInfo: true }) as SplitResultItemRich[]
  return items
    .filter((item) => tokenizeSql(item.text, facts.lexical).length > 0)
    .map((item) => ({ text: item.text, offset: (item.trimStart ?? item.start).position }))
}
