import Database from 'better-sqlite3'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../../../shared/errors'
import { CollectingSink } from '../../drivers/collect-sink'
import type { DriverSession } from '../../drivers/types'
import { getDriver } from '../../engines'
import { splitStatements } from '../../statements/split'
import type { Analysis } from '../../statements/types'

const dir = mkdtempSync(join(tmpdir(), 'qg-sqlite-ro-'))
const file = join(dir, 'db.sqlite')
let session: DriverSession

beforeAll(async () => {
  const db = new Database(file)
  db.exec(`create table t (id integer primary key, v text); insert into t values (1, 'a');`)
  db.close()
  session = await getDriver('sqlite').connect({ dialect: 'sqlite', filePath: file, readOnly: true, connectTimeoutMs: 5000 })
})
afterAll(async () => {
  await session.close()
  rmSync(dir, { recursive: true, force: true })
})

/** An analysis that calls every statement a read: what a bug in the rules would hand the driver. */
const misjudged = (sql: string): Analysis => ({
  dialect: 'sqlite',
  sql,
  statements: splitStatements(sql, 'sqlite').map((piece) => ({ ...piece, kind: 'read', reason: 'misjudged' }))
})

describe('sqlite read-only connection', () => {
  it('runs reads, read-only PRAGMAs and plain transactions', async () => {
    const sink = new CollectingSink()
    await session.execute('select * from t; pragma table_info(t); pragma user_version; begin transaction; select 1; commit; savepoint s; release s', sink)
    expect(sink.results[0]!.rows).toEqual([[1, 'a']])
    expect(sink.results[1]!.rows.map((r) => r[1])).toEqual(['id', 'v'])
  })

  it('still refuses a write the rules misjudged as a read: SQLite is asked before anything runs', async () => {
    const sql = `vacuum into '${join(dir, 'copy.db')}'`
    const error = await session.execute(misjudged(sql), new CollectingSink()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('READ_ONLY')
    expect((error as AppError).message).toMatch(/SQLite reports that this statement would change the database/)
    // the review's finding: a refused VACUUM INTO used to leave a 0-byte file behind
    expect(readdirSync(dir)).toEqual(['db.sqlite'])
  })

  it('refuses an EXPLAIN of a write typed by the user, since SQLite does not call it read-only', async () => {
    await expect(session.execute(misjudged('explain query plan delete from t'), new CollectingSink())).rejects.toMatchObject({ code: 'READ_ONLY' })
  })
})
