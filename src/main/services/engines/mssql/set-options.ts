import type { SqlToken } from '../../../../shared/sql-tokens'

/**
 * SET statements. `SET @v = …` only touches a variable, which dies with the batch. `SET <option>` changes the
 * session: allowed on a read-only connection only for options that shape output or locking of reads, never ones that
 * let data in (IDENTITY_INSERT), publish state to other sessions (CONTEXT_INFO) or change how transactions begin.
 */
const SAFE_OPTIONS = new Set(
  `NOCOUNT STATISTICS IO TIME XML PROFILE SHOWPLAN_TEXT SHOWPLAN_ALL SHOWPLAN_XML NOEXEC PARSEONLY FMTONLY NO_BROWSETABLE
ANSI_NULLS ANSI_PADDING ANSI_WARNINGS ANSI_NULL_DFLT_ON ANSI_NULL_DFLT_OFF ARITHABORT ARITHIGNORE QUOTED_IDENTIFIER
CONCAT_NULL_YIELDS_NULL NUMERIC_ROUNDABORT XACT_ABORT TEXTSIZE ROWCOUNT LANGUAGE DATEFORMAT DATEFIRST LOCK_TIMEOUT
DEADLOCK_PRIORITY QUERY_GOVERNOR_COST_LIMIT FORCEPLAN`.split(/\s+/)
)

export type SetKind = { kind: 'variable' } | { kind: 'safe option' } | { kind: 'unsafe option'; name: string }

const upper = (t: SqlToken | undefined): string => (t?.kind === 'word' ? t.value.toUpperCase() : '')

/** Judges the SET whose keyword is tokens[at]. */
export function judgeSet(tokens: SqlToken[], at: number): SetKind {
  const first = tokens[at + 1]
  if (first?.kind === 'word' && first.text.startsWith('@')) return { kind: 'variable' }
  const name = upper(first)
  if (name === 'TRANSACTION') {
    return upper(tokens[at + 2]) === 'ISOLATION' && upper(tokens[at + 3]) === 'LEVEL' ? { kind: 'safe option' } : { kind: 'unsafe option', name: 'TRANSACTION' }
  }
  // SET ANSI_NULLS, QUOTED_IDENTIFIER ON  /  SET STATISTICS IO, TIME ON
  const names = [name]
  if (name === 'STATISTICS') names.push(upper(tokens[at + 2]))
  for (let i = at + (name === 'STATISTICS' ? 3 : 2); tokens[i]?.text === ','; i += 2) names.push(upper(tokens[i + 1]))
  const unsafe = names.find((n) => !SAFE_OPTIONS.has(n))
  return unsafe === undefined ? { kind: 'safe option' } : { kind: 'unsafe option', name: unsafe || (first?.text ?? 'SET') }
}

/** Every SET statement of the batch (the SET of an UPDATE is found as UPDATE first). */
export function setStatements(tokens: SqlToken[]): SetKind[] {
  const out: SetKind[] = []
  tokens.forEach((t, i) => {
    if (upper(t) === 'SET' && tokens[i - 1]?.text !== '.') out.push(judgeSet(tokens, i))
  })
  return out
}
