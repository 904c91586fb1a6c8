import Database from 'better-sqlite3'
import * as sqliteVec from 'sqlite-vec'
import { closeSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import { posixModes, PRIVATE_FILE_MODE, secureFile } from '../paths'
import { allMigrations } from './migrations'
import type { Migration } from './migrations/types'

export interface LocalStore {
  readonly db: Database.Database
  readonly path: string
  readonly sqliteVersion: string
  readonly vecVersion: string
  close(): void
}

/**
 * Opens (or creates) the app's one SQLite file: WAL, sqlite-vec loaded, migrations applied in order.
 * The file holds query history with literal values: it is created 0600 (SQLite gives its -wal/-shm the same
 * mode), and an existing file or journal left readable by others is narrowed to 0600 (POSIX).
 */
export function openLocalStore(path: string, migrations: Migration[] = allMigrations): LocalStore {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    // create it owner-only before SQLite does (SQLite would use 0644 under the usual umask)
    closeSync(openSync(path, 'a', PRIVATE_FILE_MODE))
    if (posixModes()) for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) secureFile(file)
  }
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  sqliteVec.load(db)
  applyMigrations(db, migrations)
  const { s, v } = db.prepare('select sqlite_version() as s, vec_version() as v').get() as { s: string; v: string }
  return {
    db,
    path,
    sqliteVersion: s,
    vecVersion: v,
    close: () => db.close()
  }
}

export function applyMigrations(db: Database.Database, migrations: Migration[]): number[] {
  db.exec(`create table if not exists schema_migrations (version integer primary key, name text not null, applied_at text not null)`)
  const applied = new Set((db.prepare('select version from schema_migrations').all() as { version: number }[]).map((r) => r.version))
  const ran: number[] = []
  const record = db.prepare('insert into schema_migrations (version, name, applied_at) values (?, ?, ?)')
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue
    db.transaction(() => {
      db.exec(m.up)
      record.run(m.version, m.name, new Date().toISOString())
    })()
    ran.push(m.version)
  }
  return ran
}
