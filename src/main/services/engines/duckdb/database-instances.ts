import { realpathSync } from 'node:fs'
import { resolve } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { AppError } from '../../../../shared/errors'

/**
 * One DuckDB instance per database file in this process. Two instances on one file in one process would not see
 * each other's writes (and two writers corrupt it): DuckDB's file lock only keeps other processes out. So every
 * session on a file is a connection on the same instance, counted, and the instance closes (releasing the file
 * lock) when the last one goes.
 *
 * The first session decides the mode. Read-only first: the instance opens READ_ONLY with external access off, so
 * DuckDB itself refuses writes, files, ATTACH and extensions; a writable session then has to wait until those close.
 * Writable first: read-only sessions join it, guarded by the statement analyser and a read-only transaction.
 */
export interface DatabaseLease {
  readonly instance: DuckDBInstance
  /** The instance itself is READ_ONLY (true only when every session on it is read-only). */
  readonly readOnlyInstance: boolean
  release(): void
}

interface Entry {
  opening: Promise<DuckDBInstance>
  readOnly: boolean
  users: number
}

const open = new Map<string, Entry>()

/** Instance options of a read-only file: DuckDB refuses writes and anything outside the file. */
export const readOnlyOptions: Record<string, string> = {
  access_mode: 'READ_ONLY',
  enable_external_access: 'false',
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false'
}

/** The key one file is known by, whatever path spelling reached it. */
function fileKey(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return resolve(path)
  }
}

function openInstance(path: string, readOnly: boolean): Promise<DuckDBInstance> {
  return DuckDBInstance.create(path, readOnly ? readOnlyOptions : {}).catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err)
    if (/Could not set lock|Conflicting lock/i.test(message)) {
      throw new AppError('CONNECTION_REFUSED', `Another program has this DuckDB file open for writing: ${message}`)
    }
    throw new AppError('CONNECTION_REFUSED', `Could not open the DuckDB database: ${message}`)
  })
}

export async function leaseDatabaseFile(path: string, readOnly: boolean): Promise<DatabaseLease> {
  const key = fileKey(path)
  let entry = open.get(key)
  if (entry && entry.readOnly && !readOnly) {
    throw new AppError(
      'CONNECTION_REFUSED',
      `This DuckDB file is open read-only in another connection (${path}); close that connection to open the file for writing.`
    )
  }
  if (!entry) {
    entry = { opening: openInstance(key, readOnly), readOnly, users: 0 }
    open.set(key, entry)
  }
  const current = entry
  current.users++
  let instance: DuckDBInstance
  try {
    instance = await current.opening
  } catch (err) {
    if (--current.users === 0 && open.get(key) === current) open.delete(key)
    throw err
  }
  let released = false
  return {
    instance,
    readOnlyInstance: current.readOnly,
    release() {
      if (released) return
      released = true
      if (--current.users > 0) return
      if (open.get(key) === current) open.delete(key)
      instance.closeSync()
    }
  }
}

/** A private in-memory database (`:memory:`, or the home of views over a CSV/Parquet/JSON file). */
export async function privateMemoryDatabase(): Promise<DatabaseLease> {
  const instance = await DuckDBInstance.create(':memory:')
  let released = false
  return {
    instance,
    readOnlyInstance: false,
    release() {
      if (released) return
      released = true
      instance.closeSync()
    }
  }
}
