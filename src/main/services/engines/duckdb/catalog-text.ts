/**
 * What DuckDB's catalog keeps only in the CREATE text it stores (duckdb_tables().sql, duckdb_indexes().sql,
 * duckdb_views().sql): generation expressions, index keys and view bodies.
 */
import { duckdbFacts } from '../../../../shared/engines/duckdb'
import { isKeyword, matchParen, type SqlToken, splitTopLevel, tokenizeSql } from '../../../../shared/sql-tokens'

const tokenize = (sql: string): SqlToken[] => tokenizeSql(sql, duckdbFacts.lexical)

/** Column name → generation expression of `name TYPE GENERATED ALWAYS AS(expr)` (DuckDB's columns are all virtual). */
export function generatedColumns(createTable: string): Map<string, string> {
  const tokens = tokenize(createTable)
  const out = new Map<string, string>()
  const open = tokens.findIndex((t) => t.text === '(')
  if (open < 0) return out
  for (const def of splitTopLevel(tokens, open + 1, matchParen(tokens, open))) {
    const generated = def.findIndex((t, i) => isKeyword(t, 'GENERATED') && isKeyword(def[i + 1], 'ALWAYS') && isKeyword(def[i + 2], 'AS') && def[i + 3]?.text === '(')
    if (generated < 1) continue
    const at = tokens.indexOf(def[generated + 3]!)
    out.set(def[0]!.value, createTable.slice(tokens[at]!.end, tokens[matchParen(tokens, at)]!.start).trim())
  }
  return out
}

/** The key list of `CREATE [UNIQUE] INDEX i ON t(a, (lower(b)))`: column names bare, expressions as printed. */
export function indexKeys(createIndex: string): string[] {
  const tokens = tokenize(createIndex)
  const on = tokens.findIndex((t) => isKeyword(t, 'ON'))
  const open = tokens.findIndex((t, i) => i > on && t.text === '(')
  if (on < 0 || open < 0) return []
  return splitTopLevel(tokens, open + 1, matchParen(tokens, open)).map((part) =>
    part.length === 1 && (part[0]!.kind === 'word' || part[0]!.kind === 'ident') ? part[0]!.value : createIndex.slice(part[0]!.start, part[part.length - 1]!.end)
  )
}

/** The SELECT of `CREATE VIEW v [(cols)] AS SELECT …;`. */
export function viewBody(createView: string): string {
  const tokens = tokenize(createView)
  let depth = 0
  for (const t of tokens) {
    if (t.text === '(') depth++
    else if (t.text === ')') depth--
    else if (depth === 0 && isKeyword(t, 'AS')) return createView.slice(t.end).trim().replace(/;$/, '').trim()
  }
  return createView
}
