/**
 * SQLite keeps CHECK constraints, generated-column expressions and constraint names only in the CREATE
 * statement text. This reads just those parts from it: a walk over the top-level definitions.
 */
import { isKeyword, matchParen, type SqlToken, splitTopLevel, tokenizeSql } from '../../../../shared/sql-tokens'

type Token = SqlToken
const tokenize = (sql: string): Token[] => tokenizeSql(sql)
const isWord = isKeyword

/** The source text inside the parentheses opening at tokens[open]. */
function parenText(sql: string, tokens: Token[], open: number): { text: string; close: number } {
  const close = matchParen(tokens, open)
  return { text: sql.slice(tokens[open]!.end, tokens[close]!.start).trim(), close }
}

function parenNames(tokens: Token[], open: number): string[] {
  const close = matchParen(tokens, open)
  return splitTopLevel(tokens, open + 1, close).map((part) => part[0]?.value ?? '')
}

export interface ParsedCheck {
  name: string | null
  expression: string
  column: string | null
}
export interface ParsedUnique {
  name: string | null
  columns: string[]
}
export interface ParsedForeignKey {
  name: string | null
  columns: string[]
}
export interface ParsedTable {
  checks: ParsedCheck[]
  uniques: ParsedUnique[]
  foreignKeys: ParsedForeignKey[]
  primaryKeyName: string | null
  generated: Map<string, string>
  withoutRowid: boolean
}

export function parseCreateTable(sql: string): ParsedTable {
  const tokens = tokenize(sql)
  const result: ParsedTable = { checks: [], uniques: [], foreignKeys: [], primaryKeyName: null, generated: new Map(), withoutRowid: false }
  const open = tokens.findIndex((t) => t.text === '(')
  if (open < 0) return result
  const close = matchParen(tokens, open)
  result.withoutRowid = tokens.slice(close + 1).some((t, i, rest) => isWord(t, 'WITHOUT') && isWord(rest[i + 1], 'ROWID'))

  for (const def of splitTopLevel(tokens, open + 1, close)) {
    const first = def[0]
    if (!first) continue
    const tableLevel = isWord(first, 'CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN')
    const column = tableLevel ? null : first.value
    let pendingName: string | null = null
    for (let i = tableLevel ? 0 : 1; i < def.length; i++) {
      const t = def[i]!
      if (isWord(t, 'CONSTRAINT')) {
        pendingName = def[i + 1]?.value ?? null
        i++
      } else if (isWord(t, 'CHECK') && def[i + 1]?.text === '(') {
        const at = tokens.indexOf(def[i + 1]!)
        const { text, close: c } = parenText(sql, tokens, at)
        result.checks.push({ name: pendingName, expression: text, column })
        pendingName = null
        i = def.indexOf(tokens[c]!)
      } else if (isWord(t, 'UNIQUE')) {
        const next = def[i + 1]
        if (column) result.uniques.push({ name: pendingName, columns: [column] })
        else if (next?.text === '(') {
          result.uniques.push({ name: pendingName, columns: parenNames(tokens, tokens.indexOf(next)) })
          i = def.indexOf(tokens[matchParen(tokens, tokens.indexOf(next))]!)
        }
        pendingName = null
      } else if (isWord(t, 'PRIMARY')) {
        if (pendingName) result.primaryKeyName = pendingName
        pendingName = null
      } else if (isWord(t, 'FOREIGN') && isWord(def[i + 1], 'KEY') && def[i + 2]?.text === '(') {
        const at = tokens.indexOf(def[i + 2]!)
        result.foreignKeys.push({ name: pendingName, columns: parenNames(tokens, at) })
        pendingName = null
        i = def.indexOf(tokens[matchParen(tokens, at)]!)
      } else if (isWord(t, 'REFERENCES') && column) {
        result.foreignKeys.push({ name: pendingName, columns: [column] })
        pendingName = null
      } else if (isWord(t, 'AS') && def[i + 1]?.text === '(' && column) {
        const at = tokens.indexOf(def[i + 1]!)
        const { text, close: c } = parenText(sql, tokens, at)
        result.generated.set(column, text)
        i = def.indexOf(tokens[c]!)
      } else if (isWord(t, 'NOT', 'NULL', 'DEFAULT', 'COLLATE', 'GENERATED')) {
        pendingName = null
      }
    }
  }
  return result
}

/** `CREATE INDEX ... ON t (a, lower(b) DESC) WHERE x` → the key expressions and the predicate. */
export function parseCreateIndex(sql: string): { keys: string[]; predicate: string | null } {
  const tokens = tokenize(sql)
  const on = tokens.findIndex((t) => isWord(t, 'ON'))
  const open = tokens.findIndex((t, i) => i > on && t.text === '(')
  if (on < 0 || open < 0) return { keys: [], predicate: null }
  const close = matchParen(tokens, open)
  const keys = splitTopLevel(tokens, open + 1, close).map((part) => sql.slice(part[0]!.start, part[part.length - 1]!.end))
  const where = tokens.findIndex((t, i) => i > close && isWord(t, 'WHERE'))
  return { keys, predicate: where < 0 ? null : sql.slice(tokens[where]!.end).trim().replace(/;$/, '').trim() }
}

/** The SELECT of a CREATE VIEW: everything after its first top-level AS. */
export function viewBody(sql: string): string {
  const tokens = tokenize(sql)
  let depth = 0
  for (const t of tokens) {
    if (t.text === '(') depth++
    else if (t.text === ')') depth--
    else if (depth === 0 && isWord(t, 'AS')) return sql.slice(t.end).trim()
  }
  return sql
}

/** Timing and events of a CREATE TRIGGER. */
export function parseTrigger(sql: string): { timing: string; events: string[] } {
  const tokens = tokenize(sql).map((t) => (t.kind === 'word' ? t.value.toUpperCase() : t.text))
  const on = tokens.indexOf('ON')
  const head = tokens.slice(0, on < 0 ? tokens.length : on)
  const timing = head.includes('INSTEAD') ? 'INSTEAD OF' : head.includes('BEFORE') ? 'BEFORE' : 'AFTER'
  const events = ['INSERT', 'UPDATE', 'DELETE'].filter((e) => head.includes(e))
  return { timing, events }
}
