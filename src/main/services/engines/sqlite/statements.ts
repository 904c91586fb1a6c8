import { sqliteFacts } from '../../../../shared/engines/sqlite'
import { type SqlToken, tokenizeSql } from '../../../../shared/sql-tokens'
import type { StatementRules, Verdict } from '../../statements/types'
import { hostCall, unlistedCall } from './function-rules'
import { classifyPragma } from './pragma-rules'

/**
 * SQLite's rules, read from tokens. The driver runs each analysed statement on its own (better-sqlite3 refuses a
 * second statement in one prepare), so what is classified here is exactly what SQLite sees. Reads must pass
 * three tests: their first word reads, no word in them writes, and every function they call is on the allow-list.
 */

/** Words that make a SELECT/WITH/VALUES a write wherever they appear as code (not as the replace() call). */
const WRITE_WORDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'RETURNING'])

const transaction = (reason: string): Verdict => ({ kind: 'transaction', reason, readOnlySafe: true })

function classifyQuery(tokens: SqlToken[], first: string): Verdict {
  const writer = tokens.find((t, i) => t.kind === 'word' && WRITE_WORDS.has(t.value.toUpperCase()) && tokens[i + 1]?.text !== '(')
  if (writer) return { kind: 'write', reason: `${writer.value.toUpperCase()} after ${first} changes data` }
  return unlistedCall(tokens) ?? { kind: 'read', reason: `${first} reads` }
}

/** EXPLAIN does not run its statement, but a PRAGMA acts while it is prepared: it is judged as what it explains. */
function classifyExplain(tokens: SqlToken[]): Verdict {
  const skip = tokens[1]?.value.toUpperCase() === 'QUERY' && tokens[2]?.value.toUpperCase() === 'PLAN' ? 3 : 1
  const inner = classifyTokens(tokens.slice(skip))
  return inner.kind === 'read' ? { kind: 'read', reason: 'EXPLAIN of a read' } : { ...inner, reason: `${inner.reason} (under EXPLAIN)` }
}

function classifyTokens(tokens: SqlToken[]): Verdict {
  const head = tokens[0]
  if (!head) return { kind: 'read', reason: 'an empty statement', readOnlySafe: true }
  if (head.kind !== 'word') return { kind: 'unknown', reason: `a statement starting with ${head.text} is not one this app recognises` }
  const first = head.value.toUpperCase()
  const second = tokens[1]?.kind === 'word' ? tokens[1].value.toUpperCase() : ''
  const host = hostCall(tokens)
  if (host) return host
  switch (first) {
    case 'SELECT':
    case 'VALUES':
    case 'WITH':
      return classifyQuery(tokens, first)
    case 'EXPLAIN':
      return classifyExplain(tokens)
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
    case 'REPLACE':
      return { kind: 'write', reason: `${first} changes data` }
    case 'CREATE':
      return { kind: 'ddl', reason: second === 'TEMP' || second === 'TEMPORARY' ? 'CREATE TEMP changes the schema of the temporary database' : 'CREATE changes the schema' }
    case 'ALTER':
    case 'DROP':
      return { kind: 'ddl', reason: `${first} changes the schema` }
    case 'PRAGMA':
      return classifyPragma(tokens)
    case 'BEGIN':
      return second === 'IMMEDIATE' || second === 'EXCLUSIVE' ? { kind: 'admin', reason: `BEGIN ${second} takes the database's write lock` } : transaction('BEGIN starts a transaction')
    case 'COMMIT':
    case 'END':
    case 'ROLLBACK':
    case 'SAVEPOINT':
    case 'RELEASE':
      return transaction(`${first} controls the transaction`)
    case 'ATTACH':
      return { kind: 'admin', reason: 'ATTACH opens another database file, creating it when it does not exist' }
    case 'DETACH':
      return { kind: 'session', reason: 'DETACH changes which databases the connection sees', readOnlySafe: false }
    case 'VACUUM':
      return tokens.some((t) => t.kind === 'word' && t.value.toUpperCase() === 'INTO')
        ? { kind: 'admin', reason: 'VACUUM INTO writes a copy of the database to a file' }
        : { kind: 'admin', reason: 'VACUUM rewrites the database file' }
    case 'REINDEX':
      return { kind: 'admin', reason: 'REINDEX rebuilds indexes in the database file' }
    case 'ANALYZE':
      return { kind: 'admin', reason: 'ANALYZE writes statistics tables into the database' }
    default:
      return { kind: 'unknown', reason: `${first} is not a statement this app recognises as safe` }
  }
}

export function classifySqlite(text: string): Verdict {
  const tokens = tokenizeSql(text, sqliteFacts.lexical)
  while (tokens.at(-1)?.text === ';') tokens.pop()
  // only a trigger body holds `;` inside one statement; anywhere else the splitter and SQLite disagree
  const inner = tokens.findIndex((t) => t.text === ';')
  if (inner >= 0 && tokens[0]?.value.toUpperCase() !== 'CREATE') return { kind: 'unknown', reason: 'this text holds more than one statement' }
  return classifyTokens(tokens)
}

export const sqliteStatements: StatementRules = {
  classify: (text) => classifySqlite(text)
}
