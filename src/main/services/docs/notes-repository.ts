import type Database from 'better-sqlite3'
import type { DocNote } from '../../../shared/contract/docs'

interface Row {
  schema_name: string
  table_name: string
  column_name: string
  note: string
  updated_at: string
}

const toNote = (r: Row): DocNote => ({ schema: r.schema_name, table: r.table_name, column: r.column_name || null, note: r.note, aiDescription: null, updatedAt: r.updated_at })

/** The user's notes per connection, in the local store (migration 500). */
export class NotesRepository {
  constructor(private readonly db: Database.Database) {}

  list(connectionId: string): DocNote[] {
    const rows = this.db
      .prepare('select schema_name, table_name, column_name, note, updated_at from docs_notes where connection_id = ? order by schema_name, table_name, column_name')
      .all(connectionId) as Row[]
    return rows.map(toNote)
  }

  /** Upserts, or deletes when `note` is empty; returns what is stored now. */
  set(connectionId: string, schema: string, table: string, column: string | null, note: string | null): DocNote | null {
    const text = note?.trim() ? note : null
    if (!text) {
      this.db.prepare('delete from docs_notes where connection_id = ? and schema_name = ? and table_name = ? and column_name = ?').run(connectionId, schema, table, column ?? '')
      return null
    }
    const updatedAt = new Date().toISOString()
    this.db
      .prepare(
        `insert into docs_notes (connection_id, schema_name, table_name, column_name, note, updated_at) values (?, ?, ?, ?, ?, ?)
         on conflict (connection_id, schema_name, table_name, column_name) do update set note = excluded.note, updated_at = excluded.updated_at`
      )
      .run(connectionId, schema, table, column ?? '', text, updatedAt)
    return { schema, table, column, note: text, aiDescription: null, updatedAt }
  }

  /** Drops every note of a connection (the connection was deleted). */
  forget(connectionId: string): void {
    this.db.prepare('delete from docs_notes where connection_id = ?').run(connectionId)
  }
}
