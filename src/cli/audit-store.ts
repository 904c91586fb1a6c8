import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { AuditRepository } from '../main/services/audit/audit-repository'
import { storePath } from '../main/services/paths'
import { AppError } from '../shared/errors'

/**
 * The audit tables of a data folder's store, opened without the app: no migrations run and nothing is written
 * (a store from before the audit log simply has no entries).
 */
export function openAuditStore(dataDir: string): { repo: AuditRepository | null; path: string; close(): void } {
  const path = storePath(dataDir)
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `No QueryGenie store at ${path} (use --data-dir to name the data folder)`)
  const db = new Database(path, { readonly: true, fileMustExist: true })
  const hasLog = db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'audit_log'`).get() !== undefined
  return { repo: hasLog ? new AuditRepository(db) : null, path, close: () => db.close() }
}
