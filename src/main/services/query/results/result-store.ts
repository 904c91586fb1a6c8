import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ColumnMeta, Dialect } from '../../../../shared/cells'
import { AppError } from '../../../../shared/errors'
import { SpillWorker } from './spill-worker'
import { StoredResult } from './stored-result'

export interface ResultStoreOptions {
  /** Rows of each result kept in memory; the rest are read back from its temporary file. */
  memoryCapRows: () => number
  /** Parent folder of the temporary files (default: the OS temp folder). */
  tempRoot?: string
}

/**
 * Results of every run, by opaque id (`r_` + random). Ids map to entries in this map only; they are never
 * paths, so a client cannot point the store at anything else.
 */
export class ResultStore {
  private readonly results = new Map<string, StoredResult>()
  private worker: SpillWorker | null = null
  private dir: string | null = null

  constructor(private readonly options: ResultStoreOptions) {}

  /** `dialect` is the engine the rows came from (SQL INSERT copies and exports use its quoting). */
  create(columns: ColumnMeta[], dialect?: Dialect): StoredResult {
    const id = `r_${randomBytes(12).toString('base64url')}`
    const result = new StoredResult(id, columns, this.options.memoryCapRows(), () => this.spillWorker(), () => this.tempDir(), dialect)
    this.results.set(id, result)
    return result
  }

  get(id: string): StoredResult {
    const result = this.results.get(id)
    if (!result) throw new AppError('NOT_FOUND', 'This result is no longer available; run the query again.')
    return result
  }

  async release(id: string): Promise<void> {
    const result = this.results.get(id)
    if (!result) return
    this.results.delete(id)
    await result.release()
  }

  get size(): number {
    return this.results.size
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.results.keys()].map((id) => this.release(id)))
    await this.worker?.terminate()
    this.worker = null
    if (this.dir) rmSync(this.dir, { recursive: true, force: true })
    this.dir = null
  }

  private spillWorker(): SpillWorker {
    return (this.worker ??= new SpillWorker())
  }

  private tempDir(): string {
    if (this.dir) return this.dir
    const root = this.options.tempRoot ?? tmpdir()
    removeOrphans(root)
    return (this.dir = mkdtempSync(join(root, `${PREFIX}${process.pid}-`)))
  }
}

const PREFIX = 'querygenie-results-'

/** Temp folders left by app processes that died (crash, kill -9): their pid is in the name. */
function removeOrphans(root: string): void {
  let names: string[] = []
  try {
    names = readdirSync(root).filter((n) => n.startsWith(PREFIX))
  } catch {
    return
  }
  for (const name of names) {
    const pid = Number(/^querygenie-results-(\d+)-/.exec(name)?.[1])
    if (!pid || pid === process.pid || alive(pid)) continue
    rmSync(join(root, name), { recursive: true, force: true })
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
