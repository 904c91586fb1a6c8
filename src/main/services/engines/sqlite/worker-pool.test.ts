import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AppError } from '../../../../shared/errors'
import { CollectingSink } from '../../drivers/collect-sink'
import type { DriverSession } from '../../drivers/types'
import { getDriver } from '../../engines'
import { DEFAULT_MAX_SQLITE_WORKERS, sqliteWorkers } from './worker-pool'

/** The SQLite worker pool: a cap on processes, a queue behind it, parking of idle sessions, cancel while queued. */
const dir = mkdtempSync(join(tmpdir(), 'qg-pool-'))
const file = join(dir, 'db.sqlite')

beforeAll(() => {
  const db = new Database(file)
  db.exec(`create table t (id integer primary key, v text); insert into t(v) values ('a'), ('b'), ('c');`)
  db.close()
})
afterEach(() => {
  sqliteWorkers.max = DEFAULT_MAX_SQLITE_WORKERS
  sqliteWorkers.overflowAfterMs = 2000
})
afterAll(async () => {
  await sqliteWorkers.drain()
  rmSync(dir, { recursive: true, force: true })
})

const connect = (): Promise<DriverSession> => getDriver('sqlite').connect({ dialect: 'sqlite', filePath: file, readOnly: false, connectTimeoutMs: 2000 })
const rowsOf = async (s: DriverSession, sql: string): Promise<unknown[][]> => {
  const sink = new CollectingSink()
  await s.execute(sql, sink)
  return sink.results.at(-1)!.rows
}

describe('the SQLite worker pool', () => {
  it('runs 200 concurrent sessions to the end with at most the cap of processes', async () => {
    let peak = 0
    const spawnedBefore = sqliteWorkers.stats().spawned
    const watch = setInterval(() => (peak = Math.max(peak, sqliteWorkers.stats().live)), 5)
    const started = performance.now()
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const s = await connect()
          try {
            return await rowsOf(s, `select count(*) + ${i} from t`)
          } finally {
            await s.close()
          }
        })
      )
      expect(results.map((r) => Number(r[0]![0]))).toEqual(Array.from({ length: 200 }, (_, i) => 3 + i))
    } finally {
      clearInterval(watch)
    }
    console.log(`[bounded] 200 SQLite sessions in ${Math.round(performance.now() - started)} ms, peak ${peak} processes, ${sqliteWorkers.stats().spawned - spawnedBefore} started`)
    expect(peak).toBeLessThanOrEqual(DEFAULT_MAX_SQLITE_WORKERS)
    expect(sqliteWorkers.stats().waiting).toBe(0)
  })

  it('parks an idle session for a waiting one, keeps one in a transaction, and reopens the parked one on use', async () => {
    await sqliteWorkers.drain()
    sqliteWorkers.max = sqliteWorkers.stats().live + 2
    const inTx = await connect()
    const idle = await connect()
    await inTx.execute('begin', new CollectingSink())
    await inTx.execute("insert into t(v) values ('tx')", new CollectingSink())
    expect(await rowsOf(idle, 'select count(*) from t')).toEqual([[3]])
    // both processes are held: the third session waits, and the idle one (no transaction) gives its process back
    const third = await connect()
    expect(await rowsOf(third, 'select count(*) from t')).toEqual([[3]])
    expect(await inTx.transactionState!()).toBe('open')
    await third.close()
    // the parked session reopens on its next statement
    expect(await rowsOf(idle, 'select count(*) from t')).toEqual([[3]])
    await inTx.execute('rollback', new CollectingSink())
    await Promise.all([inTx.close(), idle.close()])
  })

  it('cancels a run that is still waiting for a worker', async () => {
    await sqliteWorkers.drain()
    sqliteWorkers.max = sqliteWorkers.stats().live + 1
    const holder = await connect()
    await holder.execute('begin', new CollectingSink())
    const waiting = await connect()
    const run = waiting.execute('select 1', new CollectingSink()).catch((e: unknown) => e)
    await new Promise((r) => setTimeout(r, 100))
    expect(sqliteWorkers.stats().waiting).toBe(1)
    await waiting.cancel()
    expect(((await run) as AppError).code).toBe('CANCELLED')
    expect(sqliteWorkers.stats().waiting).toBe(0)
    await holder.execute('rollback', new CollectingSink())
    await Promise.all([holder.close(), waiting.close()])
  })

  it('gives a waiting session a process past the cap when the queue has not moved for a while', async () => {
    await sqliteWorkers.drain()
    sqliteWorkers.max = sqliteWorkers.stats().live + 1
    sqliteWorkers.overflowAfterMs = 300
    const holder = await connect()
    await holder.execute('begin', new CollectingSink())
    const waiting = await connect()
    const started = performance.now()
    expect(await rowsOf(waiting, 'select count(*) from t')).toEqual([[3]])
    expect(performance.now() - started).toBeGreaterThanOrEqual(250)
    expect(await holder.transactionState!()).toBe('open')
    await holder.execute('rollback', new CollectingSink())
    await Promise.all([holder.close(), waiting.close()])
  })
})
