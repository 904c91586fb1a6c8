import type { Dialect } from '../cells'
import { factsOf } from '../engines'
import { isKeyword, matchParen, type SqlToken, tokenizeSql } from '../sql-tokens'

/** A table named in the statement: `FROM sales.orders AS o` → { schema: 'sales', name: 'orders', alias: 'o' }. */
export interface TableRef {
  schema: string | null
  name: string
  alias: string | null
  /** Offset where the reference starts, to know which joined table came last before the cursor. */
  start: number
  /** `FROM (SELECT ...) AS x`: the subquery's tokens (inside the parentheses). */
  subquery?: SqlToken[]
}

/** `WITH name (cols) AS (SELECT ...)`: a named query usable as a table in the statement. */
export interface CommonTableExpression {
  name: string
  columns: string[] | null
  body: SqlToken[]
}

export type Clause = 'table' | 'join' | 'after-table' | 'on' | 'column' | 'start'

export interface CursorContext {
  /** What is typed of the current word (without an opening quote). */
  prefix: string
  /** Offset the completion replaces from (the start of the word, including an opening quote). */
  replaceFrom: number
  /** The quote character the user opened, if the word is a quoted identifier. */
  quote: string | null
  /** `o.` → ['o'], `sales.orders.` → ['sales', 'orders']; null when the word is not qualified. */
  qualifier: string[] | null
  clause: Clause
  refs: TableRef[]
  ctes: CommonTableExpression[]
  /** The statement's tokens before the word being typed and its qualifier. */
  head: SqlToken[]
  /** The whole statement around the cursor. */
  statement: SqlToken[]
}

const CLAUSE_KEYWORDS = new Set(['SELECT', 'FROM', 'JOIN', 'ON', 'WHERE', 'GROUP', 'ORDER', 'BY', 'HAVING', 'SET', 'UPDATE', 'INTO', 'VALUES', 'LIMIT', 'USING', 'RETURNING', 'TABLE', 'AND', 'OR', 'WHEN', 'THEN', 'ELSE', 'CASE', 'NOT', 'IN', 'IS', 'LIKE', 'BETWEEN', 'DISTINCT', 'AS', 'WITH', 'DELETE', 'INSERT'])
const TABLE_INTRO = new Set(['FROM', 'JOIN', 'UPDATE', 'INTO', 'TABLE'])
/** Words that can follow a table reference, so they are never its alias. */
const NOT_ALIAS = new Set(['WHERE', 'ON', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'NATURAL', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'OFFSET', 'UNION', 'EXCEPT', 'INTERSECT', 'SET', 'VALUES', 'USING', 'RETURNING', 'WINDOW', 'FETCH', 'FOR', 'SELECT', 'DEFAULT', 'WITH', 'AS', 'OUTPUT', 'LATERAL', 'STRAIGHT_JOIN', 'APPLY'])

export function tokensFor(text: string, dialect: Dialect): SqlToken[] {
  return tokenizeSql(text, factsOf(dialect).lexical)
}

/** The tokens of the statement around `offset` (statements end at top-level `;`). */
export function statementAt(tokens: SqlToken[], offset: number): SqlToken[] {
  let start = 0
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.text === ';' && t.kind === 'punct') {
      if (t.start >= offset) return tokens.slice(start, i)
      start = i + 1
    }
  }
  return tokens.slice(start)
}

const isName = (t: SqlToken | undefined): boolean => !!t && (t.kind === 'word' || t.kind === 'ident')

/** Every table reference of a statement: after FROM / JOIN / UPDATE / INTO, and each item of a FROM list. */
export function tableRefs(tokens: SqlToken[], skip?: SqlToken): TableRef[] {
  const refs: TableRef[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (!(t.kind === 'word' && TABLE_INTRO.has(t.value.toUpperCase()))) continue
    const isFrom = isKeyword(t, 'FROM')
    let j = i + 1
    for (;;) {
      const parsed = readRef(tokens, j, skip, isKeyword(t, 'INTO'))
      if (!parsed) break
      if (parsed.ref) refs.push(parsed.ref)
      j = parsed.next
      if (!(isFrom && tokens[j]?.text === ',')) break
      j++
    }
  }
  return refs
}

function readRef(tokens: SqlToken[], at: number, skip?: SqlToken, insertTarget = false): { ref: TableRef | null; next: number } | null {
  const first = tokens[at]
  if (first?.text === '(' && isKeyword(tokens[at + 1], 'SELECT', 'WITH')) {
    // A derived table: its alias names a table whose columns are the subquery's select list.
    const close = matchParen(tokens, at)
    const alias = readAlias(tokens, close + 1, skip)
    return { ref: alias ? { schema: null, name: alias.alias, alias: alias.alias, start: first.start, subquery: tokens.slice(at + 1, close) } : null, next: alias?.next ?? close + 1 }
  }
  if (!isName(first) || first === skip) return null
  if (first!.kind === 'word' && NOT_ALIAS.has(first!.value.toUpperCase())) return null
  const parts = [first!.value]
  let j = at + 1
  while (tokens[j]?.text === '.' && isName(tokens[j + 1]) && tokens[j + 1] !== skip) {
    parts.push(tokens[j + 1]!.value)
    j += 2
  }
  if (tokens[j]?.text === '(') {
    // After INTO the parentheses are the target's column list; elsewhere a table-valued function call.
    return insertTarget ? { ref: { schema: parts.length > 1 ? parts[parts.length - 2]! : null, name: parts[parts.length - 1]!, alias: null, start: first!.start }, next: j } : { ref: null, next: j }
  }
  const alias = readAlias(tokens, j, skip)
  const name = parts[parts.length - 1]!
  const schema = parts.length > 1 ? parts[parts.length - 2]! : null
  return { ref: { schema, name, alias: alias?.alias ?? null, start: first!.start }, next: alias?.next ?? j }
}

function readAlias(tokens: SqlToken[], j: number, skip?: SqlToken): { alias: string; next: number } | null {
  if (isKeyword(tokens[j], 'AS') && isName(tokens[j + 1]) && tokens[j + 1] !== skip) return { alias: tokens[j + 1]!.value, next: j + 2 }
  if (isName(tokens[j]) && tokens[j] !== skip && !(tokens[j]!.kind === 'word' && NOT_ALIAS.has(tokens[j]!.value.toUpperCase()))) return { alias: tokens[j]!.value, next: j + 1 }
  return null
}

/** The common table expressions of a statement: `WITH [RECURSIVE] a AS (...), b (x, y) AS (...)`. */
export function commonTableExpressions(tokens: SqlToken[]): CommonTableExpression[] {
  const out: CommonTableExpression[] = []
  let i = tokens.findIndex((t) => isKeyword(t, 'WITH'))
  if (i < 0) return out
  i++
  if (isKeyword(tokens[i], 'RECURSIVE')) i++
  while (isName(tokens[i])) {
    const name = tokens[i]!.value
    let j = i + 1
    let columns: string[] | null = null
    if (tokens[j]?.text === '(') {
      const close = matchParen(tokens, j)
      columns = tokens.slice(j + 1, close).filter(isName).map((t) => t.value)
      j = close + 1
    }
    if (!isKeyword(tokens[j], 'AS')) break
    j++
    if (isKeyword(tokens[j], 'NOT')) j++
    if (isKeyword(tokens[j], 'MATERIALIZED')) j++
    if (tokens[j]?.text !== '(') break
    const close = matchParen(tokens, j)
    out.push({ name, columns, body: tokens.slice(j + 1, close) })
    i = close + 1
    if (tokens[i]?.text !== ',') break
    i++
  }
  return out
}

export function cursorContext(text: string, offset: number, dialect: Dialect): CursorContext {
  const statement = statementAt(tokensFor(text, dialect), offset)
  // The word being typed: a token that ends at the cursor (or an unclosed quoted identifier).
  let current: SqlToken | undefined
  let index = statement.length
  for (let i = 0; i < statement.length; i++) {
    const t = statement[i]!
    if (t.start >= offset) {
      index = i
      break
    }
    if (t.end >= offset && (t.kind === 'word' || (t.kind === 'ident' && (t.open || t.end === offset)))) {
      current = t
      index = i
      break
    }
  }
  let prefix = ''
  let replaceFrom = offset
  let quote: string | null = null
  if (current) {
    replaceFrom = current.start
    if (current.kind === 'ident') {
      quote = current.text[0]!
      prefix = text.slice(current.start + 1, offset)
    } else prefix = text.slice(current.start, offset)
  }
  const before = statement.slice(0, index)

  let qualifier: string[] | null = null
  let k = before.length
  while (before[k - 1]?.text === '.' && isName(before[k - 2])) {
    qualifier = [before[k - 2]!.value, ...(qualifier ?? [])]
    k -= 2
  }
  const head = before.slice(0, k)
  return { prefix, replaceFrom, quote, qualifier, clause: clauseOf(head), refs: tableRefs(statement, current), ctes: commonTableExpressions(statement), head, statement }
}

function clauseOf(before: SqlToken[]): Clause {
  if (before.length === 0) return 'start'
  const prev = before[before.length - 1]!
  const prevWord = prev.kind === 'word' ? prev.value.toUpperCase() : null
  if (prevWord === 'JOIN') return 'join'
  if (prevWord && TABLE_INTRO.has(prevWord)) return 'table'
  // Nearest clause keyword at this nesting level.
  let depth = 0
  let last: string | null = null
  let lastIndex = -1
  for (let i = before.length - 1; i >= 0; i--) {
    const t = before[i]!
    if (t.text === ')') depth++
    else if (t.text === '(') {
      if (depth === 0) break
      depth--
    } else if (depth === 0 && t.kind === 'word' && CLAUSE_KEYWORDS.has(t.value.toUpperCase())) {
      last = t.value.toUpperCase()
      lastIndex = i
      break
    }
  }
  if (last === 'FROM' || last === 'JOIN' || last === 'UPDATE' || last === 'INTO' || last === 'TABLE') {
    if (prev.text === ',' && last === 'FROM') return 'table'
    if (isName(prev) || prev.text === ')') return 'after-table'
  }
  if (last === 'ON' && lastIndex === before.length - 1) return 'on'
  if (last === 'AS' && lastIndex === before.length - 1) return 'after-table'
  return 'column'
}
