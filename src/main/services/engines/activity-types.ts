import type { ActivityLock, ActivitySession, TopStatements } from '../../../shared/contract/activity'
import type { DriverSession } from '../drivers/types'

/** What one engine's server says about its sessions, read on the app's monitoring session. */
export interface ServerActivity {
  sessions: ActivitySession[]
  locks: ActivityLock[]
  /** Set when this server cannot show every lock or every wait (an information source is missing or off). */
  locksNote?: string
}

/**
 * Live activity of a database server (engines with server sessions; in-process engines leave it out). Every method
 * reads, except the SQL of cancel and terminate, which the activity service runs through an audited session.
 */
export interface ActivityMonitor {
  /** Marks `session` as the app's monitoring session where the engine can (application_name) and returns its pid. */
  markMonitor(session: DriverSession): Promise<number | null>
  read(session: DriverSession, ownPid: number | null): Promise<ServerActivity>
  topStatements(session: DriverSession): Promise<TopStatements>
  /** One statement that stops the session's running statement. */
  cancelSql(pid: number): string
  /** One statement that ends the session. */
  terminateSql(pid: number): string
  /** Reads the one-row answer of cancelSql/terminateSql: whether the server signalled the session. */
  signalled(rows: unknown[][]): boolean
}
