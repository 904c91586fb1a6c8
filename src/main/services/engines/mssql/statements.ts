import { mssqlFacts } from '../../../../shared/engines/mssql'
import { worstKind } from '../../../../shared/statement-kinds'
import { type SqlToken, tokenizeSql } from '../../../../shared/sql-tokens'
import type { StatementRules, Verdict } from '../../statements/types'
import { deniedWords, leadingProcedure, looseWords, systemProcedures } from './denied-words'
import { riskyCall } from './function-calls'
import { setStatements } from './set-options'

/**
 * SQL Server cannot make a session read-only, so these rules are the guard: only plain reads pass. The unit is a
 * batch (text between GO lines), sent whole, with no `;` needed between its statements; so the batch is judged as
 * a whole, and it reads only when nothing in it writes, locks, waits, reaches the host, runs a procedure or user
 * code, or changes the session beyond variables and harmless SET options.
 */

const isTransactionControl = (tokens: SqlToken[], i: number): boolean => {
  const word = tokens[i]!.kind === 'word' ? tokens[i]!.value.toUpperCase() : ''
  const next = tokens[i + 1]?.kind === 'word' ? tokens[i + 1]!.value.toUpperCase() : ''
  if (word === 'BEGIN' || word === 'SAVE') return next === 'TRAN' || next === 'TRANSACTION'
  return word === 'COMMIT' || word === 'ROLLBACK'
}

/** The most dangerous of several verdicts, keeping its reason. */
function worst(verdicts: Verdict[]): Verdict {
  const kind = worstKind(verdicts.map((v) => v.kind))
  return verdicts.find((v) => v.kind === kind)!
}

export function classifyMssql(text: string): Verdict {
  const tokens = tokenizeSql(text, mssqlFacts.lexical)
  while (tokens[0]?.text === ';') tokens.shift()
  if (!tokens.length) return { kind: 'read', reason: 'an empty batch', readOnlySafe: true }

  const found = [leadingProcedure(tokens), systemProcedures(tokens), ...deniedWords(tokens, looseWords(tokens)), riskyCall(tokens)].filter((v): v is Verdict => v !== null)
  const sets = setStatements(tokens)
  for (const s of sets) if (s.kind === 'unsafe option') found.push({ kind: 'session', reason: `SET ${s.name} changes the session`, readOnlySafe: false })
  if (found.length) return worst(found)

  if (sets.some((s) => s.kind === 'safe option')) return { kind: 'session', reason: 'SET changes a session option', readOnlySafe: true }
  if (tokens.some((_, i) => isTransactionControl(tokens, i))) return { kind: 'transaction', reason: 'the batch controls the transaction', readOnlySafe: true }
  const first = tokens[0]!.kind === 'word' ? tokens[0]!.value.toUpperCase() : 'the batch'
  return { kind: 'read', reason: `${first} reads` }
}

export const mssqlStatements: StatementRules = {
  classify: (text) => classifyMssql(text)
}
