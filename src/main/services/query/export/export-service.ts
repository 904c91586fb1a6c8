import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs'
import { extname, join } from 'node:path'
import type { Cell, ColumnMeta, Dialect } from '../../../../shared/cells'
import type { CallInput, EventPayload } from '../../../../shared/contract'
import { firstChange } from '../../statements'
import { AppError } from '../../../../shared/errors'
import type { StatementSink } from '../../drivers/types'
import type { EventSink } from '../../rpc/handlers'
import type { QueryConnections } from '../query-service'
import type { ResultStore } from '../results/result-store'
import { createFileWriter, type FileWriter } from './file-writer'
import { inBackground } from '../../background'
import type { PathGrants } from '../../dialogs/path-grants'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../paths'
import { engineFor } from '../../engines'

export interface ExportServiceDeps {
  results: ResultStore
  connections: QueryConnections
  events: EventSink
  /** Where exports go when `choosePath` is not given (web mode: the data folder's exports/). */
  exportDir: string
  /** Desktop: a save dialog; null means the user cancelled. */
  choosePath?: (suggestedName: string) => Promise<string | null>
  /** Desktop: paths the user picked in `dialogs.saveFile`, presented as one-time grants (`input.grant`). */
  grants?: PathGrants
  /** false: never the engine's own COPY, always the generic writer (tests compare the two; default true). */
  serverCopy?: boolean
}

type Progress = EventPayload<'export.progress'>
const PAGE = 5000
const PROGRESS_EVERY_MS = 150

interface Job {
  cancelled: boolean
  abort: AbortController
  cancelServer?: () => Promise<void>
}

/** Streams a stored result or a fresh server query into a file, with progress events and Cancel. */
export class ExportService {
  private readonly jobs = new Map<string, Job>()
  /** Files this process finished exporting, by export id: the only files a web download may serve. */
  private readonly finished = new Map<string, string>()

  constructor(private readonly deps: ExportServiceDeps) {}

  async start(input: CallInput<'export.start'>): Promise<{ exportId: string; path: string }> {
    if (input.source.kind === 'result') this.deps.results.get(input.source.resultId)
    else this.deps.connections.get(input.source.connectionId)
    const fileName = withExtension(input.fileName, input.format)
    const path = await this.target(input.grant, fileName)
    if (!path) throw new AppError('CANCELLED', 'Export cancelled.')
    const exportId = `x_${randomBytes(12).toString('base64url')}`
    const job: Job = { cancelled: false, abort: new AbortController() }
    this.jobs.set(exportId, job)
    void inBackground(this.runJob(exportId, job, input, path), (error) =>
      this.deps.events.emit('export.progress', { exportId, state: 'error', rows: 0, totalRows: null, bytes: 0, path, error })
    ).finally(() => this.jobs.delete(exportId))
    return { exportId, path }
  }

  async cancel(exportId: string): Promise<void> {
    const job = this.jobs.get(exportId)
    if (!job) return
    job.cancelled = true
    job.abort.abort()
    await job.cancelServer?.().catch(() => undefined)
  }

  /** The file of a finished export of this process, or undefined (unknown, failed, cancelled or still running). */
  finishedPath(exportId: string): string | undefined {
    return this.finished.get(exportId)
  }

  running(): string[] {
    return [...this.jobs.keys()]
  }

  /** Resolves when no export is running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.jobs.size) await new Promise((r) => setTimeout(r, 20))
  }

  /**
   * Where the file goes: never a path from the caller. Desktop: the save dialog's answer (asked now, or an earlier
   * `dialogs.saveFile` presented as its grant). Web mode: a new file in the data folder's exports area.
   */
  private async target(grant: string | undefined, fileName: string): Promise<string | null> {
    if (grant) {
      if (!this.deps.grants) throw new AppError('INVALID_INPUT', "Web mode has no save dialog: exports go to the data folder's exports area.", { issues: [{ path: 'grant', message: 'not available in web mode' }] })
      return this.deps.grants.take(grant, 'file')
    }
    return this.deps.choosePath ? await this.deps.choosePath(fileName) : this.uniquePath(fileName)
  }

  private uniquePath(fileName: string): string {
    // inside the owner-only data folder: the area 0700, each export 0600
    mkdirSync(this.deps.exportDir, { recursive: true, mode: PRIVATE_DIR_MODE })
    const ext = extname(fileName)
    const stem = fileName.slice(0, fileName.length - ext.length)
    // create the file at once ('wx' fails if it exists) so that two exports never pick the same name
    for (let n = 1; ; n++) {
      const path = join(this.deps.exportDir, n === 1 ? fileName : `${stem} (${n})${ext}`)
      try {
        closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE))
        return path
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new AppError('INTERNAL', `Cannot create the export file: ${(e as Error).message}`)
      }
    }
  }

  private async runJob(exportId: string, job: Job, input: CallInput<'export.start'>, path: string): Promise<void> {
    let rows = 0
    let totalRows: number | null = null
    let writer: FileWriter | null = null
    let last = 0
    const emit = (state: Progress['state'], error?: AppError): void =>
      this.deps.events.emit('export.progress', { exportId, state, rows, totalRows, bytes: writer?.bytes ?? 0, path, ...(error ? { error: error.toShape() } : {}) })
    const open = (columns: ColumnMeta[], dialect?: Dialect): FileWriter =>
      (writer = createFileWriter({ path, format: input.format, columns, header: input.header ?? true, tableName: input.tableName, dialect }))
    const progress = (n: number): void => {
      rows += n
      const now = performance.now()
      if (now - last > PROGRESS_EVERY_MS) {
        last = now
        emit('running')
      }
    }
    const write = async (batch: Cell[][]): Promise<void> => {
      if (job.cancelled) throw new AppError('CANCELLED', 'Export cancelled.')
      await writer!.write(batch)
      progress(batch.length)
    }
    // not async: chunks reach the file in call order (a server copy hands them over as they arrive)
    const writeRaw = (chunk: Buffer, n: number): void | Promise<void> => {
      if (job.cancelled) return Promise.reject(new AppError('CANCELLED', 'Export cancelled.'))
      const done = writer!.writeRaw!(chunk)
      progress(n)
      return done
    }
    try {
      emit('running')
      if (input.source.kind === 'result') {
        const { resultId, sort, filter } = input.source
        const result = this.deps.results.get(resultId)
        open(result.columns, result.dialect)
        for (let offset = 0; ; offset += PAGE) {
          const page = await result.window(offset, PAGE, sort, filter)
          totalRows = page.total
          if (page.rows.length === 0) break
          await write(page.rows)
        }
      } else {
        const copy = input.format === 'csv' || input.format === 'tsv' ? { format: input.format, writeRaw } : undefined
        await this.fromServer(job, input.source.connectionId, input.source.sql, open, write, copy)
      }
      if (!writer) open([])
      await writer!.finish()
      this.finished.set(exportId, path)
      emit('done')
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('INTERNAL', `Export failed: ${err instanceof Error ? err.message : String(err)}`)
      await (writer as FileWriter | null)?.abort().catch(() => undefined)
      rmSync(path, { force: true })
      if (job.cancelled || e.code === 'CANCELLED') emit('cancelled')
      else emit('error', e)
    }
  }

  /** Streams the first result set of `sql` straight from a dedicated session into the file. */
  private async fromServer(
    job: Job,
    connectionId: string,
    sql: string,
    open: (columns: ColumnMeta[], dialect: Dialect) => FileWriter,
    write: (batch: Cell[][]) => Promise<void>,
    copy?: { format: 'csv' | 'tsv'; writeRaw: (chunk: Buffer, rows: number) => void | Promise<void> }
  ): Promise<void> {
    const profile = this.deps.connections.get(connectionId)
    const session = await this.deps.connections.session(connectionId)
    job.cancelServer = () => session.cancel()
    let state: 'before' | 'writing' | 'after' = 'before'
    const sink: StatementSink = {
      beginResult: (columns) => {
        if (state === 'before' && columns.length) {
          open(columns, profile.dialect)
          state = 'writing'
        }
      },
      rows: (batch) => (state === 'writing' ? write(batch) : undefined),
      endResult: () => {
        if (state === 'writing') state = 'after'
      },
      notice: () => undefined
    }
    try {
      if (job.cancelled) throw new AppError('CANCELLED', 'Export cancelled.')
      // an export reads: it never runs a statement that may change something, whatever the connection allows
      const analysis = await session.analyse(sql)
      const change = firstChange(analysis)
      if (change) throw new AppError('INVALID_INPUT', `Export runs only queries that read; this SQL may change something (${change.reason}). Run it in the editor instead.`)
      // CSV/TSV of a single statement: the engine's own writer when it has one and takes the statement (Engine.copyOut)
      const copyOut = copy && analysis.statements.length === 1 && this.deps.serverCopy !== false ? engineFor(profile.dialect).copyOut : undefined
      if (copyOut && copy) {
        const csv = copy.format === 'csv'
        const rows = await copyOut(session, analysis.statements[0].text, { delimiter: csv ? ',' : '\t', eol: csv ? '\r\n' : '\n', signal: job.abort.signal }, {
          begin: (names) => open(names.map((name) => ({ name, dbType: '', kind: 'other' })), profile.dialect),
          write: copy.writeRaw
        })
        if (job.cancelled) throw new AppError('CANCELLED', 'Export cancelled.')
        if (rows !== null) return
      }
      await session.execute(analysis, sink, { signal: job.abort.signal, batchSize: PAGE })
      if (job.cancelled) throw new AppError('CANCELLED', 'Export cancelled.')
      if (state === 'before') throw new AppError('INVALID_INPUT', 'The query returned no rows to export (it has no result set).')
    } finally {
      await session.close().catch(() => undefined)
    }
  }
}

const extensions: Record<string, string> = { csv: '.csv', tsv: '.tsv', json: '.json', jsonl: '.jsonl', xlsx: '.xlsx', sql: '.sql', markdown: '.md' }

function withExtension(fileName: string, format: string): string {
  const ext = extensions[format]
  return fileName.toLowerCase().endsWith(ext) ? fileName : `${fileName}${ext}`
}
