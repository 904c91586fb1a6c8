import { SchemaModel } from '../../../shared/schema-model'
import type { LocalStore } from '../store/local-store'
import { CacheWriter } from './cache-writer'

export interface CacheEntry {
  fingerprint: string
  introspectedAt: string
  durationMs: number
  tableCount: number
}

/** The schema_cache table: one model per connection, stored as JSON and re-validated on read. */
export class SchemaCache {
  /** Writes whole models off the main thread (a store in a file); null for an in-memory store. */
  private writer: CacheWriter | null

  constructor(private readonly store: LocalStore) {
    this.writer = store.path === ':memory:' || store.path === '' ? null : new CacheWriter(store.path)
  }

  load(connectionId: string): SchemaModel | null {
    const row = this.store.db.prepare('select model, introspected_at from schema_cache where connection_id = ?').get(connectionId) as
      | { model: string; introspected_at: string }
      | undefined
    if (!row) return null
    const parsed = SchemaModel.safeParse(JSON.parse(row.model))
    // A model cached by an older build that no longer parses is as good as no cache.
    if (!parsed.success) return null
    // A refresh that found the cached model unchanged moved only introspected_at (touch).
    return { ...parsed.data, introspectedAt: row.introspected_at }
  }

  entry(connectionId: string): CacheEntry | null {
    const row = this.store.db
      .prepare('select fingerprint, introspected_at, duration_ms, table_count from schema_cache where connection_id = ?')
      .get(connectionId) as { fingerprint: string; introspected_at: string; duration_ms: number; table_count: number } | undefined
    return row ? { fingerprint: row.fingerprint, introspectedAt: row.introspected_at, durationMs: row.duration_ms, tableCount: row.table_count } : null
  }

  /** `json`: the model's JSON when the caller already has it (finalizeModelWithJson), else it is serialised here. */
  save(connectionId: string, model: SchemaModel, durationMs: number, json?: string | (() => string)): void {
    this.store.db
      .prepare(
        `insert into schema_cache (connection_id, dialect, fingerprint, introspected_at, duration_ms, table_count, model)
         values (?, ?, ?, ?, ?, ?, ?)
         on conflict (connection_id) do update set dialect = excluded.dialect, fingerprint = excluded.fingerprint,
           introspected_at = excluded.introspected_at, duration_ms = excluded.duration_ms, table_count = excluded.table_count, model = excluded.model`
      )
      .run(connectionId, model.dialect, model.fingerprint, model.introspectedAt, Math.round(durationMs), model.tables.length, typeof json === 'function' ? json() : (json ?? JSON.stringify(model)))
  }

  /**
   * save(), with the JSON in pieces (finalizeModelWithJson), written by a worker thread with its own connection to the
   * store: joining and writing tens of MB do not hold the main thread. Resolves once the row is in. An in-memory store
   * (tests), or a writer that fails to start, is written here, a turn later.
   */
  async saveInBackground(connectionId: string, model: SchemaModel, durationMs: number, pieces: string[]): Promise<void> {
    const row = {
      connectionId,
      dialect: model.dialect,
      fingerprint: model.fingerprint,
      introspectedAt: model.introspectedAt,
      durationMs: Math.round(durationMs),
      tableCount: model.tables.length,
      pieces
    }
    if (this.writer) {
      try {
        return await this.writer.write(row)
      } catch {
        await this.stopWriter()
      }
    }
    await new Promise<void>((resolve) => setImmediate(resolve))
    this.save(connectionId, model, durationMs, () => pieces.join(''))
  }

  /** touch(), by the writer thread when there is one (moving the time rewrites the whole row: tens of MB). */
  async touchInBackground(connectionId: string, introspectedAt: string, durationMs: number): Promise<boolean> {
    if (this.writer) {
      try {
        return await this.writer.touch(connectionId, introspectedAt, Math.round(durationMs))
      } catch {
        await this.stopWriter()
      }
    }
    return this.touch(connectionId, introspectedAt, durationMs)
  }

  /** A writer that failed (e.g. its worker could not open the file) is stopped: writes happen here from now on. */
  private async stopWriter(): Promise<void> {
    const writer = this.writer
    this.writer = null
    await writer?.close().catch(() => {})
  }

  /**
   * The cached model was read again and found the same (fingerprint and row estimates): only when and how long.
   * False when there is no cached row to touch.
   */
  touch(connectionId: string, introspectedAt: string, durationMs: number): boolean {
    const r = this.store.db
      .prepare('update schema_cache set introspected_at = ?, duration_ms = ? where connection_id = ?')
      .run(introspectedAt, Math.round(durationMs), connectionId)
    return r.changes > 0
  }

  delete(connectionId: string): void {
    this.store.db.prepare('delete from schema_cache where connection_id = ?').run(connectionId)
  }
}
