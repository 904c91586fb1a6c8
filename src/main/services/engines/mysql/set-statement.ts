import { isKeyword, splitTopLevel, type SqlToken } from '../../../../shared/sql-tokens'
import type { Verdict } from '../../statements/types'
import { SAFE_SESSION_VARIABLES } from './session-variables'
import { admin, ddl, mostRestrictive, session, unknown } from './verdicts'

type ClassifyTokens = (tokens: SqlToken[]) => Verdict

const upper = (t: SqlToken | undefined): string => (t?.kind === 'word' ? t.value.toUpperCase() : '')
const SCOPES = new Set(['SESSION', 'LOCAL', 'GLOBAL', 'PERSIST', 'PERSIST_ONLY'])
const SERVER_WIDE = new Set(['GLOBAL', 'PERSIST', 'PERSIST_ONLY'])
const TRANSACTION_WORDS = new Set(['ISOLATION', 'LEVEL', 'READ', 'UNCOMMITTED', 'COMMITTED', 'REPEATABLE', 'SERIALIZABLE', 'ONLY'])

/** SET in all its forms; `tokens[at]` is the SET word. Inner statements (SET STATEMENT … FOR) go to `classifyInner`. */
export function classifySet(tokens: SqlToken[], at: number, classifyInner: ClassifyTokens): Verdict {
  const rest = tokens.slice(at + 1)
  const first = upper(rest[0])
  if (first === 'STATEMENT') return setStatementFor(rest.slice(1), classifyInner)
  if (first === 'PASSWORD' || (first === 'DEFAULT' && upper(rest[1]) === 'ROLE')) return ddl(`SET ${first === 'PASSWORD' ? 'PASSWORD' : 'DEFAULT ROLE'} changes an account`)
  if (first === 'ROLE') return session("SET ROLE changes the session's privileges", false)
  if (first === 'TRANSACTION') return transactionCharacteristics(rest.slice(1), 'SESSION')
  if (SCOPES.has(first) && upper(rest[1]) === 'TRANSACTION') return transactionCharacteristics(rest.slice(2), first)
  return assignments(rest)
}

/** SET [scope] TRANSACTION …: safe unless it is server-wide or allows writing. */
function transactionCharacteristics(tokens: SqlToken[], scope: string): Verdict {
  if (SERVER_WIDE.has(scope)) return admin(`SET ${scope} TRANSACTION changes the default for every new session`)
  if (tokens.some((t) => isKeyword(t, 'WRITE'))) return session('READ WRITE lifts the read-only transaction mode', false)
  if (!tokens.every((t) => t.text === ',' || TRANSACTION_WORDS.has(upper(t)))) return unknown('this SET TRANSACTION has characteristics this app does not know')
  return session('SET TRANSACTION picks the isolation level or read-only mode', true)
}

/** SET a = 1, @b := 2, SESSION c = 3, NAMES …: each assignment must be harmless on its own. */
function assignments(tokens: SqlToken[]): Verdict {
  const parts = splitTopLevel(tokens, 0, tokens.length)
  if (parts.length === 0) return unknown('SET without an assignment')
  return mostRestrictive(parts.map(assignment)) ?? unknown('SET without an assignment')
}

function assignment(part: SqlToken[]): Verdict {
  const first = upper(part[0])
  if (first === 'NAMES' || first === 'CHARSET' || (first === 'CHARACTER' && upper(part[1]) === 'SET')) return session('SET NAMES picks the connection character set', true)
  if (SERVER_WIDE.has(first)) return admin(`SET ${first} changes the server for every session`)
  const target = readTarget(part, SCOPES.has(first) ? 1 : 0)
  if (!target) return unknown('this SET assignment cannot be read')
  if (target.serverWide) return admin('SET @@global changes the server for every session')
  const operator = part[target.next]?.text === '=' || (part[target.next]?.text === ':' && part[target.next + 1]?.text === '=')
  if (!operator) return unknown('this SET assignment cannot be read')
  if (target.user) return session('SET @variable stores a value for this session only', true)
  if (SAFE_SESSION_VARIABLES.has(target.name)) return session(`SET ${target.name} changes only this session`, true)
  return session(`SET ${target.name} is not a session setting known to be harmless on a read-only connection`, false)
}

interface Target {
  name: string
  user: boolean
  serverWide: boolean
  /** Index of the token after the target. */
  next: number
}

/** The variable an assignment sets: @user, @@[scope.]name or [scope] name. Null when it is none of these. */
function readTarget(part: SqlToken[], i: number): Target | null {
  const t = part[i]
  if (!t || (t.kind !== 'word' && t.kind !== 'ident')) return null
  const text = t.kind === 'word' ? t.value.toLowerCase() : ''
  if (text.startsWith('@@')) {
    const scoped = ['@@global', '@@session', '@@local'].includes(text) && part[i + 1]?.text === '.'
    if (!scoped) return text.length > 2 ? { name: text.slice(2), user: false, serverWide: false, next: i + 1 } : null
    const name = part[i + 2]
    if (!name || (name.kind !== 'word' && name.kind !== 'ident')) return null
    return { name: name.value.toLowerCase(), user: false, serverWide: text === '@@global', next: i + 3 }
  }
  if (text === '@') return part[i + 1] ? { name: '', user: true, serverWide: false, next: i + 2 } : null
  if (text.startsWith('@')) return { name: text, user: true, serverWide: false, next: i + 1 }
  // a structured variable (default.key_buffer_size) names a server-wide key cache
  if (part[i + 1]?.text === '.') return null
  return { name: t.value.toLowerCase(), user: false, serverWide: false, next: i + 1 }
}

/** SET STATEMENT a = 1 FOR <statement>: the statement, run with settings that must be harmless too. */
function setStatementFor(tokens: SqlToken[], classifyInner: ClassifyTokens): Verdict {
  let depth = 0
  const forAt = tokens.findIndex((t) => {
    if (t.text === '(') depth++
    else if (t.text === ')') depth--
    return depth === 0 && isKeyword(t, 'FOR')
  })
  if (forAt < 0) return unknown('SET STATEMENT without FOR')
  const settings = assignments(tokens.slice(0, forAt))
  const inner = classifyInner(tokens.slice(forAt + 1))
  if (settings.kind === 'session' && settings.readOnlySafe === true) return inner
  return mostRestrictive([inner, { ...settings, reason: `SET STATEMENT: ${settings.reason}` }])!
}
