import type { DriverSession } from '../drivers/types'

/**
 * Sessions for reading pages, kept between calls (scrolling asks for many pages): one idle session per connection is
 * kept; a call that finds it busy opens another and closes it after. Never a tab's session, never used for edits.
 */
export class ReadSessions {
  private readonly idle = new Map<string, DriverSession>()
  private readonly busy = new Set<DriverSession>()
  /** Bumped by forget(): a session opened before a profile changed is not kept after it. */
  private readonly generation = new Map<string, number>()

  constructor(private readonly open: (connectionId: string) => Promise<DriverSession>) {}

  async with<T>(connectionId: string, fn: (session: DriverSession) => Promise<T>): Promise<T> {
    const generation = this.generation.get(connectionId) ?? 0
    let session = this.idle.get(connectionId)
    this.idle.delete(connectionId)
    if (!session || session.closed) session = await this.open(connectionId)
    this.busy.add(session)
    let failed = false
    try {
      return await fn(session)
    } catch (err) {
      failed = true
      throw err
    } finally {
      this.busy.delete(session)
      // a session that failed may be in any state (a lost connection, an aborted transaction): not kept
      const keep = !failed && !session.closed && !this.idle.has(connectionId) && (this.generation.get(connectionId) ?? 0) === generation
      if (keep) this.idle.set(connectionId, session)
      else await session.close().catch(() => session.destroy?.())
    }
  }

  /** Closes the kept session of a connection (its profile changed or it was deleted). */
  forget(connectionId: string): void {
    this.generation.set(connectionId, (this.generation.get(connectionId) ?? 0) + 1)
    const session = this.idle.get(connectionId)
    this.idle.delete(connectionId)
    if (session) void session.close().catch(() => session.destroy?.())
  }

  async close(): Promise<void> {
    const sessions = [...this.idle.values()]
    this.idle.clear()
    await Promise.all(sessions.map((s) => s.close().catch(() => s.destroy?.())))
  }
}
