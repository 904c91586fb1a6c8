import { worstKind } from '../../../../shared/statement-kinds'
import type { Verdict } from '../../statements/types'

const allowedReadOnly = (v: Verdict): boolean => v.kind === 'read' || v.readOnlySafe === true

/**
 * The verdict that decides for several (a statement and what is nested in it, or several statements in one piece):
 * anything a read-only connection must refuse outranks everything it may run, then the most dangerous kind wins.
 * The first verdict of that kind keeps its reason, so a statement's own words come before its parts'.
 */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  const refused = verdicts.filter((v) => !allowedReadOnly(v))
  const pool = refused.length > 0 ? refused : verdicts
  const kind = worstKind(pool.map((v) => v.kind))
  return pool.find((v) => v.kind === kind) ?? { kind: 'read', reason: 'an empty statement', readOnlySafe: true }
}
