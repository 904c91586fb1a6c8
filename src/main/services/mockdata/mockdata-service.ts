import { randomBytes } from 'node:crypto'
import type { CallInput, CallOutput, ConnectionProfile, EventPayload } from '../../../shared/contract'
import type { MockTableProgress } from '../../../shared/contract/mockdata'
import { AppError } from '../../../shared/errors'
import type { SchemaModel } from '../../../shared/schema-model'
import { inBackground } from '../background'
import { auditedCopy } from '../audit/audited-copy'
import type { AuditSink } from '../audit/audit-log'
import type { DriverSession } from '../drivers/types'
import type { EventSink } from '../rpc/handlers'
import { Channel } from './channel'
import { readExisting } from './existing-rows'
import { buildJobs, chosenTables, findTable, type Pool, type TableJob } from './plan'
import { BackgroundJobs } from '../jobs/background-jobs'

export interface MockDataDeps {
  connections: {
    get(id: string): ConnectionProfile
    /** A new dedicated session; the caller closes it. */
    session(id: string): Promise<DriverSession>
  }
  schema: { get(connectionId: string, options?: { refresh?: boolean }): Promise<SchemaModel> }
  events: EventSink
  /** Records the COPY path's statements (sessions are audited by the connections given). */
  audit?: AuditSink
  /** SQL and CSV files go here (the data folder's exports area). */
  exportDir: string
  /** false: never COPY, always multi-row INSERTs (tests compare; default true). */
  bulk?: boolean
  /** Least time between two `running` events (default 150 ms; tests use 0). */
  progressEveryMs?: number
}

type PlanInput = CallInput<'mockdata.plan'>
type Progress = EventPayload<'mockdata.progress'>
// several batches per table, so that the next one is made while the server takes the last
const DEFAULT_BATCH = { copy: 10_000, insert: 1000 }

interface Job {
  cancelled: boolean
  channel?: Channel
}

/**
 * Test data for chosen tables: a plan from the schema model (dependency order, a generator per column, checks, cycles),
 * a preview, and generation into the database (through the import's batch writer, the statement analyser and the
 * connection's read-only guard) or into SQL / CSV files, with progress and Cancel.
 */
export class MockDataService {
  private readonly jobs = new BackgroundJobs<Job>()

  constructor(private readonly deps: MockDataDeps) {}

  /** The model (read again once when a chosen table is not in it: created since), the jobs and what exists already. */
  private async prepare(input: PlanInput): Promise<{ jobs: TableJob[]; plan: CallOutput<'mockdata.plan'>; external: Map<string, Pool> }> {
    const profile = this.deps.connections.get(input.connectionId)
    let model = await this.deps.schema.get(input.connectionId)
    if (input.tables.some((t) => !findTable(model, t))) model = await this.deps.schema.get(input.connectionId, { refresh: true })
    const chosen = chosenTables(model, input.tables)
    const session = await this.deps.connections.session(input.connectionId)
    try {
      const { maxKeys, external } = await readExisting(session, model, chosen)
      const { jobs, plan } = buildJobs({
        model,
        dialect: profile.dialect,
        tables: input.tables,
        rowsPerTable: input.rowsPerTable ?? 100,
        overrides: input.overrides ?? [],
        maxKeys,
        external
      })
      return { jobs, plan, external }
    } finally {
      await session.close().catch(() => undefined)
    }
  }

  async plan(input: PlanInput): Promise<CallOutput<'mockdata.plan'>> {
    return (await this.prepare(input)).plan
  }

  async preview(input: CallInput<'mockdata.preview'>): Promise<CallOutput<'mockdata.preview'>> {
    const { jobs, plan, external } = await this.prepare(input)
    const { addToPool, poolOf, RowMaker, takeRows } = await import('./generation')
    const seed = input.seed ?? 1
    const pools = new Map(external)
    for (const job of jobs) pools.set(job.key, poolOf(job))
    // parents are made in full (up to the preview's needs) so that children pick the same rows they will get
    const tables = jobs.map((job) => {
      const maker = new RowMaker(job, seed, pools)
      const want = job.referenced.length ? job.rows : Math.min(job.rows, input.rows ?? 10)
      const rows = takeRows(maker, Math.min(want, 100_000))
      addToPool(pools.get(job.key)!, job, rows)
      return { schema: job.table.schema, name: job.table.name, columns: job.columns.map((c) => c.name), rows: rows.slice(0, input.rows ?? 10) }
    })
    return { tables, warnings: plan.warnings }
  }

  async start(input: CallInput<'mockdata.start'>): Promise<{ jobId: string }> {
    const profile = this.deps.connections.get(input.connectionId)
    const target = input.target
    if (target.kind === 'database') {
      // refused before anything is read or sent
      if (profile.readOnly) throw new AppError('READ_ONLY', `"${profile.name}" is a read-only connection: no test data is written. Turn Read-only off in the connection's settings, or generate files instead.`)
      if (profile.tag === 'production' && !target.confirmed) throw new AppError('CONFIRMATION_REQUIRED', `${profile.name} is a production connection: confirm to write test data into it.`)
    }
    const { jobs, external } = await this.prepare(input)
    const jobId = `m_${randomBytes(12).toString('base64url')}`
    const job: Job = { cancelled: false }
    this.jobs.add(jobId, job)
    const tables: MockTableProgress[] = jobs.map((j) => ({ schema: j.table.schema, name: j.table.name, state: 'pending', rows: 0, inserted: 0, rejected: 0, reasons: [], updated: 0 }))
    const progress: Progress = { jobId, state: 'running', tables }
    let last = 0
    const emit = (force = false): void => {
      const now = performance.now()
      if (!force && now - last < (this.deps.progressEveryMs ?? 150)) return
      last = now
      this.deps.events.emit('mockdata.progress', structuredClone(progress))
    }
    const end = (state: Progress['state'], error?: AppError): void => {
      Object.assign(progress, { state }, error ? { error: error.toShape() } : {})
      emit(true)
    }
    const run = async (): Promise<void> => {
      const common = { seed: input.seed ?? 1, external, isCancelled: () => job.cancelled, onProgress: emit }
      try {
        emit(true)
        const { fillDatabase, fillFiles } = await import('./generation')
        if (target.kind === 'files') {
          const paths = await fillFiles(jobs, tables, { ...common, format: target.format, dialect: profile.dialect, dir: this.deps.exportDir, stamp: jobId.slice(2, 10) })
          progress.files = paths.map((path) => {
            const downloadId = `x_${randomBytes(12).toString('base64url')}`
            this.jobs.offer(downloadId, path)
            return { path, downloadId }
          })
        } else {
          const session = await this.deps.connections.session(input.connectionId)
          try {
            const channel = (job.channel = await Channel.open(profile.dialect, session, this.deps.bulk !== false, (copy) =>
              this.deps.audit ? auditedCopy(copy, input.connectionId, this.deps.audit, 'mockdata') : copy
            ))
            try {
              const batchSize = target.batchSize ?? (channel.copy ? DEFAULT_BATCH.copy : DEFAULT_BATCH.insert)
              await fillDatabase(jobs, tables, channel, { ...common, transaction: target.transaction ?? 'table', batchSize })
            } finally {
              await channel.close()
            }
          } finally {
            await session.close().catch(() => session.destroy?.())
          }
        }
        end('done')
      } catch (err) {
        const e = err instanceof AppError ? err : new AppError('INTERNAL', `Generation failed: ${err instanceof Error ? err.message : String(err)}`)
        if (job.cancelled || e.code === 'CANCELLED') end('cancelled')
        else end('error', e)
      }
    }
    void inBackground(run(), (error) => this.deps.events.emit('mockdata.progress', { ...progress, state: 'error', error })).finally(() => this.jobs.remove(jobId))
    return { jobId }
  }

  async cancel(jobId: string): Promise<void> {
    const job = this.jobs.get(jobId)
    if (!job) return
    job.cancelled = true
    await job.channel?.abort()
  }

  /** A file a finished job wrote, by its download id (web mode serves only these). */
  downloadPath(id: string): string | undefined {
    return this.jobs.downloadPath(id)
  }

  running(): string[] {
    return this.jobs.running()
  }

  async idle(): Promise<void> {
    return this.jobs.idle()
  }
}
