import { z } from 'zod'
import { call, Id } from './define'

/** How much of a session's current statement a snapshot carries. */
export const ACTIVITY_STATEMENT_CHARS = 2000

/** A server session's id: PostgreSQL's backend pid, MySQL/MariaDB's thread (connection) id, SQL Server's SPID. */
export const SessionPid = z.number().int().min(1).max(2 ** 53)

/** One server session as the server's own activity view shows it. */
export const ActivitySession = z.object({
  pid: SessionPid,
  user: z.string().nullable(),
  database: z.string().nullable(),
  clientAddress: z.string().nullable(),
  application: z.string().nullable(),
  /** The engine's word: active, idle, idle in transaction (PostgreSQL); Query, Sleep (MySQL's command). */
  state: z.string().nullable(),
  /** At most ACTIVITY_STATEMENT_CHARS characters of the statement running (or, when idle, the last one). */
  statement: z.string().nullable(),
  statementTruncated: z.boolean(),
  /** How long the running statement has run; null when none runs. */
  statementMs: z.number().nullable(),
  /** How long the open transaction has been open; null outside one (or where the engine cannot tell). */
  transactionMs: z.number().nullable(),
  /** What it waits for (PostgreSQL `Lock: transactionid`, MySQL's state); null when it does not wait. */
  wait: z.string().nullable(),
  /** The sessions holding what this one waits for. */
  blockedBy: z.array(SessionPid),
  /** This view's own monitoring session. */
  own: z.boolean()
})
export type ActivitySession = z.infer<typeof ActivitySession>

export const ActivityLock = z.object({
  pid: SessionPid,
  /** relation, tuple, transactionid, advisory… (PostgreSQL); RECORD or TABLE (InnoDB). */
  lockType: z.string(),
  /** The table (and index, where the engine says) the lock is on; null for locks that are not on one. */
  relation: z.string().nullable(),
  mode: z.string(),
  granted: z.boolean()
})
export type ActivityLock = z.infer<typeof ActivityLock>

/**
 * The blocking tree flattened in display order: each blocker at depth 0 followed by the sessions waiting on it, each
 * of those followed by its own waiters. `waitsFor` is the row's parent (null at the root).
 */
export const BlockingTreeRow = z.object({ pid: SessionPid, depth: z.number().int().min(0), waitsFor: SessionPid.nullable() })
export type BlockingTreeRow = z.infer<typeof BlockingTreeRow>

export const TopStatement = z.object({
  statement: z.string(),
  calls: z.number(),
  totalMs: z.number(),
  meanMs: z.number(),
  rows: z.number().nullable()
})
export type TopStatement = z.infer<typeof TopStatement>

/** Statement statistics, or why the server has none to give (extension missing, performance_schema off). */
export const TopStatements = z.object({ available: z.boolean(), reason: z.string().optional(), source: z.string().optional(), rows: z.array(TopStatement) })
export type TopStatements = z.infer<typeof TopStatements>

export const ActivitySnapshot = z.object({
  capturedAt: z.string(),
  /** The monitoring session's own pid (hidden from `sessions` and `locks` unless `includeOwn`). */
  ownPid: SessionPid.nullable(),
  sessions: z.array(ActivitySession),
  locks: z.array(ActivityLock),
  /** Why the lock list or blocking information is incomplete on this server, when it is. */
  locksNote: z.string().optional(),
  blockingTree: z.array(BlockingTreeRow),
  topStatements: TopStatements
})
export type ActivitySnapshot = z.infer<typeof ActivitySnapshot>

export const ActivitySupport = z.object({ supported: z.boolean(), reason: z.string().optional(), readOnly: z.boolean() })
export type ActivitySupport = z.infer<typeof ActivitySupport>

const SessionAction = z
  .object({
    connectionId: Id,
    pid: SessionPid,
    /** The user confirmed; without it nothing is sent (CONFIRMATION_REQUIRED). */
    confirmed: z.boolean()
  })
  .strict()

export const SessionActionResult = z.object({
  /** Whether the server signalled the session (false: it was already gone, or the server refused). */
  signalled: z.boolean(),
  message: z.string()
})
export type SessionActionResult = z.infer<typeof SessionActionResult>

export const activityCalls = {
  /** Whether the connection's engine has server sessions to show, and whether it may cancel/terminate them. */
  'activity.support': call(z.object({ connectionId: Id }).strict(), ActivitySupport),
  /** Sessions, locks, the blocking tree and top statements, read on a monitoring session of its own. */
  'activity.snapshot': call(z.object({ connectionId: Id, includeOwn: z.boolean().optional() }).strict(), ActivitySnapshot),
  /** Stops the session's running statement (pg_cancel_backend, KILL QUERY); never on a read-only connection; audited. */
  'activity.cancel': call(SessionAction, SessionActionResult),
  /** Ends the session (pg_terminate_backend, KILL CONNECTION); never on a read-only connection; audited. */
  'activity.terminate': call(SessionAction, SessionActionResult)
}
