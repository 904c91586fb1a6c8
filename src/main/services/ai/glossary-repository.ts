import type Database from 'better-sqlite3'
import type { AiGlossaryTerm } from '../../../shared/contract/ai'
import { AppError } from '../../../shared/errors'

/** User-editable business terms; global ones (connection null) apply to every connection. */
export class GlossaryRepository {
  constructor(private readonly db: Database.Database) {}

  list(connectionId?: string): AiGlossaryTerm[] {
    const rows = (
      connectionId
        ? this.db.prepare('select * from ai_glossary where connection_id is null or connection_id = ? order by term').all(connectionId)
        : this.db.prepare('select * from ai_glossary order by term').all()
    ) as { id: number; connection_id: string | null; term: string; definition: string }[]
    return rows.map((r) => ({ id: r.id, connectionId: r.connection_id, term: r.term, definition: r.definition }))
  }

  upsert(t: AiGlossaryTerm): AiGlossaryTerm {
    if (t.id !== undefined) {
      const info = this.db.prepare('update ai_glossary set connection_id = ?, term = ?, definition = ? where id = ?').run(t.connectionId, t.term, t.definition, t.id)
      if (info.changes === 0) throw new AppError('NOT_FOUND', `Glossary term ${t.id} does not exist`)
      return t
    }
    const info = this.db.prepare('insert into ai_glossary (connection_id, term, definition) values (?, ?, ?)').run(t.connectionId, t.term, t.definition)
    return { ...t, id: Number(info.lastInsertRowid) }
  }

  delete(id: number): void {
    this.db.prepare('delete from ai_glossary where id = ?').run(id)
  }
}
