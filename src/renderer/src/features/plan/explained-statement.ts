/** The statement an EXPLAIN explains, and whether its options asked to run it (ANALYZE). */
export interface ExplainedStatement {
  sql: string
  analyze: boolean
}

const SKIP = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/
// words EXPLAIN takes before the statement, across PostgreSQL, MySQL/MariaDB, SQLite and DuckDB
const OPTION = /^(?:ANALY[SZ]E|VERBOSE|EXTENDED|PARTITIONS|QUERY\s+PLAN|FORMAT\s*=\s*\w+)\b/i
const FALSE = /^(?:false|off|0)$/i

/** The text after the matching close parenthesis of the `(` at `open`, and the text inside. */
function parenthesised(text: string, open: number): { inside: string; rest: string } | null {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++
    else if (text[i] === ')' && --depth === 0) return { inside: text.slice(open + 1, i), rest: text.slice(i + 1) }
  }
  return null
}

/** PostgreSQL's `(ANALYZE, BUFFERS, FORMAT JSON)`: ANALYZE is on unless its value says false. */
function analyseOption(list: string): boolean {
  return list.split(',').some((option) => {
    const [name, value] = option.trim().split(/\s+/)
    return /^analy[sz]e$/i.test(name ?? '') && !(value !== undefined && FALSE.test(value))
  })
}

/**
 * `EXPLAIN [options] statement` → the statement and ANALYZE; null when the text is no EXPLAIN (or explains nothing).
 * "Open as plan" plans the statement itself: the plan view asks the engine for its machine-readable form.
 */
export function explainedStatement(text: string): ExplainedStatement | null {
  let rest = text.replace(SKIP, '')
  const head = /^EXPLAIN\b/i.exec(rest)
  if (!head) return null
  rest = rest.slice(head[0].length).replace(SKIP, '')
  let analyze = false
  if (rest.startsWith('(')) {
    const group = parenthesised(rest, 0)
    if (!group) return null
    analyze = analyseOption(group.inside)
    rest = group.rest.replace(SKIP, '')
  }
  for (let option = OPTION.exec(rest); option; option = OPTION.exec(rest)) {
    if (/^analy[sz]e$/i.test(option[0])) analyze = true
    rest = rest.slice(option[0].length).replace(SKIP, '')
  }
  const sql = rest.replace(/[\s;]+$/, '')
  return sql ? { sql, analyze } : null
}
