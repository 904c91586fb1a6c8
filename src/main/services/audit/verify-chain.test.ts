import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../../shared/contract/audit'
import { chainEntry, entryHash, GENESIS_HASH } from './chain'
import { verifyChain } from './verify-chain'

function chain(n: number, from: { seq: number; hash: string } | null = null): AuditEntry[] {
  const out: AuditEntry[] = []
  let prev = from
  for (let i = 0; i < n; i++) {
    const e = chainEntry(
      {
        at: new Date(Date.UTC(2026, 10, 27, 12, 0, i)).toISOString(),
        connectionId: 'c1',
        connectionLabel: 'Local PG',
        engine: 'postgres',
        dbUser: 'postgres',
        source: 'editor',
        statement: `UPDATE t SET v = ${i} WHERE id = ${i}`,
        kind: 'write',
        rows: 1,
        outcome: 'ok',
        error: null,
        durationMs: 3
      },
      prev
    )
    out.push(e)
    prev = e
  }
  return out
}

const rehash = (e: AuditEntry): AuditEntry => {
  const { hash: _, ...rest } = e
  return { ...rest, hash: entryHash(rest) }
}

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const entries = chain(5)
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH)
    expect(verifyChain(entries, null)).toEqual({ ok: true, count: 5, headHash: entries[4]!.hash, anchor: null })
    expect(verifyChain([], null)).toMatchObject({ ok: true, count: 0, headHash: GENESIS_HASH })
  })

  it('finds an edited statement at its seq', () => {
    const entries = chain(5)
    entries[2] = { ...entries[2]!, statement: 'UPDATE t SET v = 0' }
    expect(verifyChain(entries, null)).toMatchObject({ ok: false, seq: 3, reason: 'hash-mismatch', count: 2 })
  })

  it('finds an edited entry that was re-hashed at the next link', () => {
    const entries = chain(5)
    entries[1] = rehash({ ...entries[1]!, rows: 0 })
    expect(verifyChain(entries, null)).toMatchObject({ ok: false, seq: 3, reason: 'broken-link' })
  })

  it('finds a changed hash', () => {
    const entries = chain(5)
    entries[3] = { ...entries[3]!, hash: 'f'.repeat(64) }
    expect(verifyChain(entries, null)).toMatchObject({ ok: false, seq: 4, reason: 'hash-mismatch' })
  })

  it('finds a deleted entry as a gap at the missing seq', () => {
    const entries = chain(5)
    entries.splice(1, 1)
    expect(verifyChain(entries, null)).toMatchObject({ ok: false, seq: 2, reason: 'gap' })
  })

  it('finds reordered entries', () => {
    const entries = chain(5)
    ;[entries[1], entries[2]] = [entries[2]!, entries[1]!]
    expect(verifyChain(entries, null)).toMatchObject({ ok: false, seq: 2, reason: 'gap' })
  })

  it('finds entries swapped in place (seqs kept, contents exchanged) as a hash mismatch', () => {
    const entries = chain(5)
    const [a, b] = [entries[1]!, entries[2]!]
    entries[1] = { ...b, seq: a.seq }
    entries[2] = { ...a, seq: b.seq }
    expect(verifyChain(entries, null)).toMatchObject({ ok: false, seq: 2, reason: 'hash-mismatch' })
  })

  it('finds entries cut off the end when the head is known', () => {
    const entries = chain(5)
    const head = { seq: 5, hash: entries[4]!.hash }
    expect(verifyChain(entries, null, head).ok).toBe(true)
    expect(verifyChain(entries.slice(0, 3), null, head)).toMatchObject({ ok: false, seq: 4, reason: 'truncated' })
  })

  it('verifies from an anchor after pruning, and refuses a first entry that does not follow it', () => {
    const entries = chain(6)
    const anchor = { seq: 2, hash: entries[1]!.hash }
    expect(verifyChain(entries.slice(2), anchor)).toMatchObject({ ok: true, count: 4, anchor })
    expect(verifyChain(entries.slice(3), anchor)).toMatchObject({ ok: false, seq: 3, reason: 'gap' })
    expect(verifyChain(entries.slice(2), { seq: 2, hash: 'a'.repeat(64) })).toMatchObject({ ok: false, seq: 3, reason: 'broken-link' })
  })
})
