import type { EditorTab } from '../../../shared/contract'
import type { LocalStore } from '../store/local-store'

interface Row {
  id: string
  title: string
  sql: string
  connection_id: string | null
  position: number
  cursor_offset: number
  saved_query_id: string | null
  updated_at: string
}

const ACTIVE_KEY = 'tabs.activeId'

type TabInput = Omit<EditorTab, 'updatedAt' | 'position' | 'cursorOffset' | 'savedQueryId'> &
  Partial<Pick<EditorTab, 'position' | 'cursorOffset' | 'savedQueryId'>>

/**
 * Editor tabs and their text. Each save is one committed transaction in the WAL store, so text the renderer
 * saved survives a crash of the app process.
 */
export class TabsRepository {
  constructor(private readonly store: LocalStore) {}

  list(): { tabs: EditorTab[]; activeId: string | null } {
    const rows = this.store.db.prepare('select * from editor_tabs order by position, updated_at').all() as Row[]
    const active = this.store.db.prepare('select value from kv where key = ?').get(ACTIVE_KEY) as { value: string } | undefined
    const tabs = rows.map((r) => ({
      id: r.id,
      title: r.title,
      sql: r.sql,
      connectionId: r.connection_id,
      position: r.position,
      cursorOffset: r.cursor_offset,
      savedQueryId: r.saved_query_id,
      updatedAt: r.updated_at
    }))
    const activeId = active && tabs.some((t) => t.id === active.value) ? active.value : (tabs[0]?.id ?? null)
    return { tabs, activeId }
  }

  save(tab: TabInput): void {
    const db = this.store.db
    const position =
      tab.position ??
      (db.prepare('select position from editor_tabs where id = ?').get(tab.id) as { position: number } | undefined)?.position ??
      ((db.prepare('select max(position) as m from editor_tabs').get() as { m: number | null }).m ?? -1) + 1
    db.prepare(
      `insert into editor_tabs (id, title, sql, connection_id, position, cursor_offset, saved_query_id, updated_at)
       values (@id, @title, @sql, @connectionId, @position, @cursorOffset, @savedQueryId, @updatedAt)
       on conflict (id) do update set title = excluded.title, sql = excluded.sql, connection_id = excluded.connection_id,
         position = excluded.position, cursor_offset = excluded.cursor_offset,
         saved_query_id = coalesce(excluded.saved_query_id, editor_tabs.saved_query_id), updated_at = excluded.updated_at`
    ).run({
      id: tab.id,
      title: tab.title,
      sql: tab.sql,
      connectionId: tab.connectionId,
      position,
      cursorOffset: tab.cursorOffset ?? 0,
      savedQueryId: tab.savedQueryId ?? null,
      updatedAt: new Date().toISOString()
    })
  }

  close(id: string): void {
    this.store.db.prepare('delete from editor_tabs where id = ?').run(id)
  }

  setActive(id: string | null): void {
    if (id === null) this.store.db.prepare('delete from kv where key = ?').run(ACTIVE_KEY)
    else this.store.db.prepare('insert into kv (key, value) values (?, ?) on conflict (key) do update set value = excluded.value').run(ACTIVE_KEY, id)
  }

  reorder(ids: string[]): void {
    const update = this.store.db.prepare('update editor_tabs set position = ? where id = ?')
    this.store.db.transaction(() => ids.forEach((id, i) => update.run(i, id)))()
  }
}
