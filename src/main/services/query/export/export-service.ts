import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import type { Cell, ColumnMeta, Dialect, ResultSource } from '../../../../shared/cells'
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
import type { LocalStore } from '../../store/local-store'

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
  /** Where the partial files of running exports are listed (table export_partials), for `sweep` after a crash. */
  store?: LocalStore
}

type Progress = EventPayload<'export.progress'>
const PAGE = 5000
const PROGRESS_EVERY_MS = 150

interface Job {
  cancelled: boolean
  abort: AbortController
  cancelServer?: () => Promise<void>
  /** The file being written: hidden, next to the target, renamed to it only when complete. */
  partial: string
  /** Web mode: a name in the exports area this process picked (never replaces a file); desktop: the user's choice. */
  picked: boolean
}

/** `.<name>.partial-<export id>`: the partial file of an export (the sweep removes only names of this form). */
const PARTIAL = /^\..+\.partial-x_[A-Za-z0-9_-]{6,64}$/
const partialPath = (target: string, exportId: string): string => join(dirname(target), `.${basename(target)}.partial-${exportId}`)

/** Streams a stored result or a fresh server query into a file, with progress events and Cancel. */
export class ExportService {
  private readonly jobs = new Map<string, Job>()
  /** Files this process finished exporting, by export id: the only files a web download may serve. */
  private readonly finished = new Map<string, string>()
  /** Web mode: export-area names taken by running exports (their files appear only when complete). */
  private readonly reserved = new Set<string>()

  constructor(private readonly deps: ExportServiceDeps) {}

  async start(input: CallInput<'export.start'>): Promise<{ exportId: string; path: string }> {
    if (input.source.kind === 'result') this.deps.results.get(input.source.resultId)
    else this.deps.connections.get(input.source.connectionId)
    const fileName = withExtension(input.fileName, input.format)
    const picked = !input.grant && !this.deps.choosePath
    const path = await this.target(input.grant, fileName)
    if (!path) throw new AppError('CANCELLED', 'Export cancelled.')
    const exportId = `x_${randomBytes(12).toString('base64url')}`
    const job: Job = { cancelled: false, abort: new AbortController(), partial: partialPath(path, exportId), picked }
    try {
      // listed before the file exists: a crash in between leaves a row whose file the sweep does not find
      this.deps.store?.db.prepare('insert into export_partials (export_id, partial_path, target_path, started_at) values (?, ?, ?, ?)').run(exportId, job.partial, path, new Date().toISOString())
      closeSync(openSync(job.partial, 'wx', picked ? PRIVATE_FILE_MODE : 0o666))
    } catch (e) {
      this.forget(exportId, job, path)
      throw new AppError('INTERNAL', `Cannot create the export file: ${(e as Error).message}`)
    }
    this.jobs.set(exportId, job)
    void inBackground(this.runJob(exportId, job, input, path), (error) =>
      this.deps.events.emit('export.progress', { exportId, state: 'error', rows: 0, totalRows: null, bytes: 0, path, error })
    ).finally(() => {
      this.jobs.delete(exportId)
      this.forget(exportId, job, path)
    })
    return { exportId, path }
  }

  /**
   * Start-up: removes the partial files of exports a crash (or a kill) cut short: those listed in the store (desktop
   * targets anywhere) and any left in the exports area. Their final names were never written. Returns what it removed.
   */
  sweep(): string[] {
    const running = new Set([...this.jobs.values()].map((j) => j.partial))
    const removed: string[] = []
    const remove = (path: string): void => {
      if (running.has(path) || !PARTIAL.test(basename(path)) || !existsSync(path)) return
      rmSync(path, { force: true })
      removed.push(path)
    }
    const db = this.deps.store?.db
    if (db) {
      const rows = db.prepare('select export_id as id, partial_path as partial from export_partials').all() as { id: string; partial: string }[]
      for (const row of rows) {
        if (this.jobs.has(row.id)) continue
        try {
          remove(row.partial)
        } catch {
          // a folder gone or unreadable: nothing left to remove there
        }
        db.prepare('delete from export_partials where export_id = ?').run(row.id)
      }
    }
    try {
      for (const name of readdirSync(this.deps.exportDir)) remove(join(this.deps.exportDir, name))
    } catch {
      // no exports area yet
    }
    return removed
  }

  /** Drops what a job held: its row in the store, its partial file if still there, its reserved name. */
  private forget(exportId: string, job: Job, target: string): void {
    rmSync(job.partial, { force: true })
    try {
      this.deps.store?.db.prepare('delete from export_partials where export_id = ?').run(exportId)
    } catch {
      // the store closed first (shutdown): the sweep at next start does it
    }
    if (job.picked) this.reserved.delete(target)
  }

  /**
   * The complete file takes its final name. Desktop: the path the user chose (replacing a file there, as the save
   * dialog confirmed). Web mode: never over an existing file (a hard link fails if the name exists; the next free name
   * is taken then); returns the path written.
   */
  private promote(job: Job, target: string): string {
    if (!job.picked) {
      renameSync(job.partial, target)
      return target
    }
    const ext = extname(target)
    const stem = target.slice(0, target.length - ext.length)
    for (let n = 1; ; n++) {
      const path = n === 1 ? target : `${stem} (${n})${ext}`
      try {
        linkSync(job.partial, path)
        rmSync(job.partial, { force: true })
        return path
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code
        if (code === 'EEXIST') continue
        if ((code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') && !existsSync(path)) {
          renameSync(job.partial, path)
          return path
        }
        throw e
      }
    }
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
    // the file appears only when complete: a running export holds its name here so two never pick the same
    for (let n = 1; ; n++) {
      const path = join(this.deps.exportDir, n === 1 ? fileName : `${stem} (${n})${ext}`)
      if (this.reserved.has(path) || existsSync(path)) continue
      this.reserved.add(path)
      return path
    }
  }

  private async runJob(exportId: string, job: Job, input: CallInput<'export.start'>, target: string): Promise<void> {
    let path = target
    let rows = 0
    let totalRows: number | null = null
    let writer: FileWriter | null = null
    let last = 0
    const emit = (state: Progress['state'], error?: AppError): void =>
      this.deps.events.emit('export.progress', { exportId, state, rows, totalRows, bytes: writer?.bytes ?? 0, path, ...(error ? { error: error.toShape() } : {}) })
    const open = (columns: ColumnMeta[], dialect?: Dialect, source?: ResultSource): FileWriter => {
      const insert = input.format === 'sql' ? insertTarget(columns, input.tableName, source) : { columns }
      return (writer = createFileWriter({ path: job.partial, format: input.format, columns: insert.columns, header: input.header ?? true, tableName: insert.tableName, dialect }))
    }
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
      if (job.cancelled) throw new AppError('CANCELLED', 'Export cancelled.')
      path = this.promote(job, target)
      this.forget(exportId, job, target)
      this.finished.set(exportId, path)
      emit('done')
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('INTERNAL', `Export failed: ${err instanceof Error ? err.message : String(err)}`)
      await (writer as FileWriter | null)?.abort().catch(() => undefined)
      this.forget(exportId, job, target)
      if (job.cancelled || e.code === 'CANCELLED') emit('cancelled')
      else emit('error', e)
    }
  }

  /** Streams the first result set of `sql` straight from a dedicated session into the file. */
  private async fromServer(
    job: Job,
    connectionId: string,
    sql: string,
    open: (columns: ColumnMeta[], dialect: Dialect, source?: ResultSource) => FileWriter,
    write: (batch: Cell[][]) => Promise<void>,
    copy?: { format: 'csv' | 'tsv'; writeRaw: (chunk: Buffer, rows: number) => void | Promise<void> }
  ): Promise<void> {
    const profile = this.deps.connections.get(connectionId)
    const session = await this.deps.connections.session(connectionId)
    job.cancelServer = () => session.cancel()
    let state: 'before' | 'writing' | 'after' = 'before'
    const sink: StatementSink = {
      beginResult: (columns, info) => {
        if (state === 'before' && columns.length) {
          open(columns, profile.dialect, info?.source)
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

/**
 * The table SQL exports insert into: the name the caller gives (the renderer passes the result's own table, or the
 * user's), else the one base table the engine reports for the rows (server exports), else a plain placeholder
 * (text-formats PLACEHOLDER_TABLE). Into a named table, columns take their base-table names (`select name as n` →
 * `name`) unless that would repeat a name.
 */
function insertTarget(columns: ColumnMeta[], tableName: string | undefined, source: ResultSource | undefined): { columns: ColumnMeta[]; tableName?: string } {
  const name = tableName?.trim() || (source ? qualifiedName(source) : undefined)
  if (!name) return { columns }
  const named = columns.map((c) => (c.sourceColumn ? { ...c, name: c.sourceColumn } : c))
  return { columns: new Set(named.map((c) => c.name)).size === named.length ? named : columns, tableName: name }
}

/** `schema.table` as splitQualifiedName reads it: a part in double quotes when it holds a dot or a quote. */
function qualifiedName(source: ResultSource): string {
  const part = (name: string): string => (/[."]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name)
  return source.schema ? `${part(source.schema)}.${part(source.table)}` : part(source.table)
}
