import type { SqlToken } from '../../../../shared/sql-tokens'

/**
 * DuckDB reads files wherever a table may stand: `FROM 'sales.csv'`, `FROM "data/x.parquet"` (a replacement scan
 * when no such table exists), `DESCRIBE 'x.json'`. These find such references by token position: a string, or a
 * quoted name that looks like a path, right after FROM/JOIN (or after a comma in a FROM list).
 */
const TABLE_POSITION = new Set(['FROM', 'JOIN', 'DESCRIBE', 'DESC', 'SUMMARIZE', 'SHOW', 'TABLE'])
/** Words that start another clause at the same depth, ending a FROM list. */
const CLAUSE_WORDS = new Set(['SELECT', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'QUALIFY', 'WINDOW', 'ON', 'USING', 'SET', 'VALUES', 'RETURNING', 'UNION', 'EXCEPT', 'INTERSECT'])
/** Functions whose arguments use FROM as syntax: `extract(year FROM d)`, `trim('x' FROM s)`. */
const FROM_SYNTAX_FUNCTIONS = new Set(['EXTRACT', 'SUBSTRING', 'TRIM', 'OVERLAY', 'POSITION'])

const looksLikePath = (name: string): boolean => /[./\\:]/.test(name)

/** The first host file a statement names in table position, or null. */
export function hostFileReference(tokens: SqlToken[]): string | null {
  // per parenthesis depth: the clause being read, and whether the parenthesis opened a FROM-syntax function call
  const clause: (string | undefined)[] = [undefined]
  const functionSyntax: boolean[] = [false]
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const prev = tokens[i - 1]
    const depth = clause.length - 1
    if (t.text === '(') {
      clause.push(undefined)
      functionSyntax.push(prev?.kind === 'word' && FROM_SYNTAX_FUNCTIONS.has(prev.value.toUpperCase()))
      continue
    }
    if (t.text === ')') {
      if (clause.length > 1) {
        clause.pop()
        functionSyntax.pop()
      }
      continue
    }
    if (t.kind === 'word') {
      const word = t.value.toUpperCase()
      if (word === 'FROM' || word === 'JOIN') clause[depth] = 'FROM'
      else if (CLAUSE_WORDS.has(word)) clause[depth] = word
      continue
    }
    if (t.kind !== 'string' && t.kind !== 'ident') continue
    if (functionSyntax[depth]) continue
    // `TABLE 'x.csv'` reads a file; `CREATE TABLE "a.b"` only names one
    const afterTableWord = prev?.kind === 'word' && TABLE_POSITION.has(prev.value.toUpperCase()) && (prev.value.toUpperCase() !== 'TABLE' || i === 1)
    const inFromList = prev?.text === ',' && clause[depth] === 'FROM'
    if (!afterTableWord && !inFromList) continue
    if (t.kind === 'string' || looksLikePath(t.value)) return t.value
  }
  return null
}

/** `E'…\…'`: DuckDB reads backslash escapes there, which the shared lexer does not, so the statement's extent is uncertain. */
export function hasEscapeString(sql: string, tokens: SqlToken[]): boolean {
  return tokens.some((t, i) => {
    const prev = tokens[i - 1]
    return t.kind === 'string' && t.text.startsWith("'") && prev?.kind === 'word' && /^e$/i.test(prev.text) && prev.end === t.start && sql.slice(t.start, t.end).includes('\\')
  })
}
