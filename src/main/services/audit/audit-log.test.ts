import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openLocalStore, type LocalStore } from '../store/local-store'
import { AuditLog, MAX_STATEMENT_CHARS, MAX_WRITE_CHARS, type AuditEvent } from './audit-log'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 10, 27, 12)

describe('AuditLog on a real store', () => {
  let dir: string
  let store: LocalStore
  let audit: AuditLog
  const event = (statement: string, daysAgo = 0, extra: Partial<AuditEvent> = {}): AuditEvent => ({
    connectionId: 'c1',
    source: 'editor',
    statement,
    kind: 'write',
    rows: 1,
    error: null,
    startedAt: NOW - daysAgo * DAY,
    durationMs: 2.4,
    ...extra
  })

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qg-audit-log-'))
    store = openLocalStore(join(dir, 'querygenie.db'))
    audit = new AuditLog({ db: store.db, profile: () => ({ name: 'Orders DB', dialect: 'postgres', user: 'app' }), redact: (t) => t.replaceAll('hunter2', '••••••') })
  })
  afterEach(() => {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('chains entries with the connection, user and redacted statement', () => {
    audit.record(event("UPDATE accounts SET note = 'x'"))
    audit.record(event("ALTER USER bob PASSWORD 'hunter3'", 0, { kind: 'ddl', rows: null, error: "role bob: password 'hunter3' rejected" }))
    audit.record(event('select * from dblink(\'host=db password=hunter2\', \'…\')'))
    const [first, second, third] = audit.repo.list({ limit: 10 }).reverse()
    expect(first).toMatchObject({ seq: 1, connectionLabel: 'Orders DB', engine: 'postgres', dbUser: 'app', durationMs: 2, outcome: 'ok', at: new Date(NOW).toISOString() })
    expect(second).toMatchObject({ seq: 2, statement: 'ALTER USER bob PASSWORD ••••••', outcome: 'error', error: "role bob: password '••••••' rejected", prevHash: first!.hash })
    expect(third!.statement).not.toContain('hunter2')
    expect(audit.verify()).toMatchObject({ ok: true, count: 3, headHash: third!.hash })
  })

  it('searches statements, connection and errors (FTS and short terms) and pages by seq', () => {
    audit.record(event('UPDATE customer_orders SET status = 1'))
    audit.record(event('DELETE FROM invoices'))
    audit.record(event('INSERT INTO ab VALUES (1)', 0, { error: 'duplicate key' }))
    expect(audit.repo.list({ query: 'customer', limit: 10 }).map((e) => e.seq)).toEqual([1])
    expect(audit.repo.list({ query: 'duplicate', limit: 10 }).map((e) => e.seq)).toEqual([3])
    expect(audit.repo.list({ query: 'ab', limit: 10 }).map((e) => e.seq)).toEqual([3])
    expect(audit.repo.list({ limit: 10, before: 3 }).map((e) => e.seq)).toEqual([2, 1])
  })

  it('keeps very long statements to a bounded length, writes shorter than DDL', () => {
    audit.record(event(`INSERT INTO t VALUES ${'(1),'.repeat(10_000)}(1)`))
    audit.record(event(`CREATE TABLE t (${'c int,'.repeat(10_000)}d int)`, 0, { kind: 'ddl' }))
    const [ddl, insert] = audit.repo.list({ limit: 2 })
    expect(insert!.statement.length).toBeLessThan(MAX_WRITE_CHARS + 50)
    expect(insert!.statement.endsWith('… [40,024 characters in all]')).toBe(true)
    expect(ddl!.statement.length).toBeGreaterThan(MAX_STATEMENT_CHARS)
    expect(ddl!.statement.length).toBeLessThan(MAX_STATEMENT_CHARS + 50)
  })

  it('prunes by retention and stays verifiable through the anchor', () => {
    for (const days of [40, 35, 31, 10, 1]) audit.record(event(`UPDATE t SET v = ${days}`, days))
    const all = audit.repo.list({ limit: 10 }).reverse()
    expect(audit.settings()).toEqual({ retentionDays: null })
    expect(audit.prune(NOW)).toBe(0)
    audit.repo.saveSettings({ retentionDays: 30 })
    expect(audit.prune(NOW)).toBe(3)
    expect(audit.repo.anchor()).toEqual({ seq: 3, hash: all[2]!.hash })
    expect(audit.verify()).toMatchObject({ ok: true, count: 2, anchor: { seq: 3 } })
    // the chain goes on from the kept entries
    audit.record(event('UPDATE t SET v = 0'))
    expect(audit.verify()).toMatchObject({ ok: true, count: 3 })
    // pruning everything leaves only the anchor and the head, still consistent
    audit.repo.saveSettings({ retentionDays: 1 })
    audit.prune(NOW + 5 * DAY)
    expect(audit.repo.count()).toBe(0)
    expect(audit.verify()).toMatchObject({ ok: true, count: 0 })
    audit.record(event('UPDATE t SET v = 9', -5))
    expect(audit.verify()).toMatchObject({ ok: true, count: 1 })
    expect(audit.repo.list({ limit: 1 })[0]!.seq).toBe(7)
  })

  it('notices entries deleted from the end, and the next append does not hide the gap', () => {
    for (let i = 0; i < 3; i++) audit.record(event(`UPDATE t SET v = ${i}`))
    store.db.prepare('delete from audit_log where seq = 3').run()
    expect(audit.verify()).toMatchObject({ ok: false, seq: 3, reason: 'truncated' })
    audit.record(event('UPDATE t SET v = 4'))
    expect(audit.verify()).toMatchObject({ ok: false, seq: 3, reason: 'gap' })
  })

  it('keeps one chain when two connections to the store append in turn', () => {
    const other = openLocalStore(join(dir, 'querygenie.db'))
    try {
      const second = new AuditLog({ db: other.db, profile: () => ({ name: 'Other', dialect: 'mysql' }), redact: (t) => t })
      for (let i = 0; i < 6; i++) (i % 2 ? second : audit).record(event(`UPDATE t SET v = ${i}`))
      expect(audit.verify()).toMatchObject({ ok: true, count: 6 })
      expect(audit.repo.list({ limit: 6 }).map((e) => e.connectionLabel)).toEqual(['Other', 'Orders DB', 'Other', 'Orders DB', 'Other', 'Orders DB'])
    } finally {
      other.close()
    }
  })

  it('refuses updates from the app itself', () => {
    audit.record(event('UPDATE t SET v = 1'))
    expect(() => store.db.prepare("update audit_log set statement = 'x'").run()).toThrow(/append-only/)
  })
})
