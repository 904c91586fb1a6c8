import type { Dialect } from '../cells'
import type { SqlToken } from '../sql-tokens'
import { dialectWords } from './dialect-words'
import { clauseAt, conditionTail, endsOperand, hasPredicate, type Level, levelOf, openBetween, verbOf, wordOf } from './statement-shape'

/** Which keywords fit at the cursor, best first, read from the tokens before it (a grammar sketch, not a parser). */
export interface Expectation {
  /** Keywords or phrases (`GROUP BY`, `LEFT JOIN`), best first; only those the dialect knows. */
  words: string[]
  /**
   * keyword: a keyword is wanted (after a table, after a whole condition): these go above columns.
   * value: a value is wanted (after SELECT, WHERE, `=`): columns first, these below them.
   * only: nothing but a keyword can follow (after GROUP, LEFT, IS): columns and functions are left out.
   */
  mode: 'keyword' | 'value' | 'only'
}

const E = (mode: Expectation['mode'], ...words: string[]): Expectation => ({ mode, words })

const START = ['SELECT', 'WITH', 'INSERT INTO', 'UPDATE', 'DELETE FROM', 'EXPLAIN', 'CREATE', 'ALTER', 'DROP', 'SHOW', 'DESCRIBE', 'PRAGMA']
const JOINS = ['JOIN', 'LEFT JOIN', 'INNER JOIN', 'RIGHT JOIN', 'FULL JOIN', 'CROSS JOIN']
const SELECT_TAIL = ['GROUP BY', 'ORDER BY', 'LIMIT', 'HAVING', 'UNION', 'UNION ALL', 'EXCEPT', 'INTERSECT']
const AFTER_FROM = ['WHERE', ...JOINS, ...SELECT_TAIL]
const PREDICATE_WORDS = ['IS NULL', 'IS NOT NULL', 'IN', 'LIKE', 'BETWEEN', 'ILIKE', 'NOT IN', 'NOT LIKE', 'AND', 'OR']

/** Clauses where LEFT, INNER… start a join (elsewhere LEFT may be the left() function). */
const TABLE_CLAUSES = new Set(['FROM', 'JOIN', 'ON', 'USING'])

export function expectedKeywords(head: SqlToken[], dialect: Dialect): Expectation {
  // A phrase is offered where the engine's facts list each of its words (LIMIT, ILIKE, NULLS, RETURNING are engine keywords).
  const known = keywordSet(dialect)
  const e = expectAt(levelOf(head))
  return { mode: e.mode, words: e.words.filter((p) => p.split(' ').every((w) => known.has(w))) }
}

function expectAt(level: Level): Expectation {
  const { seq } = level
  if (seq.length === 0) return level.nested ? insideParens(level.opener) : E('keyword', ...START)
  const n = seq.length
  const prev = wordOf(seq[n - 1])
  const before = wordOf(seq[n - 2])
  const clause = clauseAt(seq).clause
  const inOver = wordOf(level.opener ?? undefined) === 'OVER'
  switch (prev) {
    case 'GROUP':
    case 'ORDER':
    case 'PARTITION':
      return E('only', 'BY')
    case 'LEFT':
    case 'RIGHT':
    case 'FULL':
      if (TABLE_CLAUSES.has(clause ?? '')) return E('only', 'JOIN', 'OUTER JOIN')
      break
    case 'INNER':
    case 'CROSS':
    case 'OUTER':
      if (TABLE_CLAUSES.has(clause ?? '')) return E('only', 'JOIN')
      break
    case 'INSERT':
      return E('only', 'INTO')
    case 'DELETE':
      return E('only', 'FROM')
    case 'UNION':
    case 'INTERSECT':
    case 'EXCEPT':
      return E('only', 'SELECT', 'ALL')
    case 'ALL':
      if (['UNION', 'INTERSECT', 'EXCEPT'].includes(before ?? '')) return E('only', 'SELECT')
      break
    case 'IS':
      return E('only', 'NULL', 'NOT NULL', 'TRUE', 'FALSE')
    case 'NOT':
      if (before === 'IS') return E('only', 'NULL', 'TRUE', 'FALSE')
      if (endsOperand(seq, n - 2)) return E('only', 'IN', 'LIKE', 'BETWEEN', 'ILIKE')
      return E('value', 'EXISTS')
    case 'NULLS':
      return E('only', 'FIRST', 'LAST')
    case 'CREATE':
      return E('only', 'TABLE', 'VIEW', 'INDEX', 'UNIQUE INDEX', 'SCHEMA')
    case 'DROP':
      return E('only', 'TABLE', 'VIEW', 'INDEX', 'SCHEMA')
    case 'ALTER':
      return E('only', 'TABLE')
    case 'TRUNCATE':
      return E('only', 'TABLE')
    case 'WITH':
      return E('value', 'RECURSIVE')
    case 'CASE':
      return E('keyword', 'WHEN')
    case 'SELECT':
      return E('value', 'DISTINCT', 'TOP', 'CASE')
    case 'WHERE':
    case 'AND':
    case 'OR':
    case 'HAVING':
    case 'WHEN':
      return E('value', 'NOT', 'EXISTS', 'CASE')
    case 'ON':
      return E('value', 'NOT')
    case 'THEN':
    case 'ELSE':
      return E('value', 'CASE', 'NULL')
    case 'EXPLAIN':
      return E('keyword', 'SELECT', 'ANALYZE', 'QUERY PLAN')
  }
  if (!endsOperand(seq, n - 1)) return E('value')
  return afterOperand(seq, clause, inOver)
}

/** A value (or table) has just been written: what may come after it in its clause. */
function afterOperand(seq: SqlToken[], clause: string | null, inOver: boolean): Expectation {
  const n = seq.length
  const verb = verbOf(seq)
  switch (clause) {
    case 'SELECT':
      if (wordOf(seq[n - 2]) === 'TOP') return E('value', 'DISTINCT')
      return hasAlias(seq) || seq[n - 1]!.text === '*' ? E('keyword', 'FROM') : E('keyword', 'FROM', 'AS')
    case 'FROM':
      if (verb === 'DELETE') return E('keyword', 'WHERE', 'USING', 'RETURNING')
      return E('keyword', ...AFTER_FROM)
    case 'JOIN':
      return E('keyword', 'ON', 'USING', ...AFTER_FROM)
    case 'USING':
      return E('keyword', ...AFTER_FROM)
    case 'UPDATE':
      return E('keyword', 'SET')
    case 'INTO':
      return E('keyword', 'VALUES', 'SELECT', 'DEFAULT VALUES')
    case 'VALUES':
      return E('keyword', 'RETURNING', 'ON CONFLICT', 'ON DUPLICATE KEY UPDATE')
    case 'SET':
      return E('keyword', 'WHERE', 'RETURNING')
    case 'WHERE':
    case 'ON':
    case 'HAVING':
    case 'WHEN':
      return afterCondition(seq, clause, verb)
    case 'CASE':
      return E('keyword', 'WHEN')
    case 'THEN':
      return E('keyword', 'WHEN', 'ELSE', 'END')
    case 'ELSE':
      return E('keyword', 'END')
    case 'GROUP BY':
      return E('keyword', 'HAVING', 'ORDER BY', 'LIMIT')
    case 'PARTITION BY':
      return E('keyword', 'ORDER BY')
    case 'ORDER BY': {
      const last = wordOf(seq[n - 1]) ?? ''
      const words = ['FIRST', 'LAST'].includes(last) ? ['LIMIT', 'OFFSET'] : ['ASC', 'DESC'].includes(last) ? ['LIMIT', 'NULLS LAST', 'NULLS FIRST', 'OFFSET'] : ['ASC', 'DESC', 'LIMIT', 'NULLS FIRST', 'NULLS LAST', 'OFFSET']
      return E('keyword', ...words.filter((w) => !inOver || !['LIMIT', 'OFFSET'].includes(w)))
    }
    case 'LIMIT':
      return E('keyword', 'OFFSET')
  }
  return E('value')
}

/** A select item that already has its alias: `a AS x`, `a x` (not `count(*)`, not `CASE … END`). */
function hasAlias(seq: SqlToken[]): boolean {
  const n = seq.length
  if (wordOf(seq[n - 2]) === 'AS') return true
  const last = seq[n - 1]!
  const isName = last.kind === 'ident' || (last.kind === 'word' && wordOf(last) !== 'END')
  return isName && endsOperand(seq, n - 2) && wordOf(seq[n - 2]) !== 'TOP'
}

function afterCondition(seq: SqlToken[], clause: string, verb: string | null): Expectation {
  const tail = conditionTail(seq, clauseAt(seq).at + 1)
  if (openBetween(tail)) return E('keyword', 'AND')
  if (clause === 'WHEN') return E('keyword', 'THEN', 'AND', 'OR')
  if (!hasPredicate(tail)) return E('keyword', ...PREDICATE_WORDS)
  if (clause === 'ON') return E('keyword', 'AND', ...JOINS.slice(0, 3), 'WHERE', 'OR', ...JOINS.slice(3), ...SELECT_TAIL)
  if (clause === 'HAVING') return E('keyword', 'AND', 'OR', 'ORDER BY', 'LIMIT')
  if (verb === 'UPDATE' || verb === 'DELETE') return E('keyword', 'AND', 'OR', 'RETURNING')
  return E('keyword', 'AND', 'OR', ...SELECT_TAIL)
}

const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'STRING_AGG', 'ARRAY_AGG', 'GROUP_CONCAT', 'LISTAGG', 'JSON_AGG', 'JSONB_AGG'])

/** Right after `(`: a window spec, a subquery, or a function's arguments. */
function insideParens(opener: SqlToken | null): Expectation {
  const w = wordOf(opener ?? undefined)
  if (w === 'OVER') return E('only', 'PARTITION BY', 'ORDER BY')
  if (w === 'EXISTS' || w === 'AS' || w === 'FROM' || w === 'JOIN') return E('keyword', 'SELECT', 'WITH')
  if (w === 'IN') return E('value', 'SELECT')
  if (w && AGGREGATES.has(w)) return E('value', 'DISTINCT')
  return E('value')
}

const sets = new Map<Dialect, Set<string>>()

function keywordSet(dialect: Dialect): Set<string> {
  let set = sets.get(dialect)
  if (!set) sets.set(dialect, (set = new Set(dialectWords(dialect).keywords)))
  return set
}
