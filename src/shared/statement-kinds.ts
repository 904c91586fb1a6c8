import { z } from 'zod'

/**
 * What a statement does, as the statement analyser classifies it. 'unknown' counts as a write everywhere:
 * read-only connections refuse it and the assistant asks before running it.
 */
export const StatementKind = z.enum(['read', 'write', 'ddl', 'transaction', 'session', 'admin', 'unknown'])
export type StatementKind = z.infer<typeof StatementKind>

const danger: Record<StatementKind, number> = { read: 0, transaction: 1, session: 2, unknown: 3, write: 4, admin: 5, ddl: 6 }

/** The most dangerous of several kinds (a script is as dangerous as its worst statement); 'read' for none. */
export function worstKind(kinds: Iterable<StatementKind>): StatementKind {
  let worst: StatementKind = 'read'
  for (const k of kinds) if (danger[k] > danger[worst]) worst = k
  return worst
}
