import { randomBytes } from 'node:crypto'
import { dirname } from 'node:path'
import type { ColumnMeta } from '../../../shared/cells'
import type { CallInput, CallOutput, EventPayload } from '../../../shared/contract'
import type { ImportColumnType } from '../../../shared/contract/import'
import { factsOf } from '../../../shared/engines'
import { AppError } from '../../../shared/errors'
import { inBackground } from '../background'
import type { DriverSession, StatementSink } from '../drivers/types'
import type { Analysis, Verdict } from '../statements/types'
import { engineFor } from '../engines'
import type { CopyInConnection } from '../engines/types'
import type { QueryConnections } from '../query/query-service'
import type { EventSink } from '../rpc/handlers'
import { copyLine, copyStatement, insertStatements, type ReadyRow } from './batch-sql'
import { convert, Rejection } from './convert'
import type { ImportFiles } from './import-files'
import { ColumnInference } from './infer'
import { RejectedFile } from './rejected-file'
import { openSource, type Source } from './source'
import type { AuditSink } from '../audit/audit-log'
import { auditedCopy } from '../audit/audited-copy'
import { createTableSql, importTypeOf, mapByName, tableName, tableNameFromFile, type NewColumn } from './target'
import { BackgroundJobs } from '../jobs/background-jobs'

export interface ImportServiceDeps {
  connections: QueryConnections
  events: EventSink
  files: ImportFiles
  /** Rejected-row files of uploaded sources (and of sources whose folder is not writable): the data folder's exports area. */
  exportDir: string
  /** A table was created: the schema model is read again. */
  onSchemaChange?(connectionId: string): void
  /** false: never the engine's bulk path (COPY), always multi-row INSERTs (tests compare the two; default true). */
  bulk?: boolean
  /** Least time between two `running` events (default 150 ms; tests use 0 for an event per batch). */
  progressEveryMs?: number
  /** Records the bulk path's statements (its own connection bypasses the audited sessions). */
  audit?: AuditSink
}

type Progress = EventPayload<'import.progress'>
type StartInput = CallInput<'import.start'>
const PROGRESS_EVERY_MS = 150
const KEEP_OFFSET = { keepOffset: true }
const NO_OPTIONS = {}
const DEFAULT_BATCH = { copy: 20_000, insert: 1000 }

interface Job {
  cancelled: boolean
  session?: DriverSession
  copy?: CopyInConnection
}

/** Preview, then import of CSV/TSV, XLSX, JSON and JSONL files into a new or existing table, with progress and Cancel. */
export class ImportService {
  private readonly jobs = new BackgroundJobs<Job>()
  /** Rejected-rows files of ended imports, by download id (web mode serves only these, like finished exports). */

  constructor(private readonly deps: ImportServiceDeps) {}

  private writable(connectionId: string): void {
    const profile = this.deps.connections.get(connectionId)
    if (profile.readOnly) throw new AppError('READ_ONLY', `"${profile.name}" is a read-only connection: imports are refused. Turn Read-only off in the connection's settings to import.`)
  }

  async preview(input: CallInput<'import.preview'>): Promise<CallOutput<'import.preview'>> {
    this.writable(input.connectionId)
    const profile = this.deps.connections.get(input.connectionId)
    const file = this.deps.files.get(input.fileId)
    const source = await openSource(file.path, file.name, input.options ?? {})
    try {
      const inferred = infer(source)
      const table = input.table ?? { name: tableNameFromFile(file.name) }
      const existingColumns = await this.tableColumns(input.connectionId, table).catch(() => null)
      return {
        format: source.format,
        delimiter: source.delimiter,
        encoding: source.encoding,
        header: source.header,
        sheets: source.sheets,
        columns: source.columns.map((name, i) => ({ name, type: inferred[i]!.type, nulls: inferred[i]!.nulls })),
        rows: source.sample.slice(0, input.rows ?? 100).map((r) => r.map(display)),
        ddl: createTableSql(profile.dialect, table, source.columns.map((name, i) => ({ name, ...inferred[i]! }))),
        tableName: table.name,
        existing: existingColumns && {
          columns: existingColumns.map((c) => ({ name: c.name, dbType: c.dbType })),
          mapping: mapByName(
            source.columns,
            existingColumns.map((c) => c.name)
          )
        }
      }
    } finally {
      await source.close()
    }
  }

  async start(input: StartInput): Promise<{ importId: string }> {
    // before the file is read: a read-only connection never imports
    this.writable(input.connectionId)
    const file = this.deps.files.get(input.fileId)
    const importId = `i_${randomBytes(12).toString('base64url')}`
    const job: Job = { cancelled: false }
    this.jobs.add(importId, job)
    const progress: Progress = { importId, state: 'running', rows: 0, inserted: 0, rejected: 0, rejectedPath: null }
    void inBackground(this.run(job, input, file, progress), (error) => this.deps.events.emit('import.progress', { ...progress, state: 'error', error })).finally(() =>
      this.jobs.remove(importId)
    )
    return { importId }
  }

  async cancel(importId: string): Promise<void> {
    const job = this.jobs.get(importId)
    if (!job) return
    job.cancelled = true
    job.copy?.abort()
    await job.session?.cancel().catch(() => undefined)
  }

  /** The rejected-rows file of an ended import by its download id, or undefined. */
  downloadPath(id: string): string | undefined {
    return this.jobs.downloadPath(id)
  }

  running(): string[] {
    return this.jobs.running()
  }

  async idle(): Promise<void> {
    return this.jobs.idle()
  }

  /** The columns of an existing table or view (a query for no rows), or a SQL_ERROR when there is none. */
  private async tableColumns(connectionId: string, table: { schema?: string; name: string }, session?: DriverSession): Promise<ColumnMeta[]> {
    const own = session ?? (await this.deps.connections.session(connectionId))
    try {
      const dialect = this.deps.connections.get(connectionId).dialect
      let columns: ColumnMeta[] = []
      const sql = factsOf(dialect).limitSyntax === 'top' ? `SELECT TOP 0 * FROM ${tableName(dialect, table)}` : `SELECT * FROM ${tableName(dialect, table)} WHERE 1 = 0`
      await own.execute(sql, sink((c) => (columns = c)))
      return columns
    } finally {
      if (!session) await own.close().catch(() => undefined)
    }
  }

  private async run(job: Job, input: StartInput, file: ReturnType<ImportFiles['get']>, progress: Progress): Promise<void> {
    const { connectionId, target } = input
    const dialect = this.deps.connections.get(connectionId).dialect
    const facts = factsOf(dialect)
    const transaction = input.mode === 'transaction'
    let last = 0
    const emit = (state: Progress['state'], error?: AppError, force = false): void => {
      const now = performance.now()
      if (!force && state === 'running' && now - last < (this.deps.progressEveryMs ?? PROGRESS_EVERY_MS)) return
      last = now
      if (state !== 'running' && rejected?.path) {
        // the end: the rejected-rows file is complete and may be downloaded (web mode)
        rejected.close()
        const id = `x_${randomBytes(12).toString('base64url')}`
        this.jobs.offer(id, rejected.path)
        progress.rejectedDownloadId = id
      }
      Object.assign(progress, { state }, error ? { error: error.toShape() } : {})
      this.deps.events.emit('import.progress', { ...progress })
    }
    const cancelled = (): void => {
      if (job.cancelled) throw new AppError('CANCELLED', 'Import cancelled.')
    }
    let source: Source | null = null
    let rejected: RejectedFile | null = null
    let created: string | null = null
    let open = false
    let inflight: Promise<void> | null = null
    const session = (job.session = await this.deps.connections.session(connectionId))
    try {
      emit('running', undefined, true)
      source = await openSource(file.path, file.name, input.options ?? {})
      const table = tableName(dialect, target.table)
      // the target's columns, their import types, and which source column feeds each
      let columns: string[]
      let types: ImportColumnType[]
      let feeds: number[]
      const keepOffset: boolean[] = []
      if (target.kind === 'new') {
        if (target.columns.length !== source.columns.length) throw new AppError('INVALID_INPUT', `The file has ${source.columns.length} columns; the new table lists ${target.columns.length}.`)
        const inferred = infer(source)
        const defs: NewColumn[] = target.columns.map((c, i) => ({ ...c, ...(c.type === 'decimal' ? { precision: inferred[i]!.precision, scale: inferred[i]!.scale } : {}) }))
        cancelled()
        await session.execute(createTableSql(dialect, target.table, defs), sink())
        created = table
        this.deps.connections.forgetAnalysisContext(connectionId)
        session.forgetAnalysisContext()
        this.deps.onSchemaChange?.(connectionId)
        columns = defs.map((c) => c.name)
        types = defs.map((c) => c.type)
        feeds = defs.map((_, i) => i)
      } else {
        const existing = await this.tableColumns(connectionId, target.table, session)
        if (target.mapping.length > source.columns.length) throw new AppError('INVALID_INPUT', `The file has ${source.columns.length} columns; the mapping lists ${target.mapping.length}.`)
        columns = []
        types = []
        feeds = []
        target.mapping.forEach((name, i) => {
          if (name === null) return
          const col = existing.find((c) => c.name === name) ?? existing.find((c) => c.name.toLowerCase() === name.toLowerCase())
          if (!col) throw new AppError('INVALID_INPUT', `${target.table.name} has no column ${name}.`)
          columns.push(col.name)
          types.push(importTypeOf(col))
          keepOffset.push(/^timestamptz|with time zone/i.test(col.dbType))
          feeds.push(i)
        })
        if (!columns.length) throw new AppError('INVALID_INPUT', 'Map at least one column of the file to a column of the table.')
      }
      const stem = file.name.replace(/\.[^.]*$/, '') || 'import'
      rejected = new RejectedFile(file.uploaded ? [this.deps.exportDir] : [dirname(file.path), this.deps.exportDir], stem, source.columns)
      const reject = (line: number, values: readonly unknown[] | null, reason: string): void => {
        rejected!.add(line, values, reason)
        progress.rejected = rejected!.count
        progress.rejectedPath = rejected!.path
      }

      // PostgreSQL: COPY FROM STDIN on a connection of its own; the others: multi-row INSERTs in this session
      const copyIn = this.deps.bulk === false ? undefined : engineFor(dialect).copyIn
      const bulk = copyIn ? await copyIn(session) : null
      const copy = bulk && this.deps.audit ? auditedCopy(bulk, connectionId, this.deps.audit) : bulk
      job.copy = copy ?? undefined
      const copySql = copyStatement(dialect, table, columns)
      // every statement goes through the analyser: the COPY too (it runs on its own connection)
      if (copy) await session.analyse(copySql)
      const run = async (sql: string): Promise<void> => (copy ? copy.run(sql) : session.execute(sql, sink()))
      const batchSize = input.batchSize ?? (copy ? DEFAULT_BATCH.copy : DEFAULT_BATCH.insert)

      if (transaction) {
        await run(copy ? 'BEGIN' : facts.beginTransactionSql)
        open = true
      }
      // the INSERTs of one import differ only in the literal tuples written here (facts.stringLiteral and friends):
      // the first is analysed in full, the others take its verdict (analysing 1000 rows of literals costs 20-30 ms)
      let verdict: Verdict | null = null
      const analysed = async (sql: string): Promise<Analysis> => {
        if (verdict) return { dialect, sql, statements: [{ text: sql, offset: 0, ...verdict }] }
        const a = await session.analyse(sql)
        if (a.statements.length === 1) verdict = { kind: a.statements[0]!.kind, reason: a.statements[0]!.reason }
        return a
      }
      /** A batch: its rows, and for COPY the same rows as CSV (built while converting; the rows are kept only for a retry). */
      interface Batch {
        rows: ReadyRow[]
        csv: string
        count: number
        lines: number[]
        raws: unknown[][]
      }
      const insert = async (b: Batch): Promise<void> => {
        if (copy) await copy.copy(copySql, Buffer.from(b.csv, 'utf8'))
        else for (const sql of insertStatements(dialect, table, columns, types, b.rows)) await session.execute(await analysed(sql), sink())
      }
      /** One batch to the server; while it runs the next one is read and converted (at most one in flight). */
      const send = async (b: Batch): Promise<void> => {
        try {
          await insert(b)
          progress.inserted += b.count
        } catch (e) {
          cancelled()
          if (transaction || isConnectionError(e)) throw e
          // batches: the failed batch is retried row by row in this session; rows the server refuses are rejected
          for (let i = 0; i < b.rows.length; i++) {
            cancelled()
            try {
              await session.execute(insertStatements(dialect, table, columns, types, [b.rows[i]!])[0]!, sink())
              progress.inserted++
            } catch (err) {
              if (isConnectionError(err)) throw err
              reject(b.lines[i]!, b.raws[i]!, serverReason(err))
            }
          }
        }
        emit('running')
      }
      // per-batch mode retries a refused batch row by row: it keeps the rows, their lines and values
      const keepRows = !copy || !transaction
      const newBatch = (): Batch => ({ rows: [], csv: '', count: 0, lines: [], raws: [] })
      let batch = newBatch()
      const flush = async (): Promise<void> => {
        if (inflight) await inflight
        inflight = null
        cancelled()
        if (!batch.count) return
        const p = send(batch)
        // a failure surfaces at the next flush; marked handled so that it is not reported as unhandled meanwhile
        p.catch(() => undefined)
        inflight = p
        batch = newBatch()
      }

      let line = 0
      for await (const rows of source.rows) {
        for (const row of rows) {
          line++
          progress.rows = line
          if (row instanceof Error) {
            reject(line, null, row.message)
            continue
          }
          const ready: ReadyRow = Array.from({ length: feeds.length })
          let reasons: string[] | null = null
          for (let c = 0; c < feeds.length; c++) {
            const v = convert(row[feeds[c]!], types[c]!, keepOffset[c] ? KEEP_OFFSET : NO_OPTIONS)
            if (v instanceof Rejection) (reasons ??= []).push(`${columns[c]}: ${v.reason}`)
            else ready[c] = v
          }
          if (reasons) {
            reject(line, row, reasons.join('; '))
            continue
          }
          if (copy) batch.csv += copyLine(ready)
          if (keepRows) batch.rows.push(ready)
          if (!transaction) {
            batch.lines.push(line)
            batch.raws.push(row)
          }
          if (++batch.count >= batchSize) await flush()
        }
      }
      // the last batch, then the wait for it
      await flush()
      await flush()
      cancelled()
      if (open) {
        await run('COMMIT')
        open = false
      }
      emit('done', undefined, true)
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('INTERNAL', `Import failed: ${err instanceof Error ? err.message : String(err)}`)
      const stopped = job.cancelled || e.code === 'CANCELLED'
      // the batch still running ends before the rollback uses the session
      await (inflight as Promise<void> | null)?.catch(() => undefined)
      // one transaction: nothing stays, not even the table the import created
      if (open || (transaction && created)) await this.undo(job, connectionId, session, open, created)
      if (stopped) emit('cancelled', undefined, true)
      else emit('error', e, true)
    } finally {
      rejected?.close()
      await source?.close().catch(() => undefined)
      await job.copy?.close().catch(() => undefined)
      await session.close().catch(() => undefined)
    }
  }

  /** Rolls the open transaction back (the COPY connection's goes with it when dropped) and drops a created table. */
  private async undo(job: Job, connectionId: string, session: DriverSession, open: boolean, created: string | null): Promise<void> {
    if (job.copy) job.copy.abort()
    else if (open) await session.execute('ROLLBACK', sink()).catch(() => undefined)
    if (!created) return
    const s = session.closed ? await this.deps.connections.session(connectionId) : session
    try {
      await s.execute(`DROP TABLE ${created}`, sink())
      this.deps.connections.forgetAnalysisContext(connectionId)
      this.deps.onSchemaChange?.(connectionId)
    } catch {
      // the table stays; the error the import reports says what happened
    } finally {
      if (s !== session) await s.close().catch(() => undefined)
    }
  }
}

/** The sample's inferred column types. */
function infer(source: Source): ReturnType<ColumnInference['result']> {
  const inference = new ColumnInference()
  for (const row of source.sample) inference.add(row)
  return inference.result(source.columns.length)
}

function display(v: unknown): string | null {
  if (v === null || v === undefined) return null
  if (v instanceof Date) return v.toISOString()
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

function sink(onColumns?: (columns: ColumnMeta[]) => void): StatementSink {
  return { beginResult: (columns) => onColumns?.(columns), rows: () => undefined, endResult: () => undefined, notice: () => undefined }
}

function isConnectionError(e: unknown): boolean {
  return e instanceof AppError && (e.code === 'CONNECTION_LOST' || e.code === 'CANCELLED' || e.code === 'READ_ONLY')
}

function serverReason(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0]! : String(e)
}
