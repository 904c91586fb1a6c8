import type { EngineFacts } from '../../../shared/engines/types'
import { type SqlToken, tokenizeSql } from '../../../shared/sql-tokens'
import type { StatementContext, StatementKind, StatementRules, Verdict } from './types'

/**
 * Rules read from tokens, for engines without a real parser on npm. Conservative by construction: a statement is
 * a read only when its first word is a read and nothing in it writes, locks, touches the host or calls a function
 * the engine says may write; anything not recognised is 'unknown' (which counts as a write).
 */
export interface KeywordTable {
  /** First word → kind; words absent here are 'unknown'. */
  first: Record<string, StatementKind>
  /** Session statements that cannot lift read-only or reach the host (first word + rest test). */
  safeSession?(words: string[], tokens: SqlToken[]): boolean
  /** Transaction statements that cannot lift read-only (plain BEGIN/COMMIT, not `... READ WRITE`). */
  safeTransaction?(words: string[]): boolean
  /** Words that make any statement a write wherever they appear as code. */
  writeWords: readonly string[]
  /** Words (or word pairs joined by a space) that touch the host or lock: 'admin'. */
  adminWords: readonly string[]
  /** Function calls that write, lock, sleep or touch the host (lower case): 'admin'. */
  dangerousFunctions: ReadonlySet<string>
  /** Other checks on a statement already read as a read (e.g. PostgreSQL's volatile functions). */
  extraReadCheck?(tokens: SqlToken[], context: StatementContext): Verdict | null
}

/** Words (upper case) of the code, strings and comments excluded; executable comments included where they run. */
export function codeWords(tokens: SqlToken[]): string[] {
  return tokens.filter((t) => t.kind === 'word').map((t) => t.value.toUpperCase())
}

/** Names called as functions: a word directly followed by `(`. */
export function calledFunctions(tokens: SqlToken[]): { name: string; index: number }[] {
  const out: { name: string; index: number }[] = []
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!
    if ((t.kind === 'word' || t.kind === 'ident') && tokens[i + 1]!.text === '(') out.push({ name: t.value.toLowerCase(), index: i })
  }
  return out
}

const hasPhrase = (words: string[], phrase: string): boolean => {
  const parts = phrase.split(' ')
  return words.some((_, i) => parts.every((p, k) => words[i + k] === p))
}

export function keywordRules(facts: EngineFacts, table: KeywordTable): StatementRules {
  return {
    classify(text: string, context: StatementContext): Verdict {
      const tokens = tokenizeSql(text, facts.lexical)
      const words = codeWords(tokens)
      const first = words[0]
      if (!first) return { kind: 'read', reason: 'an empty statement', readOnlySafe: true }
      for (const phrase of table.adminWords) if (hasPhrase(words, phrase)) return { kind: 'admin', reason: `${phrase} reaches beyond the database` }
      for (const f of calledFunctions(tokens)) if (table.dangerousFunctions.has(f.name)) return { kind: 'admin', reason: `${f.name}() has side effects` }
      const kind = table.first[first] ?? 'unknown'
      if (kind === 'unknown') return { kind, reason: `${first} is not a statement this app recognises as safe` }
      if (kind === 'session') return { kind, reason: `${first} changes the session`, readOnlySafe: table.safeSession?.(words, tokens) ?? false }
      if (kind === 'transaction') return { kind, reason: `${first} controls the transaction`, readOnlySafe: table.safeTransaction?.(words) ?? false }
      if (kind !== 'read') return { kind, reason: `${first} ${kind === 'ddl' ? 'changes the schema' : kind === 'admin' ? 'administers the server' : 'changes data'}` }
      const calls = new Set(calledFunctions(tokens).map((f) => f.index))
      const writer = tokens.find((t, i) => t.kind === 'word' && !calls.has(i) && table.writeWords.includes(t.value.toUpperCase()))?.value.toUpperCase()
      if (writer) return { kind: 'write', reason: `${writer} inside ${first} changes data` }
      return table.extraReadCheck?.(tokens, context) ?? { kind: 'read', reason: `${first} reads` }
    }
  }
}
