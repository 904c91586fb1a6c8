import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ColumnMeta } from '../../../../shared/cells'
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

  create(columns: ColumnMeta[]): StoredResult {
    const id = `r_${randomBytes(12).toString('base64url')}`
    const result = new StoredResult(id, columns, this.options.memoryCapRows(), () => this.spillWorker(), () => this.tempDir())
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
    return (this.dir ??= mkdtempSync(join(this.options.tempRoot ?? tmpdir(), 'querygenie-results-')))
  }
}
