import type { SqlToken } from '../sql-tokens'

/** Reading the tokens before the cursor: which nesting level it is at, which clause, whether an operand just ended. */

export const wordOf = (t: SqlToken | undefined): string | null => (t?.kind === 'word' ? t.value.toUpperCase() : null)

/** The tokens at the cursor's own nesting level (a parenthesised group stands as its `)`), and what opened that level. */
export interface Level {
  seq: SqlToken[]
  /** The cursor is inside parentheses: the token before the `(` (a function name, IN, OVER…), or null. */
  opener: SqlToken | null
  nested: boolean
}

export function levelOf(head: SqlToken[]): Level {
  const seq: SqlToken[] = []
  let depth = 0
  for (let i = head.length - 1; i >= 0; i--) {
    const t = head[i]!
    const punct = t.kind === 'punct'
    if (punct && t.text === ')') {
      if (depth === 0) seq.push(t)
      depth++
    } else if (punct && t.text === '(') {
      if (depth === 0) return { seq: seq.reverse(), opener: head[i - 1] ?? null, nested: true }
      depth--
    } else if (depth === 0) seq.push(t)
  }
  return { seq: seq.reverse(), opener: null, nested: false }
}

/** Words that introduce a clause; `BY` is reported with the word before it (`GROUP BY`, `ORDER BY`, `PARTITION BY`). */
const CLAUSES = new Set(['SELECT', 'FROM', 'JOIN', 'ON', 'USING', 'WHERE', 'BY', 'HAVING', 'LIMIT', 'OFFSET', 'SET', 'VALUES', 'RETURNING', 'CASE', 'WHEN', 'THEN', 'ELSE', 'UPDATE', 'INTO', 'QUALIFY'])

/** The clause the end of `seq` is in, and where its keyword is; a finished CASE … END is skipped over. */
export function clauseAt(seq: SqlToken[], end = seq.length): { clause: string | null; at: number } {
  let ends = 0
  for (let i = end - 1; i >= 0; i--) {
    const w = wordOf(seq[i])
    if (w === 'END') ends++
    else if (w === 'CASE' && ends > 0) ends--
    else if (ends === 0 && w && CLAUSES.has(w)) return { clause: w === 'BY' ? `${wordOf(seq[i - 1]) ?? ''} BY` : w, at: i }
  }
  return { clause: null, at: -1 }
}

/** Words with a grammatical job: never a column or value when they stand alone. */
const STRUCTURAL = new Set(
  `SELECT FROM WHERE AND OR NOT ON JOIN INNER LEFT RIGHT FULL OUTER CROSS NATURAL GROUP ORDER PARTITION BY HAVING LIMIT
OFFSET SET VALUES INTO UPDATE DELETE INSERT AS IN IS LIKE ILIKE BETWEEN EXISTS CASE WHEN THEN ELSE UNION INTERSECT EXCEPT
ALL DISTINCT USING WITH RETURNING TABLE CREATE DROP ALTER TRUNCATE NULLS TOP OVER WINDOW RECURSIVE LATERAL REGEXP RLIKE
GLOB SIMILAR EXPLAIN QUALIFY`.split(/\s+/)
)

/** Does `seq[i]` end a value: a name, literal, `)`, NULL, END, ASC, or `*` as a select item? */
export function endsOperand(seq: SqlToken[], i: number): boolean {
  const t = seq[i]
  if (!t) return false
  if (t.kind === 'ident' || t.kind === 'number' || t.kind === 'string') return true
  if (t.kind === 'punct') {
    if (t.text === ')') return true
    const before = seq[i - 1]
    return t.text === '*' && (!before || ['SELECT', 'DISTINCT', 'ALL'].includes(wordOf(before) ?? '') || before.text === ',' || before.text === '.')
  }
  const w = t.value.toUpperCase()
  return !STRUCTURAL.has(w)
}

/** The tokens of the condition being written: after the last AND/OR that joins conditions (not BETWEEN's AND). */
export function conditionTail(seq: SqlToken[], from: number): SqlToken[] {
  let start = from
  let between = false
  for (let i = from; i < seq.length; i++) {
    const w = wordOf(seq[i])
    if (w === 'BETWEEN') between = true
    else if (w === 'AND' && between) between = false
    else if (w === 'AND' || w === 'OR') start = i + 1
  }
  return seq.slice(start)
}

const PREDICATES = new Set(['IS', 'IN', 'LIKE', 'ILIKE', 'BETWEEN', 'EXISTS', 'REGEXP', 'RLIKE', 'GLOB', 'SIMILAR', 'NOT'])

/** A condition has its comparison (`a = 1`, `a IS NULL`, `EXISTS (…)`), or is still a bare operand (`a`). */
export function hasPredicate(tail: SqlToken[]): boolean {
  return tail.some((t) => (t.kind === 'punct' && '=<>!'.includes(t.text)) || PREDICATES.has(wordOf(t) ?? ''))
}

/** BETWEEN x … still waiting for its AND. */
export function openBetween(tail: SqlToken[]): boolean {
  const b = tail.findLastIndex((t) => wordOf(t) === 'BETWEEN')
  return b >= 0 && !tail.slice(b).some((t) => wordOf(t) === 'AND')
}

/** The statement's verb at this level: SELECT, INSERT, UPDATE or DELETE (after any WITH). */
export function verbOf(seq: SqlToken[]): string | null {
  for (const t of seq) {
    const w = wordOf(t)
    if (w === 'SELECT' || w === 'INSERT' || w === 'UPDATE' || w === 'DELETE') return w
  }
  return null
}
