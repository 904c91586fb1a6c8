/**
 * What SQLite keeps only in a table's CREATE text (sqlite_master.sql) besides what ddl-parser reads: the table
 * options after the closing parenthesis (WITHOUT ROWID, STRICT), AUTOINCREMENT and explicit column collations.
 */
import { isKeyword, matchParen, splitTopLevel, tokenizeSql } from '../../../../shared/sql-tokens'

export interface TableText {
  withoutRowid: boolean
  strict: boolean
  /** The column declared `INTEGER PRIMARY KEY AUTOINCREMENT` (or `PRIMARY KEY (c AUTOINCREMENT)`). */
  autoincrement: string | null
  /** Column name → its COLLATE name as written (BINARY, SQLite's default, is left out). */
  collations: Map<string, string>
}

const TABLE_LEVEL = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']

export function parseTableText(sql: string): TableText {
  const tokens = tokenizeSql(sql)
  const out: TableText = { withoutRowid: false, strict: false, autoincrement: null, collations: new Map() }
  const open = tokens.findIndex((t) => t.text === '(')
  if (open < 0) return out
  const close = matchParen(tokens, open)
  const tail = tokens.slice(close + 1)
  out.withoutRowid = tail.some((t, i) => isKeyword(t, 'WITHOUT') && isKeyword(tail[i + 1], 'ROWID'))
  out.strict = tail.some((t) => isKeyword(t, 'STRICT'))

  for (const def of splitTopLevel(tokens, open + 1, close)) {
    const first = def[0]
    if (!first) continue
    const tableLevel = isKeyword(first, ...TABLE_LEVEL)
    let depth = 0
    for (let i = 0; i < def.length; i++) {
      const t = def[i]!
      if (t.text === '(') depth++
      else if (t.text === ')') depth--
      else if (isKeyword(t, 'AUTOINCREMENT')) {
        if (!tableLevel) out.autoincrement = first.value
        else {
          // PRIMARY KEY (id [ASC|DESC] AUTOINCREMENT): the column is the name before
          let at = i - 1
          if (isKeyword(def[at], 'ASC', 'DESC')) at--
          if (def[at]) out.autoincrement = def[at]!.value
        }
      } else if (!tableLevel && depth === 0 && isKeyword(t, 'COLLATE') && def[i + 1]) {
        const name = def[i + 1]!.value
        if (name.toUpperCase() !== 'BINARY') out.collations.set(first.value, name)
        i++
      }
    }
  }
  return out
}
