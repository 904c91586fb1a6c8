import type { DriverSession } from '../drivers/types'
import type { Engine } from '../engines'

type ActivityMonitor = NonNullable<Engine['activity']>

export interface MonitorSession {
  session: DriverSession
  /** The server's id for this session, so a snapshot can hide it. */
  ownPid: number | null
}

interface Held extends MonitorSession {
  /** The profile the session was opened with: an edited profile gets a new session. */
  fingerprint: string
}

/**
 * One monitoring session per connection, of its own: never a tab's session (a tab may be inside a transaction or busy
 * with the very statement being watched) and never the catalog session (schema reads must not queue behind a snapshot).
 */
export class MonitorSessions {
  private readonly held = new Map<string, Held>()
  private readonly pending = new Map<string, Promise<Held>>()

  constructor(private readonly open: (connectionId: string) => Promise<DriverSession>) {}

  async get(connectionId: string, fingerprint: string, monitor: ActivityMonitor): Promise<MonitorSession> {
    const current = this.held.get(connectionId)
    if (current && !current.session.closed && current.fingerprint === fingerprint) return current
    if (current) this.forget(connectionId)
    const waiting = this.pending.get(connectionId)
    if (waiting) return waiting
    const opening = this.start(connectionId, fingerprint, monitor).finally(() => this.pending.delete(connectionId))
    this.pending.set(connectionId, opening)
    return opening
  }

  private async start(connectionId: string, fingerprint: string, monitor: ActivityMonitor): Promise<Held> {
    const session = await this.open(connectionId)
    try {
      const held = { session, fingerprint, ownPid: await monitor.markMonitor(session) }
      this.held.set(connectionId, held)
      return held
    } catch (err) {
      await session.close().catch(() => undefined)
      throw err
    }
  }

  forget(connectionId: string): void {
    const current = this.held.get(connectionId)
    this.held.delete(connectionId)
    if (current) void current.session.close().catch(() => undefined)
  }

  async closeAll(): Promise<void> {
    const all = [...this.held.values()]
    this.held.clear()
    await Promise.all(all.map((h) => h.session.close().catch(() => undefined)))
  }
}
