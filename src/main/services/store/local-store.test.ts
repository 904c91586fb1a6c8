import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { applyMigrations, openLocalStore } from './local-store'
import { allMigrations } from './migrations'

const tempPath = (): string => join(mkdtempSync(join(tmpdir(), 'qg-store-')), 'store.db')

describe('local store', () => {
  it('opens in WAL mode with sqlite-vec loaded and every migration applied once', () => {
    const path = tempPath()
    const store = openLocalStore(path)
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.vecVersion).toMatch(/^v\d+\.\d+/)
    const versions = (store.db.prepare('select version from schema_migrations order by version').all() as { version: number }[]).map((r) => r.version)
    expect(versions).toEqual(allMigrations.map((m) => m.version).sort((a, b) => a - b))
    store.close()
    const again = openLocalStore(path)
    expect(applyMigrations(again.db, allMigrations)).toEqual([])
    again.close()
  })

  it('has working vec0 KNN and FTS5 with bm25', () => {
    const store = openLocalStore(':memory:')
    const { db } = store
    db.exec('create virtual table v using vec0(embedding float[3])')
    const insert = db.prepare('insert into v(rowid, embedding) values (?, ?)')
    insert.run(1n, new Float32Array([1, 0, 0]))
    insert.run(2n, new Float32Array([0, 1, 0]))
    const nearest = db.prepare('select rowid from v where embedding match ? and k = 1 order by distance').get(new Float32Array([0.9, 0.1, 0])) as { rowid: number }
    expect(nearest.rowid).toBe(1)
    db.exec("create virtual table f using fts5(body); insert into f(body) values ('customer orders by region'), ('employee payroll')")
    const hit = db.prepare('select body, bm25(f) as score from f where f match ? order by score').all('orders') as { body: string }[]
    expect(hit.map((h) => h.body)).toEqual(['customer orders by region'])
    store.close()
  })

  it('rolls back a failing migration and leaves earlier ones applied', () => {
    const db = new Database(':memory:')
    const migrations = [
      { version: 1, name: 'ok', up: 'create table a (x int);' },
      { version: 2, name: 'broken', up: 'create table b (x int); this is not sql;' }
    ]
    expect(() => applyMigrations(db, migrations)).toThrow()
    const tables = (db.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).map((t) => t.name)
    expect(tables).toContain('a')
    expect(tables).not.toContain('b')
    expect(db.prepare('select version from schema_migrations').all()).toEqual([{ version: 1 }])
  })
})
