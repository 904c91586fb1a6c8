import type { SqlToken } from '../../../../shared/sql-tokens'
import type { StatementKind, Verdict } from '../../statements/types'

/**
 * Words that make a whole batch something other than a read wherever they appear as code. SQL Server needs no `;`
 * between statements, so the batch is judged as one: a write anywhere in it is found without telling statements apart.
 */
const DENIED: Record<string, [StatementKind, string]> = {
  INSERT: ['write', 'INSERT changes data'],
  UPDATE: ['write', 'UPDATE changes data'],
  DELETE: ['write', 'DELETE changes data'],
  MERGE: ['write', 'MERGE changes data'],
  WRITETEXT: ['write', 'WRITETEXT changes data'],
  UPDATETEXT: ['write', 'UPDATETEXT changes data'],
  RECEIVE: ['write', 'RECEIVE takes messages off a Service Broker queue'],
  CONVERSATION: ['write', 'a Service Broker conversation changes queues'],
  DIALOG: ['write', 'a Service Broker dialog changes queues'],
  CREATE: ['ddl', 'CREATE changes the schema'],
  ALTER: ['ddl', 'ALTER changes the schema'],
  DROP: ['ddl', 'DROP changes the schema'],
  TRUNCATE: ['ddl', 'TRUNCATE empties a table'],
  GRANT: ['ddl', 'GRANT changes permissions'],
  REVOKE: ['ddl', 'REVOKE changes permissions'],
  DENY: ['ddl', 'DENY changes permissions'],
  ADD: ['ddl', 'ADD changes the schema'],
  EXEC: ['admin', 'EXEC runs a procedure or dynamic SQL the app cannot see into'],
  EXECUTE: ['admin', 'EXECUTE runs a procedure or dynamic SQL the app cannot see into'],
  BULK: ['admin', 'BULK reads files on the server'],
  OPENROWSET: ['admin', 'OPENROWSET reaches files or other servers'],
  OPENDATASOURCE: ['admin', 'OPENDATASOURCE reaches other servers'],
  OPENQUERY: ['admin', 'OPENQUERY runs SQL on a linked server'],
  BACKUP: ['admin', 'BACKUP writes files on the server'],
  RESTORE: ['admin', 'RESTORE replaces databases from files'],
  DBCC: ['admin', 'DBCC administers the server'],
  KILL: ['admin', 'KILL ends other sessions'],
  SHUTDOWN: ['admin', 'SHUTDOWN stops the server'],
  RECONFIGURE: ['admin', 'RECONFIGURE changes the server configuration'],
  CHECKPOINT: ['admin', 'CHECKPOINT writes the database to disk'],
  WAITFOR: ['admin', 'WAITFOR holds the session (and its locks) waiting'],
  SETUSER: ['admin', 'SETUSER changes who the session acts as'],
  DISTRIBUTED: ['admin', 'a distributed transaction reaches other servers'],
  UPDLOCK: ['admin', 'UPDLOCK takes update locks'],
  XLOCK: ['admin', 'XLOCK takes exclusive locks'],
  TABLOCKX: ['admin', 'TABLOCKX locks the whole table exclusively'],
  USE: ['session', 'USE switches the database']
}

/** Word pairs that are dangerous only together (one word alone may be a column's name). */
const DENIED_PAIRS: [string, string, StatementKind, string][] = [
  ['EXECUTE', 'AS', 'admin', 'EXECUTE AS changes who the session acts as'],
  ['EXEC', 'AS', 'admin', 'EXEC AS changes who the session acts as'],
  ['NEXT', 'VALUE', 'write', 'NEXT VALUE FOR advances a sequence (even when the transaction rolls back)'],
  ['ENABLE', 'TRIGGER', 'ddl', 'ENABLE TRIGGER changes the schema'],
  ['DISABLE', 'TRIGGER', 'ddl', 'DISABLE TRIGGER changes the schema'],
  ['RENAME', 'OBJECT', 'ddl', 'RENAME OBJECT changes the schema'],
  ['WITH', 'LOG', 'admin', 'WITH LOG writes to the server error log'],
  ['WITH', 'MARK', 'admin', 'WITH MARK records a mark in the transaction log'],
  ['SYMMETRIC', 'KEY', 'admin', 'opening or closing keys changes what the session may decrypt'],
  ['SYMMETRIC', 'KEYS', 'admin', 'opening or closing keys changes what the session may decrypt'],
  ['MASTER', 'KEY', 'admin', 'opening or closing keys changes what the session may decrypt']
]

export interface CodeWord {
  /** Upper case. */
  word: string
  /** Index of the token it came from. */
  index: number
}

/**
 * Code words as SQL Server may read them, more than the tokenizer sees: a word glued to a number (`1EXEC`, where the
 * tokenizer takes `1E` as a number) and words parted by characters the server may take for spaces.
 */
export function looseWords(tokens: SqlToken[]): CodeWord[] {
  const out: CodeWord[] = []
  tokens.forEach((t, index) => {
    if (t.kind === 'word') {
      for (const part of t.text.split(/[^A-Za-z0-9_@#$]+/)) if (part) out.push({ word: part.toUpperCase(), index })
    } else if (t.kind === 'number') {
      const next = tokens[index + 1]
      let glued = (next?.kind === 'word' && next.start === t.end ? t.text + next.text : t.text).toUpperCase()
      // a binary literal (0xADD) takes every hex digit it can: only what follows them could be a word
      if (glued.startsWith('0X')) glued = glued.slice(2).replace(/^[0-9A-F]*/, '')
      for (let k = 0; k < glued.length; k++) if (/[A-Z]/.test(glued[k]!)) out.push({ word: glued.slice(k).replace(/[^A-Z0-9_@#$].*$/, ''), index })
    }
  })
  return out
}

const afterDot = (tokens: SqlToken[], index: number): boolean => tokens[index - 1]?.text === '.'

/** `INTO @a, @b` (FETCH … INTO): variables only, which live and die with the batch. */
const intoVariables = (tokens: SqlToken[], index: number): boolean => tokens[index + 1]?.kind === 'word' && tokens[index + 1]!.text.startsWith('@')

/** `WITH log AS (…)`, `WITH log(a) AS`: a pair's second word naming a common table expression. */
const namesCte = (tokens: SqlToken[], index: number): boolean => tokens[index + 1]?.text === '(' || tokens[index + 1]?.value.toUpperCase() === 'AS'

/** Every denied word or pair in the batch, as verdicts (a column after a dot, `t.output`, is a name, not code). */
export function deniedWords(tokens: SqlToken[], words: CodeWord[]): Verdict[] {
  const found: Verdict[] = []
  words.forEach(({ word, index }, i) => {
    if (afterDot(tokens, index) && tokens[index]!.text.toUpperCase() === word) return
    for (const [a, b, kind, reason] of DENIED_PAIRS) if (word === a && words[i + 1]?.word === b && !namesCte(tokens, words[i + 1]!.index)) found.push({ kind, reason })
    if (word === 'INTO' && !intoVariables(tokens, index)) found.push({ kind: 'write', reason: 'INTO writes rows into a table' })
    const denied = DENIED[word]
    if (denied) found.push({ kind: denied[0], reason: denied[1], ...(denied[0] === 'session' && { readOnlySafe: false }) })
  })
  return found
}

/** System procedures and extended procedures, named anywhere (`master..xp_cmdshell`, `sys.sp_rename`). */
export function systemProcedures(tokens: SqlToken[]): Verdict | null {
  const named = tokens.find((t) => (t.kind === 'word' || t.kind === 'ident') && /^(sp|xp)_/i.test(t.value))
  return named ? { kind: 'admin', reason: `${named.value} is a system procedure` } : null
}

/** A batch's first statement may call a procedure without EXEC: one that does not start with a keyword does. */
const STATEMENT_STARTS = new Set(
  `SELECT WITH DECLARE SET PRINT IF ELSE WHILE BEGIN END RETURN RAISERROR THROW COMMIT ROLLBACK SAVE OPEN FETCH CLOSE
DEALLOCATE GOTO BREAK CONTINUE READTEXT`.split(/\s+/)
)

export function leadingProcedure(tokens: SqlToken[]): Verdict | null {
  const head = tokens[0]
  if (!head || head.text === '(') return null
  if (head.kind === 'word' && (STATEMENT_STARTS.has(head.value.toUpperCase()) || DENIED[head.value.toUpperCase()])) return null
  if (head.kind === 'word' || head.kind === 'ident') return { kind: 'admin', reason: `a batch that starts with ${head.text} runs that procedure` }
  return { kind: 'unknown', reason: `a batch starting with ${head.text} is not one this app recognises` }
}
