import { AppError } from '../../../../shared/errors'
import { SqliteWorker } from './sqlite-worker'

/**
 * At most this many SQLite worker processes live at once (each is a Node process of ~30 MB that takes ~50 ms of CPU
 * to start). Further sessions wait their turn in a queue instead of starting more processes.
 */
export const DEFAULT_MAX_SQLITE_WORKERS = 6
/**
 * Sessions that cannot give their process back (a transaction, temp tables, an in-memory database) could hold every
 * place under the cap for good: when the queue has not moved for WAIT_BEFORE_OVERFLOW_MS (no process handed on), the
 * waiting session gets one past the cap, up to OVERFLOW_MAX_SQLITE_WORKERS in all. A burst that moves stays queued
 * under the cap; nobody waits forever.
 */
export const OVERFLOW_MAX_SQLITE_WORKERS = 24
const WAIT_BEFORE_OVERFLOW_MS = 2000
/** A worker whose database was closed is kept this long for the next session, then stopped. */
const IDLE_MS = 30_000
/**
 * Starting a process forks this one, which holds the event loop for as long as the fork takes (tens of ms for a
 * large process): starts are one at a time, this far apart, so other calls are answered in between.
 */
const SPAWN_GAP_MS = 40

/** A session holding a worker it is not using; asked to give it back when others wait. */
export interface WorkerHolder {
  /** Closes its database and returns the worker (true) when nothing would be lost: no transaction, temp objects or attachments. */
  park(): Promise<boolean>
}

interface Waiter {
  resolve: (worker: SqliteWorker) => void
  reject: (error: Error) => void
}

/**
 * The pool of SQLite worker processes: a cap, a FIFO queue, reuse of processes whose database was closed, and —
 * when sessions wait while every process is held — parking of idle sessions (they reopen on their next statement).
 * A cancel still kills only the process of the session it cancels.
 */
export class SqliteWorkerPool {
  private live = 0
  private spawned = 0
  private readonly idle: { worker: SqliteWorker; timer: NodeJS.Timeout }[] = []
  private readonly waiters: Waiter[] = []
  private readonly holders = new Set<WorkerHolder>()
  private parking = false
  private spawning: Promise<void> = Promise.resolve()
  private lastSpawn = -Infinity
  /** When a waiter last got a process: the queue is moving. */
  private lastHandOff = -Infinity

  constructor(
    public max = DEFAULT_MAX_SQLITE_WORKERS,
    public overflowMax = OVERFLOW_MAX_SQLITE_WORKERS,
    public overflowAfterMs = WAIT_BEFORE_OVERFLOW_MS
  ) {}

  /** Processes alive (idle ones included) and sessions waiting for one, for tests and diagnostics. */
  stats(): { live: number; idle: number; waiting: number; spawned: number } {
    return { live: this.live, idle: this.idle.length, waiting: this.waiters.length, spawned: this.spawned }
  }

  /** Whether acquire would answer at once (an idle process, or room for a new one). */
  available(): boolean {
    return this.idle.some((e) => e.worker.alive) || this.live < this.max
  }

  /** Whether sessions are waiting for a worker: an idle session then parks its own. */
  wanted(): boolean {
    return this.waiters.length > 0
  }

  /** A worker with no database open: an idle one, a new one under the cap, else the next one given back. */
  acquire(signal?: AbortSignal): Promise<SqliteWorker> {
    const reused = this.takeIdle()
    if (reused) return Promise.resolve(reused)
    if (this.live < this.max) return this.spawn()
    if (signal?.aborted) return Promise.reject(new AppError('CANCELLED', 'The statement was cancelled.'))
    return new Promise<SqliteWorker>((resolve, reject) => {
      const leave = (): boolean => {
        clearTimeout(overflow)
        const i = this.waiters.indexOf(waiter)
        if (i >= 0) this.waiters.splice(i, 1)
        return i >= 0
      }
      const waiter: Waiter = {
        resolve: (worker) => {
          leave()
          this.lastHandOff = performance.now()
          resolve(worker)
        },
        reject: (error) => {
          leave()
          reject(error)
        }
      }
      let overflow: NodeJS.Timeout
      const checkStuck = (): void => {
        const stuckFor = performance.now() - Math.max(this.lastHandOff, queuedAt)
        if (stuckFor < this.overflowAfterMs || this.live >= this.overflowMax) {
          overflow = setTimeout(checkStuck, Math.max(50, this.overflowAfterMs - stuckFor))
          overflow.unref()
        } else if (leave()) this.spawn().then(resolve, reject)
      }
      const queuedAt = performance.now()
      overflow = setTimeout(checkStuck, this.overflowAfterMs)
      overflow.unref()
      this.waiters.push(waiter)
      signal?.addEventListener('abort', () => leave() && reject(new AppError('CANCELLED', 'The statement was cancelled.')), { once: true })
      this.parkIdleHolders()
    })
  }

  /** A worker whose database was closed cleanly (request 'close' answered): the next waiter gets it, else it idles. */
  giveBack(worker: SqliteWorker): void {
    if (!worker.alive) return
    const waiter = this.waiters.shift()
    if (waiter) return waiter.resolve(worker)
    const timer = setTimeout(() => {
      const i = this.idle.findIndex((e) => e.worker === worker)
      if (i >= 0) this.idle.splice(i, 1)
      void worker.terminate()
    }, IDLE_MS)
    timer.unref()
    worker.setIdle(true)
    this.idle.push({ worker, timer })
  }

  /** Sessions that hold a worker register so the pool can ask them to park it when others wait. */
  register(holder: WorkerHolder): void {
    this.holders.add(holder)
  }

  unregister(holder: WorkerHolder): void {
    this.holders.delete(holder)
  }

  /** Stops the idle workers (shutdown, tests). */
  async drain(): Promise<void> {
    const idle = this.idle.splice(0)
    for (const e of idle) clearTimeout(e.timer)
    await Promise.all(idle.map((e) => e.worker.terminate()))
  }

  private takeIdle(): SqliteWorker | undefined {
    while (this.idle.length) {
      const e = this.idle.pop()!
      clearTimeout(e.timer)
      if (e.worker.alive) {
        e.worker.setIdle(false)
        return e.worker
      }
    }
    return undefined
  }

  /** A new process; its place under the cap is taken at once, the start waits its turn (SPAWN_GAP_MS). */
  private spawn(): Promise<SqliteWorker> {
    this.live++
    const turn = this.spawning.then(async () => {
      const wait = this.lastSpawn + SPAWN_GAP_MS - performance.now()
      await new Promise<void>((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)))
    })
    this.spawning = turn
    return turn.then(() => {
      this.spawned++
      try {
        return new SqliteWorker(() => this.exited())
      } catch (error) {
        this.exited()
        throw error
      } finally {
        this.lastSpawn = performance.now()
      }
    })
  }

  /** A process ended (cancel, close, crash): its place goes to the next waiter. */
  private exited(): void {
    this.live--
    const i = this.idle.findIndex((e) => !e.worker.alive)
    if (i >= 0) clearTimeout(this.idle.splice(i, 1)[0]!.timer)
    const waiter = this.live < this.max ? this.waiters.shift() : undefined
    if (waiter) this.spawn().then(waiter.resolve, waiter.reject)
  }

  /** Asks idle sessions, one at a time, to give back their worker until nobody waits. */
  private parkIdleHolders(): void {
    if (this.parking) return
    this.parking = true
    void (async () => {
      try {
        for (const holder of this.holders) {
          if (this.waiters.length === 0) break
          if (!this.holders.has(holder)) continue
          await holder.park().catch(() => false)
        }
      } finally {
        this.parking = false
      }
    })()
  }
}

/** The app's one pool: every SQLite session of the process shares its cap. */
export const sqliteWorkers = new SqliteWorkerPool()
