import { createHash } from 'node:crypto'
import type { AuditEntry } from '../../../shared/contract/audit'

/** The `prevHash` of the first entry ever written. */
export const GENESIS_HASH = '0'.repeat(64)

/** Bumped if the serialisation ever changes, so an old chain is never checked against a new format by accident. */
const FORMAT = 'querygenie-audit-1'

export type UnhashedEntry = Omit<AuditEntry, 'hash'>

/**
 * sha256 over a canonical serialisation: a JSON array of every field in a fixed order, ending with `prevHash`.
 * An array (not an object) so that key order can never vary; every field is a string, an integer or null.
 */
export function entryHash(e: UnhashedEntry): string {
  const canonical = JSON.stringify([
    FORMAT,
    e.seq,
    e.at,
    e.connectionId,
    e.connectionLabel,
    e.engine,
    e.dbUser,
    e.source,
    e.statement,
    e.kind,
    e.rows,
    e.outcome,
    e.error,
    e.durationMs,
    e.prevHash
  ])
  return createHash('sha256').update(canonical, 'utf8').digest('hex')
}

/** The next link: `prev` is the last entry (or the anchor, or nothing for a new log). */
export function chainEntry(fields: Omit<UnhashedEntry, 'seq' | 'prevHash'>, prev: { seq: number; hash: string } | null): AuditEntry {
  const unhashed: UnhashedEntry = { ...fields, seq: (prev?.seq ?? 0) + 1, prevHash: prev?.hash ?? GENESIS_HASH }
  return { ...unhashed, hash: entryHash(unhashed) }
}
