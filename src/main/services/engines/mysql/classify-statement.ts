import { isKeyword, type SqlToken } from '../../../../shared/sql-tokens'
import type { Verdict } from '../../statements/types'
import { expressionVerdict } from './expression-checks'
import { classifySet } from './set-statement'
import type { MysqlCatalog } from './statement-context'
import { admin, ddl, mostRestrictive, read, session, transaction, unknown, write } from './verdicts'

type Rule = (tokens: SqlToken[], at: number, catalog: MysqlCatalog | undefined) => Verdict

const upper = (t: SqlToken | undefined): string => (t?.kind === 'word' ? t.value.toUpperCase() : '')
const DML = new Set(['INSERT', 'REPLACE', 'UPDATE', 'DELETE'])
/** Statements EXPLAIN and MariaDB's ANALYZE take. */
const EXPLAINABLE = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE', ...DML])

/** One statement (tokens as the server reads them) → what it may do. Unknown first words are 'unknown'. */
export function classifyTokens(tokens: SqlToken[], catalog: MysqlCatalog | undefined): Verdict {
  if (tokens.length === 0) return { kind: 'read', reason: 'an empty statement', readOnlySafe: true }
  const at = tokens.findIndex((t) => t.text !== '(')
  const word = upper(tokens[at])
  if (!word) return unknown('it does not start with a statement keyword')
  const rule = RULES.get(word)
  return rule ? rule(tokens, at, catalog) : unknown(`${word} is not a statement this app recognises as safe`)
}

/** SELECT, WITH, VALUES, TABLE, DO: reads, unless something inside writes, locks, stores or calls code. */
const readFamily: Rule = (tokens, at, catalog) => {
  const word = upper(tokens[at])
  const found: (Verdict | null)[] = [expressionVerdict(tokens, catalog)]
  tokens.forEach((t, i) => {
    const next = tokens[i + 1]
    if (isKeyword(t, 'INTO')) found.push(selectInto(next))
    else if (isKeyword(t, 'PROCEDURE')) found.push(unknown('PROCEDURE runs a procedure over the result'))
    else if (t.kind === 'word' && DML.has(upper(t)) && next?.text !== '(') found.push(write(`${upper(t)} inside ${word} changes data`))
    else if (t.text === ':' && next?.text === '=') found.push(session(':= assigns user variables of this session', true))
  })
  return mostRestrictive(found) ?? read(`${word} reads`)
}

/**
 * SELECT … INTO @var only sets user variables of this session: allowed on a read-only connection (it cannot change
 * data, lift read-only or reach the host), but not a plain read, so the AI and production paths still ask first.
 */
function selectInto(next: SqlToken | undefined): Verdict {
  if (isKeyword(next, 'OUTFILE', 'DUMPFILE')) return admin(`INTO ${upper(next)} writes a file on the database server's host`)
  if (next?.kind === 'word' && next.value.startsWith('@') && !next.value.startsWith('@@')) return session('SELECT … INTO @variable stores the result in this session', true)
  return unknown('SELECT … INTO a target this app cannot read')
}

const dataChange: Rule = (tokens, at, catalog) => mostRestrictive([write(`${upper(tokens[at])} changes data`), expressionVerdict(tokens, catalog)])!

/** EXPLAIN / DESCRIBE: a plan runs nothing, but the optimizer may evaluate constant calls (a sequence, stored code). */
const explain: Rule = (tokens, at, catalog) => {
  let i = at + 1
  let analyze = false
  for (;;) {
    const w = upper(tokens[i])
    if (w === 'EXTENDED' || w === 'PARTITIONS') i++
    else if (w === 'ANALYZE') {
      analyze = true
      i++
    } else if (w === 'FORMAT' && tokens[i + 1]?.text === '=') i += 3
    else break
  }
  if (isKeyword(tokens[i], 'FOR')) return read("EXPLAIN FOR CONNECTION shows another session's plan")
  if (!(tokens[i]?.text === '(' || EXPLAINABLE.has(upper(tokens[i])))) return read(`${upper(tokens[at])} shows a table's columns`)
  const inner = classifyTokens(tokens.slice(i), catalog)
  if (analyze) return { ...inner, reason: `EXPLAIN ANALYZE runs the statement: ${inner.reason}` }
  if (inner.kind === 'read' || inner.kind === 'write') return read('EXPLAIN shows the plan without running the statement')
  return { ...inner, reason: `the optimizer may evaluate this while planning: ${inner.reason}` }
}

/** MariaDB's ANALYZE <statement> runs it; ANALYZE TABLE rewrites statistics. */
const analyze: Rule = (tokens, at, catalog) => {
  let i = at + 1
  if (upper(tokens[i]) === 'FORMAT' && tokens[i + 1]?.text === '=') i += 3
  const statement = tokens[i]?.text === '(' || (EXPLAINABLE.has(upper(tokens[i])) && upper(tokens[i]) !== 'TABLE')
  if (!statement) return admin('ANALYZE TABLE rewrites index statistics')
  const inner = classifyTokens(tokens.slice(i), catalog)
  return { ...inner, reason: `ANALYZE runs the statement: ${inner.reason}` }
}

const show: Rule = (tokens, _at, catalog) => {
  // SHOW … WHERE takes any expression; without WHERE a name after SHOW CREATE VIEW is not a read of that view
  const where = tokens.some((t) => isKeyword(t, 'WHERE'))
  return expressionVerdict(tokens, catalog, { views: where }) ?? read('SHOW reads server metadata')
}

const set: Rule = (tokens, at, catalog) => mostRestrictive([classifySet(tokens, at, (inner) => classifyTokens(inner, catalog)), expressionVerdict(tokens, catalog)])!

/** Transaction statements with only the words listed after the first; anything else is not a plain transaction step. */
function plainTransaction(allowed: readonly string[], reason: string, namesAfter: readonly string[] = []): Rule {
  return (tokens, at) => {
    const isName = (t: SqlToken, i: number): boolean => (t.kind === 'word' || t.kind === 'ident') && namesAfter.includes(upper(tokens[i - 1]))
    const ok = tokens.every((t, i) => i <= at || allowed.includes(upper(t)) || isName(t, i))
    return ok ? transaction(reason, true) : unknown(`${upper(tokens[at])} is followed by words this app does not know`)
  }
}

const begin: Rule = (tokens, at) => {
  if (tokens.slice(at + 1).every((t) => isKeyword(t, 'WORK'))) return transaction('BEGIN starts a transaction', true)
  return unknown('BEGIN … END is a compound statement: it runs code that may change anything')
}

const start: Rule = (tokens, at) => {
  if (!isKeyword(tokens[at + 1], 'TRANSACTION')) return admin(`START ${upper(tokens[at + 1])} controls replication`)
  const rest = tokens.slice(at + 2)
  if (rest.some((t) => isKeyword(t, 'WRITE'))) return transaction('START TRANSACTION READ WRITE lifts read-only', false)
  if (rest.every((t) => t.text === ',' || isKeyword(t, 'READ', 'ONLY', 'WITH', 'CONSISTENT', 'SNAPSHOT'))) return transaction('START TRANSACTION starts a transaction', true)
  return unknown('START TRANSACTION with characteristics this app does not know')
}

const use: Rule = (tokens, at) => (tokens.length === at + 2 ? session('USE picks the default database', true) : unknown('USE followed by more than a database name'))

const fixed =
  (verdict: Verdict): Rule =>
  () =>
    verdict

const RULES = new Map<string, Rule>(Object.entries({
  SELECT: readFamily,
  WITH: readFamily,
  VALUES: readFamily,
  TABLE: readFamily,
  DO: readFamily,
  SHOW: show,
  HELP: fixed(read('HELP reads the manual')),
  EXPLAIN: explain,
  DESCRIBE: explain,
  DESC: explain,
  ANALYZE: analyze,
  INSERT: dataChange,
  REPLACE: dataChange,
  UPDATE: dataChange,
  DELETE: dataChange,
  CALL: fixed(unknown('CALL runs a stored procedure, which may change anything')),
  PREPARE: fixed(unknown('PREPARE builds a statement from a string this app cannot read')),
  EXECUTE: fixed(unknown('EXECUTE runs a statement this app cannot read')),
  DEALLOCATE: fixed(session('DEALLOCATE PREPARE frees a prepared statement', true)),
  CREATE: fixed(ddl('CREATE changes the schema')),
  ALTER: fixed(ddl('ALTER changes the schema')),
  DROP: (tokens, at) => (isKeyword(tokens[at + 1], 'PREPARE') ? session('DROP PREPARE frees a prepared statement', true) : ddl('DROP changes the schema')),
  RENAME: fixed(ddl('RENAME changes the schema')),
  TRUNCATE: fixed(ddl('TRUNCATE empties a table')),
  GRANT: fixed(ddl('GRANT changes privileges')),
  REVOKE: fixed(ddl('REVOKE changes privileges')),
  BEGIN: begin,
  START: start,
  COMMIT: plainTransaction(['WORK', 'AND', 'NO', 'CHAIN', 'RELEASE'], 'COMMIT ends the transaction'),
  ROLLBACK: plainTransaction(['WORK', 'AND', 'NO', 'CHAIN', 'RELEASE', 'TO', 'SAVEPOINT'], 'ROLLBACK undoes the transaction', ['TO', 'SAVEPOINT']),
  SAVEPOINT: plainTransaction([], 'SAVEPOINT marks a point in the transaction', ['SAVEPOINT']),
  RELEASE: plainTransaction(['SAVEPOINT'], 'RELEASE SAVEPOINT forgets a savepoint', ['SAVEPOINT']),
  XA: fixed(transaction('XA transactions outlive the session and commit on another', false)),
  SET: set,
  USE: use,
  KILL: fixed(admin('KILL ends another session or its statement')),
  FLUSH: fixed(admin('FLUSH resets server caches, logs or locks')),
  LOCK: fixed(admin('LOCK takes table locks')),
  UNLOCK: fixed(admin('UNLOCK releases table locks')),
  OPTIMIZE: fixed(admin('OPTIMIZE TABLE rebuilds a table')),
  REPAIR: fixed(admin('REPAIR TABLE rewrites a table')),
  CHECK: fixed(admin('CHECK TABLE can mark a table as crashed')),
  CHECKSUM: fixed(admin('CHECKSUM TABLE reads whole tables under a lock')),
  INSTALL: fixed(admin('INSTALL loads code into the server')),
  UNINSTALL: fixed(admin('UNINSTALL unloads server code')),
  SHUTDOWN: fixed(admin('SHUTDOWN stops the server')),
  RESTART: fixed(admin('RESTART restarts the server')),
  PURGE: fixed(admin('PURGE deletes binary logs')),
  RESET: fixed(admin('RESET clears server state')),
  BINLOG: fixed(admin('BINLOG replays binary-log events')),
  CHANGE: fixed(admin('CHANGE MASTER changes replication')),
  STOP: fixed(admin('STOP controls replication')),
  LOAD: fixed(admin('LOAD reads a file into a table')),
  HANDLER: fixed(admin('HANDLER reads a table outside SQL and holds it open')),
  CACHE: fixed(admin('CACHE INDEX assigns key caches')),
  BACKUP: fixed(admin('BACKUP takes backup locks'))
} satisfies Record<string, Rule>))
