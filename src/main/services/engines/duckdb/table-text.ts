/**
 * Column collations DuckDB keeps only in the CREATE TABLE text it stores (duckdb_tables().sql):
 * `a VARCHAR COLLATE nocase`, `b VARCHAR COLLATE nocase.noaccent`.
 */
import { duckdbFacts } from '../../../../shared/engines/duckdb'
import { isKeyword, matchParen, splitTopLevel, tokenizeSql } from '../../../../shared/sql-tokens'

const TABLE_LEVEL = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']

/** Column name → collation as DuckDB prints it (dotted chains kept whole). */
export function columnCollations(createTable: string): Map<string, string> {
  const tokens = tokenizeSql(createTable, duckdbFacts.lexical)
  const out = new Map<string, string>()
  const open = tokens.findIndex((t) => t.text === '(')
  if (open < 0) return out
  for (const def of splitTopLevel(tokens, open + 1, matchParen(tokens, open))) {
    if (!def[0] || isKeyword(def[0], ...TABLE_LEVEL)) continue
    let depth = 0
    for (let i = 1; i < def.length; i++) {
      const t = def[i]!
      if (t.text === '(') depth++
      else if (t.text === ')') depth--
      else if (depth === 0 && isKeyword(t, 'COLLATE')) {
        const parts: string[] = []
        for (let j = i + 1; j < def.length; j += 2) {
          const part = def[j]!
          if (part.kind !== 'word' && part.kind !== 'ident') break
          parts.push(part.value)
          if (def[j + 1]?.text !== '.') break
        }
        if (parts.length) out.set(def[0].value, parts.join('.'))
        break
      }
    }
  }
  return out
}
