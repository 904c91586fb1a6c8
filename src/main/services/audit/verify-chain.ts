import type { AuditAnchor, AuditEntry, AuditVerdict } from '../../../shared/contract/audit'
import { entryHash, GENESIS_HASH } from './chain'

/**
 * Checks a log in the order given (oldest first). `anchor`: the last pruned entry, which the first kept one must
 * follow. `head`: the last entry the writer recorded, so that entries cut off the end are noticed too.
 * Reports the first entry that fails: its own hash does not match its content (edited), it does not link to the
 * entry before it (an entry before it was edited and re-hashed, or entries were swapped), or its seq is not the next
 * one (deleted or reordered entries).
 */
export function verifyChain(entries: Iterable<AuditEntry>, anchor: AuditAnchor | null, head?: AuditAnchor | null): AuditVerdict {
  let expectedSeq = (anchor?.seq ?? 0) + 1
  let expectedPrev = anchor?.hash ?? GENESIS_HASH
  let count = 0
  const fail = (seq: number, reason: Extract<AuditVerdict, { ok: false }>['reason'], message: string): AuditVerdict => ({ ok: false, count, seq, reason, message, anchor })
  for (const e of entries) {
    if (e.seq !== expectedSeq) {
      return e.seq > expectedSeq
        ? fail(expectedSeq, 'gap', `entry ${expectedSeq} is missing (the next entry found is ${e.seq})`)
        : fail(e.seq, 'gap', `entry ${e.seq} is out of order (expected entry ${expectedSeq})`)
    }
    const { hash, ...rest } = e
    if (entryHash(rest) !== hash) return fail(e.seq, 'hash-mismatch', `entry ${e.seq} was changed: its content does not match its hash`)
    if (e.prevHash !== expectedPrev) return fail(e.seq, 'broken-link', `entry ${e.seq} does not link to entry ${e.seq - 1}: the entry before it was changed or replaced`)
    expectedSeq++
    expectedPrev = hash
    count++
  }
  if (head && head.seq >= expectedSeq) return fail(expectedSeq, 'truncated', `entry ${expectedSeq} is missing: the log was written up to entry ${head.seq}`)
  if (head && head.seq === expectedSeq - 1 && head.hash !== expectedPrev) return fail(head.seq, 'broken-link', `entry ${head.seq} is not the entry the log last wrote`)
  return { ok: true, count, headHash: expectedPrev, anchor }
}
