import { z } from 'zod'
import { StatementKind } from '../statement-kinds'
import { call, Empty, Id } from './define'

/** The app path that ran a statement. */
export const AuditSource = z.enum(['editor', 'ai', 'data-edit', 'import', 'mockdata', 'migration', 'activity'])
export type AuditSource = z.infer<typeof AuditSource>

/** One link of the audit log's hash chain (see src/main/services/audit/chain.ts for what `hash` covers). */
export const AuditEntry = z.object({
  seq: z.number().int(),
  /** When the statement started (ISO 8601, UTC). */
  at: z.string(),
  connectionId: z.string(),
  connectionLabel: z.string(),
  engine: z.string(),
  /** The user the connection logs in as ('' for file databases). */
  dbUser: z.string(),
  source: AuditSource,
  /** Redacted: passwords and connection-string secrets are masked before the entry is hashed and stored. */
  statement: z.string(),
  kind: StatementKind,
  rows: z.number().int().nullable(),
  outcome: z.enum(['ok', 'error']),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  prevHash: z.string(),
  hash: z.string()
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** The last entry pruned by retention: the first kept entry must link to it. */
export const AuditAnchor = z.object({ seq: z.number().int(), hash: z.string() })
export type AuditAnchor = z.infer<typeof AuditAnchor>

export const AuditVerdict = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), count: z.number().int(), headHash: z.string(), anchor: AuditAnchor.nullable() }),
  z.object({
    ok: z.literal(false),
    count: z.number().int(),
    /** The first entry that does not check out (for a missing entry: the seq that should be there). */
    seq: z.number().int(),
    reason: z.enum(['hash-mismatch', 'broken-link', 'gap', 'truncated']),
    message: z.string(),
    anchor: AuditAnchor.nullable()
  })
])
export type AuditVerdict = z.infer<typeof AuditVerdict>

export const AuditSettings = z.object({
  /** Entries older than this many days are pruned (an anchor keeps the chain verifiable); null keeps everything. */
  retentionDays: z.number().int().min(1).max(36_500).nullable()
})
export type AuditSettings = z.infer<typeof AuditSettings>

/** Set when appending to the log failed (the statement's own result is unaffected). */
export const AuditWriteFailure = z.object({ at: z.string(), message: z.string(), count: z.number().int() })

export const auditCalls = {
  /** Newest first; `query` searches the statement, connection and error (FTS5 trigram, LIKE under 3 characters). */
  'audit.list': call(
    z
      .object({
        query: z.string().max(1000).optional(),
        connectionId: Id.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        /** Entries with a seq below this (the next page). */
        before: z.number().int().optional()
      })
      .strict(),
    z.object({ entries: z.array(AuditEntry), writeFailure: AuditWriteFailure.nullable() })
  ),
  'audit.verify': call(Empty, AuditVerdict),
  /** Writes the whole log to a file in the data folder's exports area (offered as a download in web mode). */
  'audit.export': call(
    z.object({ format: z.enum(['csv', 'json']) }).strict(),
    z.object({ path: z.string(), exportId: z.string(), count: z.number().int() })
  ),
  'audit.settings.get': call(Empty, AuditSettings),
  'audit.settings.update': call(AuditSettings.strict(), AuditSettings)
}
