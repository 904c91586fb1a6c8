import { randomUUID } from 'node:crypto'
import type { SavedQuery } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { LocalStore } from '../store/local-store'

interface Row {
  id: string
  name: string
  folder: string
  sql: string
  connection_id: string | null
  updated_at: string
}

const toSaved = (r: Row): SavedQuery => ({
  id: r.id,
  name: r.name,
  folder: r.folder,
  sql: r.sql,
  connectionId: r.connection_id,
  updatedAt: r.updated_at
})

/** Named queries in folders (a folder is a `/`-separated path string; empty = top level). */
export class SavedQueryRepository {
  constructor(private readonly store: LocalStore) {}

  list(): SavedQuery[] {
    return (this.store.db.prepare('select * from saved_queries order by folder, name collate nocase').all() as Row[]).map(toSaved)
  }

  save(input: { id?: string; name: string; folder: string; sql: string; connectionId?: string | null }): SavedQuery {
    const folder = input.folder
      .split('/')
      .map((p) => p.trim())
      .filter(Boolean)
      .join('/')
    const now = new Date().toISOString()
    if (input.id) {
      const existing = this.store.db.prepare('select * from saved_queries where id = ?').get(input.id) as Row | undefined
      if (!existing) throw new AppError('NOT_FOUND', 'That saved query no longer exists.')
      const connectionId = input.connectionId === undefined ? existing.connection_id : input.connectionId
      this.store.db
        .prepare('update saved_queries set name = ?, folder = ?, sql = ?, connection_id = ?, updated_at = ? where id = ?')
        .run(input.name, folder, input.sql, connectionId, now, input.id)
      return { id: input.id, name: input.name, folder, sql: input.sql, connectionId, updatedAt: now }
    }
    const id = randomUUID()
    const connectionId = input.connectionId ?? null
    this.store.db
      .prepare('insert into saved_queries (id, name, folder, sql, connection_id, updated_at) values (?, ?, ?, ?, ?, ?)')
      .run(id, input.name, folder, input.sql, connectionId, now)
    return { id, name: input.name, folder, sql: input.sql, connectionId, updatedAt: now }
  }

  delete(id: string): void {
    this.store.db.prepare('delete from saved_queries where id = ?').run(id)
  }
}
