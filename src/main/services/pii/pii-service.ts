import { randomBytes } from 'node:crypto'
import type { EventPayload } from '../../../shared/contract'
import type { PiiFinding, PiiReport } from '../../../shared/contract/pii'
import { AppError } from '../../../shared/errors'
import type { SchemaModel } from '../../../shared/schema-model'
import { inBackground } from '../background'
import type { DriverSession } from '../drivers/types'
import type { EventSink } from '../rpc/handlers'
import type Database from 'better-sqlite3'
import { KIND_WORDS } from './detect/kind-words'
import { piiExportText, writePiiExport } from './pii-export'
import { PiiRepository } from './pii-repository'

export interface PiiServiceDeps {
  db: Database.Database
  events: EventSink
  schema: { get(connectionId: string): Promise<SchemaModel> }
  connections: {
    /** Throws NOT_FOUND for a connection that does not exist. */
    get(connectionId: string): { name: string }
    /** A new dedicated session (never a tab's); read-only connections give read-only sessions. */
    session(connectionId: string): Promise<DriverSession>
  }
  exportsDir: string
}

interface Job {
  jobId: string
  connectionId: string
  controller: AbortController
  done: number
  total: number
  findings: number
}

type Progress = EventPayload<'pii.progress'>

/** PII scans on demand, one at a time per connection, in the background; the last complete scan is kept in the store. */
export class PiiService {
  readonly repo: PiiRepository
  private readonly jobs = new Map<string, Job>()
  private readonly errors = new Map<string, string>()
  private readonly cancelled = new Set<string>()
  private readonly downloads = new Map<string, string>()

  constructor(private readonly deps: PiiServiceDeps) {
    this.repo = new PiiRepository(deps.db)
  }

  /** Starts a scan (or returns the one already running for the connection). */
  start(connectionId: string): { jobId: string } {
    this.deps.connections.get(connectionId)
    const running = this.jobOf(connectionId)
    if (running) return { jobId: running.jobId }
    const job: Job = { jobId: `p_${randomBytes(12).toString('base64url')}`, connectionId, controller: new AbortController(), done: 0, total: 0, findings: 0 }
    this.jobs.set(job.jobId, job)
    this.errors.delete(connectionId)
    this.cancelled.delete(connectionId)
    const emit = (state: Progress['state'], extra: Partial<Progress> = {}) =>
      this.deps.events.emit('pii.progress', { jobId: job.jobId, connectionId, state, done: job.done, total: job.total, findings: job.findings, ...extra })
    void inBackground(this.run(job, () => emit('running')), (error) => {
      if (job.controller.signal.aborted) {
        this.cancelled.add(connectionId)
        return emit('cancelled')
      }
      this.errors.set(connectionId, error.message)
      emit('error', { error })
    }).finally(() => {
      this.jobs.delete(job.jobId)
      if (!job.controller.signal.aborted && !this.errors.has(connectionId)) emit('done')
    })
    return { jobId: job.jobId }
  }

  cancel(jobId: string): void {
    const job = this.jobs.get(jobId)
    if (!job) throw new AppError('NOT_FOUND', 'No PII scan with this id is running (it may have finished).')
    job.controller.abort()
  }

  report(connectionId: string): PiiReport {
    this.deps.connections.get(connectionId)
    const stored = this.repo.load(connectionId)
    const job = this.jobOf(connectionId)
    const error = this.errors.get(connectionId) ?? null
    return {
      connectionId,
      state: job ? 'running' : error ? 'error' : this.cancelled.has(connectionId) ? 'cancelled' : stored ? 'done' : 'none',
      scannedAt: stored?.scannedAt ?? null,
      columnsScanned: stored?.columnsScanned ?? 0,
      columnsFailed: stored?.columnsFailed ?? 0,
      findings: stored?.findings ?? [],
      jobId: job?.jobId ?? null,
      progress: job ? { done: job.done, total: job.total } : null,
      error
    }
  }

  export(connectionId: string, format: 'json' | 'csv'): { path: string; exportId: string; count: number } {
    const report = this.report(connectionId)
    const path = writePiiExport(this.deps.exportsDir, piiExportText(report, this.deps.connections.get(connectionId).name, format), format)
    const exportId = `x_${randomBytes(12).toString('base64url')}`
    this.downloads.set(exportId, path)
    return { path, exportId, count: report.findings.length }
  }

  /** `email (0.97)` per classified column, for the docs' classification column. */
  classifications(connectionId: string): { schema: string; table: string; column: string; label: string }[] {
    return (this.repo.load(connectionId)?.findings ?? []).map((f: PiiFinding) => ({ schema: f.schema, table: f.table, column: f.column, label: `${KIND_WORDS[f.kind]} (${f.confidence.toFixed(2)})` }))
  }

  downloadPath(exportId: string): string | undefined {
    return this.downloads.get(exportId)
  }

  /** The connection was deleted or now points elsewhere: its scan goes. */
  forget(connectionId: string): void {
    this.jobOf(connectionId)?.controller.abort()
    this.errors.delete(connectionId)
    this.cancelled.delete(connectionId)
    this.repo.forget(connectionId)
  }

  /** Resolves once no scan runs (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.jobs.size) await new Promise((r) => setTimeout(r, 20))
  }

  dispose(): void {
    for (const job of this.jobs.values()) job.controller.abort()
  }

  private jobOf(connectionId: string): Job | undefined {
    return [...this.jobs.values()].find((j) => j.connectionId === connectionId)
  }

  private async run(job: Job, progress: () => void): Promise<void> {
    const signal = job.controller.signal
    const model = await this.deps.schema.get(job.connectionId)
    signal.throwIfAborted()
    const session = await this.deps.connections.session(job.connectionId)
    try {
      // the detectors (and faker's word lists they use) load with the first scan, not with the app
      const { scanForPii } = await import('./pii-sampler')
      const result = await scanForPii(session, model, {
        signal,
        onProgress: (done, total, findings) => {
          Object.assign(job, { done, total, findings })
          progress()
        }
      })
      signal.throwIfAborted()
      this.repo.save(job.connectionId, { scannedAt: new Date().toISOString(), ...result })
    } finally {
      await session.close().catch(() => session.destroy?.())
    }
  }
}
