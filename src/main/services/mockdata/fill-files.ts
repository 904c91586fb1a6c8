import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { Dialect } from '../../../shared/cells'
import type { MockTableProgress } from '../../../shared/contract/mockdata'
import { AppError } from '../../../shared/errors'
import { copyLine, insertStatements } from '../import/batch-sql'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../paths'
import { takeRows } from './fill-database'
import type { Pool, TableJob } from './plan'
import { addToPool, ParentPicker, poolOf, RowMaker } from './row-maker'
import { updateStatement, type RowUpdate } from './update-sql'

export interface FileOptions {
  format: 'sql' | 'csv'
  dialect: Dialect
  seed: number
  dir: string
  /** Part of each file's name (the job id): names never collide. */
  stamp: string
  external: Map<string, Pool>
  isCancelled(): boolean
  onProgress(force?: boolean): void
}

const BATCH = 1000

/** A file written under a hidden partial name and renamed when complete (a crash leaves no half file under the real name). */
class FileOut {
  private readonly fd: number
  private readonly partial: string
  constructor(readonly path: string) {
    this.partial = join(path, '..', `.${path.split('/').pop()}.partial`)
    this.fd = openSync(this.partial, 'wx', PRIVATE_FILE_MODE)
  }
  write(s: string): void {
    writeSync(this.fd, s)
  }
  finish(): void {
    closeSync(this.fd)
    renameSync(this.partial, this.path)
  }
  discard(): void {
    closeSync(this.fd)
    rmSync(this.partial, { force: true })
  }
}

/**
 * The same rows as `fillDatabase`, into files: one SQL script for all tables (INSERTs in dependency order, then the
 * UPDATEs that fill the columns cut from cycles), or one CSV per table (those columns left empty). Returns the paths.
 */
export async function fillFiles(jobs: TableJob[], progress: MockTableProgress[], o: FileOptions): Promise<string[]> {
  mkdirSync(o.dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  const pools = new Map(o.external)
  for (const job of jobs) pools.set(job.key, poolOf(job))
  const written: FileOut[] = []
  const out = (name: string): FileOut => {
    const f = new FileOut(join(o.dir, `${name.replace(/[^A-Za-z0-9_.-]+/g, '_')}-${o.stamp}.${o.format}`))
    written.push(f)
    return f
  }
  try {
    const script = o.format === 'sql' ? out('mockdata') : null
    for (const [i, job] of jobs.entries()) {
      const p = progress[i]!
      if (job.plan.skipped) {
        p.state = 'skipped'
        continue
      }
      p.state = 'running'
      const file = script ?? out(job.key)
      const names = job.columns.map((c) => c.name)
      if (!script) file.write(copyLine(names))
      const maker = new RowMaker(job, o.seed, pools)
      for (let rows = takeRows(maker, BATCH); rows.length; rows = takeRows(maker, BATCH)) {
        // a turn of the event loop per batch, so that Cancel is heard
        await new Promise((r) => setImmediate(r))
        if (o.isCancelled()) throw new AppError('CANCELLED', 'Generation cancelled.')
        if (script) for (const sql of insertStatements(o.dialect, job.sqlName, names, job.columns.map((c) => c.spec.type), rows)) file.write(`${sql};\n`)
        else for (const row of rows) file.write(copyLine(row))
        addToPool(pools.get(job.key)!, job, rows)
        p.rows += rows.length
        p.inserted += rows.length
        o.onProgress()
      }
      if (maker.exhausted) p.reasons.push({ reason: `only ${maker.made} of ${job.rows} rows made: ${maker.exhausted}`, count: job.rows - maker.made })
      p.state = 'done'
    }
    if (script) {
      for (const [i, job] of jobs.entries()) {
        if (!job.deferred.length || progress[i]!.state !== 'done') continue
        const own = pools.get(job.key)!
        const keyAt = job.primaryKey.map((k) => own.columns.indexOf(job.columns[k]!.name))
        const key = { names: job.primaryKey.map((k) => job.columns[k]!.name), types: job.primaryKey.map((k) => job.columns[k]!.spec.type) }
        for (const fk of job.deferred) {
          const picker = new ParentPicker(fk, o.seed, `${job.key} second pass`, () => pools.get(fk.parent))
          const set = { names: fk.columns.map((k) => job.columns[k]!.name), types: fk.columns.map((k) => job.columns[k]!.spec.type) }
          const share = Math.max(...fk.columns.map((c) => job.columns[c]!.nullShare))
          const updates: RowUpdate[] = []
          own.tuples.forEach((tuple, n) => {
            const values = picker.pick(n, share)
            if (values && values.some((v) => v !== null)) updates.push({ key: keyAt.map((k) => tuple[k] ?? null), values })
          })
          for (let at = 0; at < updates.length; at += 500) script.write(`${updateStatement(o.dialect, job.sqlName, key, set, updates.slice(at, at + 500))};\n`)
          progress[i]!.updated += updates.length
        }
      }
    }
    for (const f of written) f.finish()
    o.onProgress(true)
    return written.map((f) => f.path)
  } catch (e) {
    for (const f of written) f.discard()
    throw e
  }
}
