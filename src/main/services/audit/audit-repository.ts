import type Database from 'better-sqlite3'
import type { AuditAnchor, AuditEntry, AuditSettings } from '../../../shared/contract/audit'
import { chainEntry, type UnhashedEntry } from './chain'

interface Row {
  seq: number
  at: string
  connection_id: string
  connection_label: string
  engine: string
  db_user: string
  source: AuditEntry['source']
  statement: string
  kind: AuditEntry['kind']
  rows: number | null
  outcome: AuditEntry['outcome']
  error: string | null
  duration_ms: number
  prev_hash: string
  hash: string
}

const toEntry = (r: Row): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  connectionId: r.connection_id,
  connectionLabel: r.connection_label,
  engine: r.engine,
  dbUser: r.db_user,
  source: r.source,
  statement: r.statement,
  kind: r.kind,
  rows: r.rows,
  outcome: r.outcome,
  error: r.error,
  durationMs: r.duration_ms,
  prevHash: r.prev_hash,
  hash: r.hash
})

export type NewAuditFields = Omit<UnhashedEntry, 'seq' | 'prevHash'>

const ANCHOR = 'anchor'
const HEAD = 'head'
const RETENTION = 'retention_days'

/**
 * The audit tables of the local store (migration 900). Works on a bare better-sqlite3 handle so that the CLI can
 * open the store without the app's services.
 */
export class AuditRepository {
  constructor(private readonly db: Database.Database) {}

  /**
   * Appends one entry linked to the last. An IMMEDIATE transaction takes the write lock before reading the last
   * hash, so appends are one chain even with two processes on the same store.
   */
  append(fields: NewAuditFields): AuditEntry {
    return this.db
      .transaction(() => {
        // the head, not the last row: an entry deleted from the end leaves a gap that verification reports
        const entry = chainEntry(fields, this.head() ?? this.last() ?? this.anchor())
        this.db
          .prepare(
            `insert into audit_log (seq, at, connection_id, connection_label, engine, db_user, source, statement, kind, rows, outcome, error, duration_ms, prev_hash, hash)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
          )
          .run(entry.seq, entry.at, entry.connectionId, entry.connectionLabel, entry.engine, entry.dbUser, entry.source, entry.statement, entry.kind, entry.rows, entry.outcome, entry.error, entry.durationMs, entry.prevHash, entry.hash)
        this.setMeta(HEAD, JSON.stringify({ seq: entry.seq, hash: entry.hash }))
        return entry
      })
      .immediate()
  }

  list(opts: { query?: string; connectionId?: string; limit: number; before?: number }): AuditEntry[] {
    const where: string[] = []
    const params: unknown[] = []
    if (opts.connectionId) {
      where.push('connection_id = ?')
      params.push(opts.connectionId)
    }
    if (opts.before !== undefined) {
      where.push('seq < ?')
      params.push(opts.before)
    }
    for (const term of (opts.query ?? '').split(/\s+/).filter(Boolean).slice(0, 16)) {
      if (term.length >= 3) {
        where.push('seq in (select rowid from audit_log_fts where audit_log_fts match ?)')
        params.push(`"${term.replaceAll('"', '""')}"`)
      } else {
        // trigram cannot match terms shorter than 3 characters
        where.push(`(instr(lower(statement), ?) > 0 or instr(lower(connection_label), ?) > 0)`)
        params.push(term.toLowerCase(), term.toLowerCase())
      }
    }
    const sql = `select * from audit_log ${where.length ? `where ${where.join(' and ')}` : ''} order by seq desc limit ?`
    return (this.db.prepare(sql).all(...params, opts.limit) as Row[]).map(toEntry)
  }

  /** Every entry, oldest first, without holding them all in memory. */
  *all(): IterableIterator<AuditEntry> {
    for (const row of this.db.prepare('select * from audit_log order by seq').iterate() as IterableIterator<Row>) yield toEntry(row)
  }

  count(): number {
    return (this.db.prepare('select count(*) as n from audit_log').get() as { n: number }).n
  }

  anchor(): AuditAnchor | null {
    return this.meta<AuditAnchor>(ANCHOR)
  }

  head(): AuditAnchor | null {
    return this.meta<AuditAnchor>(HEAD)
  }

  settings(): AuditSettings {
    return { retentionDays: this.meta<number>(RETENTION) }
  }

  saveSettings(settings: AuditSettings): void {
    if (settings.retentionDays === null) this.db.prepare('delete from audit_meta where key = ?').run(RETENTION)
    else this.setMeta(RETENTION, JSON.stringify(settings.retentionDays))
  }

  /**
   * Deletes the entries that started before `cutoff` (ISO) and records the last one deleted as the anchor, in one
   * transaction. Only a prefix of the chain is ever removed (everything up to the newest old entry), so what stays
   * is still one unbroken chain from the anchor.
   */
  pruneBefore(cutoff: string): number {
    return this.db
      .transaction(() => {
        const last = this.db.prepare('select seq, hash from audit_log where seq = (select max(seq) from audit_log where at < ?)').get(cutoff) as
          | { seq: number; hash: string }
          | undefined
        if (!last) return 0
        const removed = this.db.prepare('delete from audit_log where seq <= ?').run(last.seq).changes
        this.setMeta(ANCHOR, JSON.stringify({ seq: last.seq, hash: last.hash }))
        return removed
      })
      .immediate()
  }

  private last(): AuditAnchor | null {
    return (this.db.prepare('select seq, hash from audit_log order by seq desc limit 1').get() as AuditAnchor | undefined) ?? null
  }

  private meta<T>(key: string): T | null {
    const row = this.db.prepare('select value from audit_meta where key = ?').get(key) as { value: string } | undefined
    return row ? (JSON.parse(row.value) as T) : null
  }

  private setMeta(key: string, value: string): void {
    this.db.prepare('insert into audit_meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value').run(key, value)
  }
}
