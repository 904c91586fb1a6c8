import { isKeyword, matchParen, type SqlToken } from '../../../../shared/sql-tokens'
import type { Verdict } from '../../statements/types'
import { RESERVED_BEFORE_PAREN, SAFE_BUILTINS, SIDE_EFFECT_FUNCTIONS } from './function-names'
import type { MysqlCatalog } from './statement-context'
import { admin, mostRestrictive, unknown } from './verdicts'

/** A place where the server calls a function, and what about its spelling can send it to stored code. */
export interface FunctionCall {
  /** Lower case; for a name glued to a number or `$` (`9wipe`, `$wipe`), the whole run. */
  name: string
  /** `db.f(`: always a stored function. */
  qualified: boolean
  /** `` `f`( `` or `"f"(` / `[f](` under ANSI_QUOTES / MSSQL: always a stored function, even for a built-in's name. */
  quoted: boolean
  /** Part of a name the tokenizer split (`9wipe`, `$wipe`): no built-in looks like that. */
  glued: boolean
  /** Space or comment before `(`: `count (x)` calls a stored function named count. */
  spaced: boolean
}

/** Words between INSERT/REPLACE and the target table (`INSERT LOW_PRIORITY IGNORE INTO t (a, b)`). */
const INSERT_MODIFIERS = ['INTO', 'IGNORE', 'DELAYED', 'LOW_PRIORITY', 'HIGH_PRIORITY']

const isName = (t: SqlToken | undefined): boolean => !!t && (t.kind === 'word' || t.kind === 'ident')
const touching = (a: SqlToken, b: SqlToken): boolean => a.end === b.start

/** Every function call in the statement: a name followed by `(`, minus the syntax that only looks like one. */
export function functionCalls(tokens: SqlToken[]): FunctionCall[] {
  const calls: FunctionCall[] = []
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!
    if (tokens[i + 1]!.text !== '(' || !isName(t)) continue
    let start = i
    while (tokens[start - 1]?.text === '.' && isName(tokens[start - 2])) start -= 2
    const qualified = start < i
    // `INSERT INTO db.t (a, b)` names a table, however it is qualified; other syntax that looks like a call is never qualified
    if (qualified ? insertTarget(tokens, start) : looksLikeSyntax(tokens, i, start)) continue
    let run = start
    while (run > 0 && touching(tokens[run - 1]!, tokens[run]!) && (tokens[run - 1]!.kind === 'number' || tokens[run - 1]!.text === '$')) run--
    const glued = run < start
    const name = t.kind === 'ident' ? t.value.toLowerCase() : tokens.slice(run, i + 1).map((x) => x.text).join('').toLowerCase()
    calls.push({ name, qualified, quoted: t.kind === 'ident', glued, spaced: !touching(t, tokens[i + 1]!) })
  }
  return calls
}

/** `INSERT [modifiers] [INTO] t (a, b)`: the table and its column list. SELECT HIGH_PRIORITY f() is a call. */
function insertTarget(tokens: SqlToken[], start: number): boolean {
  let k = start - 1
  while (k >= 0 && isKeyword(tokens[k], ...INSERT_MODIFIERS)) k--
  return isKeyword(tokens[k], 'INSERT', 'REPLACE') && tokens.slice(0, k).every((t) => t.text === '(')
}

function looksLikeSyntax(tokens: SqlToken[], i: number, start: number): boolean {
  const t = tokens[i]!
  const before = tokens[start - 1]
  if (t.kind === 'word' && RESERVED_BEFORE_PAREN.has(t.value.toLowerCase())) return true
  // an alias's column list or a CAST type: … AS d (a, b), CAST(x AS DATETIME(6))
  if (isKeyword(before, 'AS') || insertTarget(tokens, start)) return true
  // a CTE's column list: WITH name (a, b) AS (…)
  const close = matchParen(tokens, i + 1)
  if (isKeyword(tokens[close + 1], 'AS') && tokens[close + 2]?.text === '(') return true
  if (t.kind !== 'word') return false
  switch (t.value.toUpperCase()) {
    case 'AGAINST':
      return before?.text === ')'
    case 'ANY':
    case 'SOME':
      return isKeyword(tokens[i + 2], 'SELECT', 'WITH') || tokens[i + 2]?.text === '('
    case 'COLUMNS':
      return before?.kind === 'string'
    case 'JSON_TABLE':
      // a table function in FROM; in an expression the name reaches a stored function
      return isKeyword(before, 'FROM', 'JOIN')
  }
  return false
}

/** What one call may do: null for a built-in without side effects. */
export function judgeCall(call: FunctionCall, catalog: MysqlCatalog | undefined): Verdict | null {
  const effect = SIDE_EFFECT_FUNCTIONS.get(call.name)
  if (effect) return admin(`${call.name}() ${effect}`)
  // an unqualified built-in name directly followed by `(` is the built-in even when a stored function shares the name
  // (MySQL and MariaDB resolve it so; the stored one needs `db.name(`): only a space or a non-built-in name reaches it
  const stored = (catalog?.storedFunctions.has(call.name) ?? false) && (call.spaced || !SAFE_BUILTINS.has(call.name))
  if (call.qualified || call.quoted || call.glued || stored) return unknown(`it calls the stored function ${call.name}(), which may change data`)
  if (!SAFE_BUILTINS.has(call.name)) return unknown(`it calls ${call.name}(), which is not a built-in function known to be free of side effects (a stored function may change data)`)
  // with a space before `(` some built-in names resolve to a stored function; only the catalog can rule one out
  if (call.spaced && !catalog) return unknown(`"${call.name} (" with a space can call a stored function named ${call.name}`)
  return null
}

export function callsVerdict(tokens: SqlToken[], catalog: MysqlCatalog | undefined): Verdict | null {
  return mostRestrictive(functionCalls(tokens).map((c) => judgeCall(c, catalog)))
}
