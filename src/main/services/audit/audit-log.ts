import type Database from 'better-sqlite3'
import type { AuditSettings, AuditSource, AuditVerdict } from '../../../shared/contract/audit'
import type { StatementKind } from '../../../shared/statement-kinds'
import { AuditRepository } from './audit-repository'
import { maskValues, redactStatementSecrets } from './redact-statement'
import { verifyChain } from './verify-chain'

/** One statement that ran (or failed) on a connection, as the path that ran it reports it. */
export interface AuditEvent {
  connectionId: string
  source: AuditSource
  statement: string
  kind: StatementKind
  rows: number | null
  /** null when the statement succeeded. */
  error: string | null
  /** Date.now() when the statement started. */
  startedAt: number
  durationMs: number
}

/** Where the paths that run SQL report the statements that may have changed something. */
export interface AuditSink {
  record(event: AuditEvent): void
}

export interface AuditLogDeps {
  db: Database.Database
  /** The connection's label, engine and login user as they are now. */
  profile(connectionId: string): { name: string; dialect: string; user?: string }
  /** The app's secret redactor (secrets in use, URL and connection-string credentials). */
  redact(text: string): string
  /** Where a failed append is reported (default: stderr). */
  warn?(message: string): void
}

/** Longer statements are kept to this many characters, with a note of the full length (DDL and scripts: most fit). */
export const MAX_STATEMENT_CHARS = 20_000
/** Writes are kept shorter: an import's or a mock-data fill's multi-row INSERTs are mostly literals, a thousand per load. */
export const MAX_WRITE_CHARS = 4000
const DAY_MS = 86_400_000

/**
 * The hash-chained audit log: every change the app made, appended in order. An append that fails is reported (warn
 * and `writeFailure`), never thrown: the user's statement already ran and its result must reach them.
 */
export class AuditLog implements AuditSink {
  readonly repo: AuditRepository
  private failure: { at: string; message: string; count: number } | null = null

  constructor(private readonly deps: AuditLogDeps) {
    this.repo = new AuditRepository(deps.db)
  }

  record(event: AuditEvent): void {
    try {
      const profile = this.deps.profile(event.connectionId)
      const { text, masked } = redactStatementSecrets(event.statement)
      const statement = capped(this.deps.redact(text), event.kind === 'write' ? MAX_WRITE_CHARS : MAX_STATEMENT_CHARS)
      this.repo.append({
        at: new Date(event.startedAt).toISOString(),
        connectionId: event.connectionId,
        connectionLabel: profile.name,
        engine: profile.dialect,
        dbUser: profile.user ?? '',
        source: event.source,
        statement,
        kind: event.kind,
        rows: event.rows,
        outcome: event.error === null ? 'ok' : 'error',
        error: event.error === null ? null : this.deps.redact(maskValues(event.error, masked)),
        durationMs: Math.max(0, Math.round(event.durationMs))
      })
    } catch (err) {
      const message = this.deps.redact(err instanceof Error ? err.message : String(err))
      this.failure = { at: new Date().toISOString(), message, count: (this.failure?.count ?? 0) + 1 }
      ;(this.deps.warn ?? ((m) => console.error(m)))(`[querygenie] audit log: an entry could not be written: ${message}`)
    }
  }

  /** The last append failure of this process, if any. */
  writeFailure(): { at: string; message: string; count: number } | null {
    return this.failure
  }

  verify(): AuditVerdict {
    return verifyChain(this.repo.all(), this.repo.anchor(), this.repo.head())
  }

  settings(): AuditSettings {
    return this.repo.settings()
  }

  updateSettings(settings: AuditSettings): AuditSettings {
    this.repo.saveSettings(settings)
    this.prune()
    return this.repo.settings()
  }

  /** Applies the retention setting: entries older than it go, leaving an anchor (see AuditRepository.pruneBefore). */
  prune(now = Date.now()): number {
    const days = this.repo.settings().retentionDays
    if (days === null) return 0
    return this.repo.pruneBefore(new Date(now - days * DAY_MS).toISOString())
  }
}

function capped(statement: string, max: number): string {
  if (statement.length <= max) return statement
  return `${statement.slice(0, max)}… [${statement.length.toLocaleString('en-US')} characters in all]`
}
