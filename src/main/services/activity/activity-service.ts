import type { ActivitySnapshot, ActivitySupport, SessionActionResult } from '../../../shared/contract/activity'
import type { ConnectionProfile } from '../../../shared/contract/connections'
import { factsOf } from '../../../shared/engines'
import { AppError } from '../../../shared/errors'
import type { DriverSession } from '../drivers/types'
import { engineFor, type Engine } from '../engines'
import { blockingTree } from './blocking-tree'
import { collectRows } from './collect-rows'
import { MonitorSessions } from './monitor-sessions'

export interface ActivityConnections {
  get(id: string): ConnectionProfile
  /** A new dedicated session; the caller closes it. */
  session(id: string): Promise<DriverSession>
}

export interface ActivityServiceDeps {
  /** Where the monitoring sessions come from: they only read. */
  connections: ActivityConnections
  /** Sessions whose every statement that is not a read is recorded in the audit log: cancel and terminate run here. */
  audited: ActivityConnections
}

type ActivityMonitor = NonNullable<Engine['activity']>
type SessionAction = { connectionId: string; pid: number; confirmed: boolean }

/** Live sessions, locks and top statements per connection, and cancelling or ending a session (an audited admin action). */
export class ActivityService {
  private readonly monitors: MonitorSessions

  constructor(private readonly deps: ActivityServiceDeps) {
    this.monitors = new MonitorSessions((id) => deps.connections.session(id))
  }

  support(connectionId: string): ActivitySupport {
    const profile = this.deps.connections.get(connectionId)
    const monitor = engineFor(profile.dialect).activity
    if (monitor) return { supported: true, readOnly: profile.readOnly }
    return { supported: false, readOnly: profile.readOnly, reason: notApplicable(profile) }
  }

  async snapshot(connectionId: string, includeOwn = false): Promise<ActivitySnapshot> {
    const { profile, monitor } = this.monitorFor(connectionId)
    const { session, ownPid } = await this.monitors.get(connectionId, JSON.stringify(profile), monitor)
    try {
      const server = await monitor.read(session, ownPid)
      const topStatements = await monitor.topStatements(session)
      const sessions = includeOwn ? server.sessions : server.sessions.filter((s) => !s.own)
      const locks = includeOwn || ownPid === null ? server.locks : server.locks.filter((l) => l.pid !== ownPid)
      return {
        capturedAt: new Date().toISOString(),
        ownPid,
        sessions,
        locks,
        ...(server.locksNote && { locksNote: server.locksNote }),
        blockingTree: blockingTree(server.sessions),
        topStatements
      }
    } catch (err) {
      // a lost monitoring session is opened again on the next snapshot
      if (session.closed) this.monitors.forget(connectionId)
      throw err
    }
  }

  cancel(input: SessionAction): Promise<SessionActionResult> {
    return this.signal(input, 'cancel')
  }

  terminate(input: SessionAction): Promise<SessionActionResult> {
    return this.signal(input, 'terminate')
  }

  /** Refused before anything is sent: without confirmation, on a read-only connection, or at this view's own session. */
  private async signal(input: SessionAction, action: 'cancel' | 'terminate'): Promise<SessionActionResult> {
    const { profile, monitor } = this.monitorFor(input.connectionId)
    const verb = action === 'cancel' ? 'Cancelling a statement' : 'Terminating a session'
    if (profile.readOnly) throw new AppError('READ_ONLY', `${verb} is not allowed on a read-only connection.`)
    if (!input.confirmed) throw new AppError('CONFIRMATION_REQUIRED', `${verb} needs confirmation.`)
    const own = await this.monitors.get(input.connectionId, JSON.stringify(profile), monitor).catch(() => null)
    if (own?.ownPid === input.pid) throw new AppError('INVALID_INPUT', 'That is the activity view’s own monitoring session.')
    const sql = action === 'cancel' ? monitor.cancelSql(input.pid) : monitor.terminateSql(input.pid)
    const session = await this.deps.audited.session(input.connectionId)
    try {
      const { rows, notices } = await collectRows(session, sql)
      const signalled = monitor.signalled(rows)
      const done = action === 'cancel' ? `Cancel sent to session ${input.pid}.` : `Session ${input.pid} was terminated.`
      return { signalled, message: signalled ? done : notices.join(' ') || `Session ${input.pid} was not signalled: it may have ended already.` }
    } finally {
      await session.close().catch(() => undefined)
    }
  }

  private monitorFor(connectionId: string): { profile: ConnectionProfile; monitor: ActivityMonitor } {
    const profile = this.deps.connections.get(connectionId)
    const monitor = engineFor(profile.dialect).activity
    if (!monitor) throw new AppError('UNSUPPORTED', notApplicable(profile))
    return { profile, monitor }
  }

  /** The connection was changed, disconnected or deleted: its monitoring session goes. */
  forget(connectionId: string): void {
    this.monitors.forget(connectionId)
  }

  dispose(): Promise<void> {
    return this.monitors.closeAll()
  }
}

function notApplicable(profile: ConnectionProfile): string {
  const facts = factsOf(profile.dialect)
  return facts.fileBased
    ? `Not applicable: ${facts.label} is an in-process database, no server sessions.`
    : `${facts.label} has no activity view yet.`
}
