import type { Verdict } from '../../statements/types'

export const read = (reason: string): Verdict => ({ kind: 'read', reason })
export const write = (reason: string): Verdict => ({ kind: 'write', reason })
export const ddl = (reason: string): Verdict => ({ kind: 'ddl', reason })
export const admin = (reason: string): Verdict => ({ kind: 'admin', reason })
export const unknown = (reason: string): Verdict => ({ kind: 'unknown', reason })
export const session = (reason: string, readOnlySafe: boolean): Verdict => ({ kind: 'session', reason, readOnlySafe })
export const transaction = (reason: string, readOnlySafe: boolean): Verdict => ({ kind: 'transaction', reason, readOnlySafe })

/**
 * How much a verdict holds back. Only 'read' and 'write' reach EXPLAIN, so whatever the optimizer might evaluate
 * while planning (stored code, locks, sequences) must outrank a plain write.
 */
function restraint(v: Verdict): number {
  switch (v.kind) {
    case 'ddl':
      return 8
    case 'admin':
      return 7
    case 'unknown':
      return 6
    case 'session':
    case 'transaction':
      return v.readOnlySafe ? 2 : 5
    case 'write':
      return 4
    case 'read':
      return 0
  }
}

/** The verdict that holds back most; null when there is none. */
export function mostRestrictive(verdicts: readonly (Verdict | null | undefined)[]): Verdict | null {
  let worst: Verdict | null = null
  for (const v of verdicts) if (v && (!worst || restraint(v) > restraint(worst))) worst = v
  return worst
}

/** One verdict for all readings of a text: they agree, or the text is treated as one that can hide anything. */
export function agreedReading(readings: readonly Verdict[]): Verdict {
  const first = readings[0]!
  if (readings.every((v) => v.kind === first.kind && !!v.readOnlySafe === !!first.readOnlySafe)) return first
  const worst = mostRestrictive(readings)!
  if (restraint(worst) >= restraint(unknown(''))) return worst
  return unknown(`the server reads this text differently under another sql_mode (NO_BACKSLASH_ESCAPES, ANSI_QUOTES or MSSQL): ${worst.reason}`)
}
