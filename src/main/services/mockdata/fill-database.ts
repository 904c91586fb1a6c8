import type { MockTableProgress } from '../../../shared/contract/mockdata'
import { AppError } from '../../../shared/errors'
import type { ReadyRow } from '../import/batch-sql'
import type { Channel } from './channel'
import type { Pool, TableJob } from './plan'
import { addToPool, ParentPicker, poolOf, RowMaker } from './row-maker'
import { updateStatement, type RowUpdate } from './update-sql'

export interface FillOptions {
  seed: number
  transaction: 'table' | 'all'
  batchSize: number
  /** Parents outside the chosen tables: rows read from the database. */
  external: Map<string, Pool>
  isCancelled(): boolean
  /** A table's counts changed (the caller throttles the events). */
  onProgress(force?: boolean): void
}

const UPDATE_ROWS = 500
/** Rows made between two turns of the event loop. */
const SLICE = 2000

/** Up to `n` more rows of the table. */
export function takeRows(maker: RowMaker, n: number, start = maker.nextIndex): ReadyRow[] {
  const rows: ReadyRow[] = []
  while (rows.length < n) {
    const row = maker.next()
    if (!row) break
    // a row whose parent (same table) is in this batch waits for the next one
    // (never the batch's first row: a parent comes before its row)
    if (maker.selfParent >= start) {
      maker.hold(row)
      break
    }
    rows.push(row)
  }
  return rows
}

function reasonOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 300)
}

function isFatal(e: unknown): boolean {
  return e instanceof AppError && (e.code === 'CONNECTION_LOST' || e.code === 'CANCELLED' || e.code === 'READ_ONLY' || e.code === 'UNSUPPORTED')
}

function count(p: MockTableProgress, reason: string, n = 1): void {
  const r = p.reasons.find((x) => x.reason === reason)
  if (r) r.count += n
  else if (p.reasons.length < 20) p.reasons.push({ reason, count: n })
}

/**
 * Writes the jobs' rows into the database in dependency order, batch by batch, in a transaction per table (or one for
 * everything), then fills the columns cut from cycles with UPDATEs. A batch the server refuses is tried again row by
 * row inside savepoints where the engine has them: those rows are rejected and counted with the server's reason.
 * Cancel stops between batches and rolls back the transaction in progress.
 */
export async function fillDatabase(jobs: TableJob[], progress: MockTableProgress[], channel: Channel, o: FillOptions): Promise<void> {
  const pools = new Map(o.external)
  for (const job of jobs) pools.set(job.key, poolOf(job))
  let savepoints: boolean | null = null
  let current: MockTableProgress | null = null
  let open = false
  const checkCancel = (): void => {
    if (o.isCancelled()) throw new AppError('CANCELLED', 'Generation cancelled.')
  }
  const begin = async (): Promise<void> => {
    await channel.run(channel.beginSql)
    open = true
    if (savepoints === null) {
      // DuckDB has none; its parser error does not end the transaction
      try {
        await channel.run('SAVEPOINT mk_probe')
        await channel.run('RELEASE SAVEPOINT mk_probe')
        savepoints = true
      } catch (e) {
        if (isFatal(e)) throw e
        savepoints = false
      }
    }
  }
  const commit = async (): Promise<void> => {
    await channel.run('COMMIT')
    open = false
  }

  /** One batch; the rows the server took. */
  const write = async (job: TableJob, p: MockTableProgress, maker: RowMaker, rows: ReadyRow[]): Promise<ReadyRow[]> => {
    const names = job.columns.map((c) => c.name)
    const types = job.columns.map((c) => c.spec.type)
    if (savepoints) await channel.run('SAVEPOINT mk_batch', 'savepoint')
    try {
      await channel.insert(job.sqlName, names, types, rows)
      if (savepoints) await channel.run('RELEASE SAVEPOINT mk_batch', 'release')
      return rows
    } catch (e) {
      checkCancel()
      if (!savepoints || isFatal(e)) throw e
      await channel.run('ROLLBACK TO SAVEPOINT mk_batch', 'rollback to')
      const taken: ReadyRow[] = []
      for (const row of rows) {
        checkCancel()
        await channel.run('SAVEPOINT mk_row', 'savepoint')
        try {
          await channel.insert(job.sqlName, names, types, [row])
          await channel.run('RELEASE SAVEPOINT mk_row', 'release')
          taken.push(row)
        } catch (err) {
          if (isFatal(err)) throw err
          await channel.run('ROLLBACK TO SAVEPOINT mk_row', 'rollback to')
          maker.forget(row)
          p.rejected++
          count(p, reasonOf(err))
        }
      }
      return taken
    }
  }

  /** The next batch, made in slices with a turn of the event loop between them so that the batch in flight keeps moving. */
  const nextBatch = async (maker: RowMaker): Promise<ReadyRow[]> => {
    const rows: ReadyRow[] = []
    const start = maker.nextIndex
    while (rows.length < o.batchSize) {
      const want = Math.min(SLICE, o.batchSize - rows.length)
      const slice = takeRows(maker, want, start)
      rows.push(...slice)
      if (slice.length < want) break
      await new Promise((r) => setImmediate(r))
    }
    return rows
  }

  /** A table's rows, batch by batch: the next batch is made while the previous one is written (one in flight). */
  const fillTable = async (job: TableJob, p: MockTableProgress): Promise<void> => {
    const maker = new RowMaker(job, o.seed, pools)
    const pool = pools.get(job.key)!
    let inflight: Promise<void> | null = null
    try {
      for (;;) {
        checkCancel()
        const rows = await nextBatch(maker)
        if (inflight) await inflight
        inflight = null
        if (!rows.length) break
        checkCancel()
        p.rows += rows.length
        inflight = write(job, p, maker, rows).then((taken) => {
          p.inserted += taken.length
          addToPool(pool, job, taken)
          o.onProgress()
        })
        // a failure surfaces at the next await; marked handled meanwhile
        inflight.catch(() => undefined)
      }
    } finally {
      await (inflight as Promise<void> | null)?.catch(() => undefined)
    }
    if (maker.exhausted) count(p, `only ${maker.made} of ${job.rows} rows made: ${maker.exhausted}`, job.rows - maker.made)
  }

  /** The second pass: each row's cut keys set from its parents' rows, many rows per UPDATE. */
  const fillDeferred = async (job: TableJob, p: MockTableProgress): Promise<void> => {
    const own = pools.get(job.key)!
    const keyAt = job.primaryKey.map((i) => own.columns.indexOf(job.columns[i]!.name))
    const key = { names: job.primaryKey.map((i) => job.columns[i]!.name), types: job.primaryKey.map((i) => job.columns[i]!.spec.type) }
    for (const fk of job.deferred) {
      const picker = new ParentPicker(fk, o.seed, `${job.key} second pass`, () => pools.get(fk.parent))
      const set = { names: fk.columns.map((i) => job.columns[i]!.name), types: fk.columns.map((i) => job.columns[i]!.spec.type) }
      const share = Math.max(...fk.columns.map((c) => job.columns[c]!.nullShare))
      let batch: RowUpdate[] = []
      const flush = async (): Promise<void> => {
        checkCancel()
        if (batch.length) await channel.run(updateStatement(channel.session.facts.dialect, job.sqlName, key, set, batch), `update ${job.key} ${fk.name}`)
        p.updated += batch.length
        batch = []
        o.onProgress()
      }
      for (const [n, tuple] of own.tuples.entries()) {
        const values = picker.pick(n, share)
        // NULL stays as inserted; an UPDATE whose every branch is NULL would not even type in PostgreSQL
        if (!values || values.every((v) => v === null)) continue
        batch.push({ key: keyAt.map((i) => tuple[i] ?? null), values })
        if (batch.length >= UPDATE_ROWS) await flush()
      }
      await flush()
    }
  }

  try {
    if (o.transaction === 'all') await begin()
    for (const [i, job] of jobs.entries()) {
      const p = (current = progress[i]!)
      if (job.plan.skipped) {
        p.state = 'skipped'
        count(p, job.plan.skipped, 0)
        continue
      }
      p.state = 'running'
      o.onProgress(true)
      if (o.transaction === 'table') await begin()
      try {
        await fillTable(job, p)
      } catch (e) {
        // without savepoints a refused batch ends the table: it is rolled back and the others go on
        if (o.transaction === 'all' || isFatal(e) || o.isCancelled()) throw e
        await channel.run('ROLLBACK').catch(() => undefined)
        open = false
        Object.assign(p, { state: 'error', inserted: 0 })
        count(p, reasonOf(e), p.rows)
        pools.get(job.key)!.tuples.length = 0
        o.onProgress(true)
        continue
      }
      if (o.transaction === 'table') await commit()
      p.state = o.transaction === 'table' ? 'done' : 'running'
      o.onProgress(true)
    }
    for (const [i, job] of jobs.entries()) {
      if (!job.deferred.length || progress[i]!.state === 'skipped' || progress[i]!.state === 'error') continue
      current = progress[i]!
      if (o.transaction === 'table') await begin()
      await fillDeferred(job, progress[i]!)
      if (o.transaction === 'table') await commit()
    }
    current = null
    if (o.transaction === 'all') {
      await commit()
      for (const p of progress) if (p.state === 'running') p.state = 'done'
    }
  } catch (e) {
    if (open) {
      if (channel.copy) channel.copy.abort()
      else await channel.run('ROLLBACK').catch(() => channel.session.destroy?.())
    }
    if (o.transaction === 'all') {
      for (const p of progress) if (p.state === 'running' || p.state === 'done') p.state = 'rolled back'
    } else if (current && open) current.state = 'rolled back'
    throw e
  }
}
