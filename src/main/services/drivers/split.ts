import { mssqlSplitterOptions, mysqlSplitterOptions, postgreSplitterOptions, splitQuery, sqliteSplitterOptions } from 'dbgate-query-splitter'
import type { SplitResultItemRich } from 'dbgate-query-splitter/lib/splitQuery'
import type { Dialect } from '../../../shared/cells'

const splitterOptions = {
  postgres: postgreSplitterOptions,
  mysql: mysqlSplitterOptions,
  mssql: mssqlSplitterOptions,
  sqlite: sqliteSplitterOptions
} as const

export interface StatementPiece {
  text: string
  /** Offset of `text` inside the submitted SQL. */
  offset: number
}

/** Splits a script into statements with the engine's rules (strings, comments, $$, DELIMITER, GO). */
export function splitStatements(sql: string, dialect: Dialect): StatementPiece[] {
  const items = splitQuery(sql, { ...splitterOptions[dialect], returnRichInfo: true }) as SplitResultItemRich[]
  return items
    .filter((item) => item.text.trim() !== '')
    .map((item) => ({ text: item.text, offset: (item.trimStart ?? item.start).position }))
}

/** 1-based line and column of a 0-based offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)))
  const lines = before.split('\n')
  return { line: lines.length, column: lines[lines.length - 1].length + 1 }
}
