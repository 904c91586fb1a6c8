import type { AiValueIndexStatus } from '../../../shared/contract/ai-values'
import { AppError } from '../../../shared/errors'
import type { SchemaModel } from '../../../shared/schema-model'
import { inBackground } from '../background'
import type { DriverSession } from '../drivers/types'
import type { EventSink } from '../rpc/handlers'
import type { LocalStore } from '../store/local-store'
import { ValueIndex, type ValueEntry } from './retrieval/value-index'
import { sampleValues } from './retrieval/value-sampler'

export interface ValueServiceDeps {
  store: LocalStore
  events: EventSink
  schema: { get(connectionId: string): Promise<SchemaModel> }
  connections: {
    /** Throws NOT_FOUND for a connection that does not exist. */
    get(connectionId: string): unknown
    /** A new dedicated session (never a tab's); the caller closes it. Read-only connections give read-only sessions. */
    session(connectionId: string): Promise<DriverSession>
  }
}

interface Run {
  controller: AbortController
  done: number
  total: number
}

/** The opt-in value index of each connection: sampling in the background with progress, refresh, clear. */
export class ValueService {
  readonly index: ValueIndex
  private readonly runs = new Map<string, Run>()
  private readonly errors = new Map<string, string>()

  constructor(private readonly deps: ValueServiceDeps) {
    this.index = new ValueIndex(deps.store.db)
    // sets a run left half-written when the app last stopped
    void inBackground(this.index.purgeOrphans(), () => {})
  }

  status(connectionId: string): AiValueIndexStatus {
    const run = this.runs.get(connectionId)
    return {
      connectionId,
      ...this.index.status(connectionId),
      sampling: run ? { done: run.done, total: run.total } : null,
      error: this.errors.get(connectionId) ?? null
    }
  }

  setEnabled(connectionId: string, enabled: boolean): AiValueIndexStatus {
    this.deps.connections.get(connectionId)
    if (!enabled) this.stop(connectionId)
    this.index.setEnabled(connectionId, enabled)
    if (enabled) this.start(connectionId)
    return this.status(connectionId)
  }

  rebuild(connectionId: string): AiValueIndexStatus {
    this.deps.connections.get(connectionId)
    if (!this.index.status(connectionId).enabled) throw new AppError('INVALID_INPUT', 'The value index is off for this connection; turn it on first.')
    this.start(connectionId)
    return this.status(connectionId)
  }

  clear(connectionId: string): AiValueIndexStatus {
    this.stop(connectionId)
    this.errors.delete(connectionId)
    this.index.clear(connectionId)
    return this.status(connectionId)
  }

  /** The profile changed (it may point at another database now): the values go, and are read again if the index is on. */
  profileChanged(connectionId: string): void {
    this.stop(connectionId)
    this.errors.delete(connectionId)
    const { enabled } = this.index.clear(connectionId)
    if (enabled) this.start(connectionId)
  }

  /** The connection was deleted: its values and its opt-in go. */
  forget(connectionId: string): void {
    this.stop(connectionId)
    this.errors.delete(connectionId)
    this.index.forget(connectionId)
  }

  /** Resolves once no sampling runs for the connection (tests, shutdown). */
  async idle(connectionId: string): Promise<void> {
    while (this.runs.has(connectionId)) await new Promise((r) => setTimeout(r, 20))
  }

  dispose(): void {
    for (const id of this.runs.keys()) this.stop(id)
  }

  private stop(connectionId: string): void {
    this.runs.get(connectionId)?.controller.abort()
    this.runs.delete(connectionId)
  }

  /** A new run replaces a running one (its values would be older). */
  private start(connectionId: string): void {
    this.stop(connectionId)
    this.errors.delete(connectionId)
    const run: Run = { controller: new AbortController(), done: 0, total: 0 }
    this.runs.set(connectionId, run)
    const emit = (phase: 'sampling' | 'done' | 'failed' | 'cancelled', message?: string) =>
      this.deps.events.emit('ai.values.progress', { connectionId, phase, done: run.done, total: run.total, ...(message ? { message } : {}) })
    void inBackground(this.sample(connectionId, run, () => emit('sampling')), (error) => {
      if (run.controller.signal.aborted) return emit('cancelled')
      this.errors.set(connectionId, error.message)
      emit('failed', error.message)
    }).finally(() => {
      if (this.runs.get(connectionId) !== run) return
      this.runs.delete(connectionId)
      if (!this.errors.has(connectionId)) emit('done')
    })
  }

  private async sample(connectionId: string, run: Run, progress: () => void): Promise<void> {
    const signal = run.controller.signal
    const model = await this.deps.schema.get(connectionId)
    signal.throwIfAborted()
    const session = await this.deps.connections.session(connectionId)
    let entries: ValueEntry[]
    try {
      const result = await sampleValues(session, model, {
        signal,
        maxDistinct: this.index.limits.maxPerColumn,
        maxValueChars: this.index.limits.maxValueChars,
        onProgress: (done, total) => {
          run.done = done
          run.total = total
          progress()
        }
      })
      entries = result.entries
    } finally {
      await session.close().catch(() => session.destroy?.())
    }
    // turned off or cleared while sampling: the run was aborted, and an aborted write leaves nothing behind
    await this.index.replaceInSteps(connectionId, entries, signal)
  }
}
