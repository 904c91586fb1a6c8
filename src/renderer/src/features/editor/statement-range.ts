import { splitQuery } from 'dbgate-query-splitter'
import type { SplitResultItemRich } from 'dbgate-query-splitter/lib/splitQuery'
import type { Dialect } from '../../../../shared/cells'
import { factsOf } from '../../../../shared/engines'
import { tokenizeSql } from '../../../../shared/sql-tokens'

/** One statement of a script as offsets into it: [start, end). */
export interface StatementRange {
  start: number
  end: number
}

/**
 * The statements of a script, split exactly as main splits text before running it (src/main/services/statements/split.ts,
 * which the renderer may not import): the engine's splitter rules, pieces that are only comments dropped.
 * test/editor/statement-at-cursor.test.ts checks both agree.
 */
export function statementRanges(sql: string, dialect: Dialect): StatementRange[] {
  const facts = factsOf(dialect)
  const items = splitQuery(sql, { ...facts.splitter, returnRichInfo: true }) as SplitResultItemRich[]
  return items
    .filter((item) => tokenizeSql(item.text, facts.lexical).length > 0)
    .map((item) => {
      const start = (item.trimStart ?? item.start).position
      return { start, end: start + item.text.length }
    })
}

/**
 * What Ctrl+Enter runs for a cursor at `offset` (main's statementAt in src/main/services/query/statement-at.ts): the
 * statement containing it, else the nearest one before it, else the first.
 */
export function statementRangeAt(ranges: readonly StatementRange[], offset: number): StatementRange | null {
  if (ranges.length === 0) return null
  let best: StatementRange | null = null
  for (const range of ranges) {
    if (offset >= range.start && offset <= range.end) return range
    if (range.start <= offset) best = range
  }
  return best ?? ranges[0]!
}
