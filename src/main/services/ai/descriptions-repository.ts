import type Database from 'better-sqlite3'

export interface Description {
  table: string
  column: string | null
  description: string
}

/** Table and column descriptions written by the AI (the docs export reads them through `list`). */
export class DescriptionsRepository {
  constructor(private readonly db: Database.Database) {}

  list(connectionId: string): Description[] {
    return (this.db.prepare('select table_name, column_name, description from ai_descriptions where connection_id = ? order by table_name, column_name').all(connectionId) as { table_name: string; column_name: string; description: string }[]).map((r) => ({
      table: r.table_name,
      column: r.column_name || null,
      description: r.description
    }))
  }

  save(connectionId: string, items: Description[]): void {
    const stmt = this.db.prepare(
      `insert into ai_descriptions (connection_id, table_name, column_name, description, updated_at) values (?, ?, ?, ?, ?)
       on conflict (connection_id, table_name, column_name) do update set description = excluded.description, updated_at = excluded.updated_at`
    )
    const now = new Date().toISOString()
    this.db.transaction(() => {
      for (const d of items) stmt.run(connectionId, d.table, d.column ?? '', d.description, now)
    })()
  }
}

/** Reads the `describe` task's JSON answer; tolerates a ```json fence and ignores unknown tables. */
export function parseDescriptions(answer: string, knownTables: Set<string>): Description[] {
  const text = answer.match(/```(?:json)?\s*\n([\s\S]*?)```/)?.[1] ?? answer.slice(answer.indexOf('{'), answer.lastIndexOf('}') + 1)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return []
  }
  const out: Description[] = []
  const tables = (data as { tables?: unknown }).tables
  if (!Array.isArray(tables)) return out
  for (const t of tables as { table?: unknown; description?: unknown; columns?: unknown }[]) {
    if (typeof t.table !== 'string' || !knownTables.has(t.table)) continue
    if (typeof t.description === 'string' && t.description.trim()) out.push({ table: t.table, column: null, description: t.description.trim().slice(0, 2000) })
    if (t.columns && typeof t.columns === 'object')
      for (const [col, d] of Object.entries(t.columns as Record<string, unknown>)) if (typeof d === 'string' && d.trim()) out.push({ table: t.table, column: col, description: d.trim().slice(0, 1000) })
  }
  return out
}
