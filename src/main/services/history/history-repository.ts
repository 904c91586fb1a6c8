import type { HistoryEntry } from '../../../shared/contract'
import type { Plan } from '../../../shared/plan/model'
import type { LocalStore } from '../store/local-store'

type NewEntry = Omit<HistoryEntry, 'id'>

interface Row {
  id: number
  connection_id: string
  connection_name: string
  sql: string
  started_at: string
  duration_ms: number
  rows: number
  status: HistoryEntry['status']
  error: string | null
  /** 1/0 when a plan is kept (list), null otherwise. */
  analyzed?: number | null
}

const toEntry = (r: Row): HistoryEntry => ({
  id: r.id,
  connectionId: r.connection_id,
  connectionName: r.connection_name,
  sql: r.sql,
  startedAt: r.started_at,
  durationMs: r.duration_ms,
  rows: r.rows,
  status: r.status,
  error: r.error,
  ...(r.analyzed !== null && r.analyzed !== undefined && { plan: r.analyzed ? 'analyze' : 'explain' })
})

/** Every run, newest first, searchable with FTS5 (trigram: substrings of 3+ characters). */
export class HistoryRepository {
  constructor(private readonly store: LocalStore) {}

  /**
   * Runs still 'running' were cut short when a previous process died (crash, kill): they become 'interrupted'.
   * Call once per process, before any run starts.
   */
  markInterrupted(): number {
    return this.store.db.prepare(`update query_history set status = 'interrupted' where status = 'running'`).run().changes
  }

  /** Records a run as it starts, so it is in history even if the process dies before it finishes. */
  start(entry: Pick<HistoryEntry, 'connectionId' | 'connectionName' | 'sql' | 'startedAt'>): HistoryEntry {
    return this.add({ ...entry, durationMs: 0, rows: 0, status: 'running', error: null })
  }

  /** Completes the entry `start` recorded; undefined when it was deleted meanwhile (the user's choice stands). */
  finish(id: number, outcome: Pick<HistoryEntry, 'durationMs' | 'rows' | 'status' | 'error'>): HistoryEntry | undefined {
    const row = this.store.db
      .prepare(`update query_history set duration_ms = ?, rows = ?, status = ?, error = ? where id = ? returning *`)
      .get(outcome.durationMs, outcome.rows, outcome.status, outcome.error, id) as Row | undefined
    return row && toEntry(row)
  }

  add(entry: NewEntry): HistoryEntry {
    const info = this.store.db
      .prepare(
        `insert into query_history (connection_id, connection_name, sql, started_at, duration_ms, rows, status, error)
         values (?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(entry.connectionId, entry.connectionName, entry.sql, entry.startedAt, entry.durationMs, entry.rows, entry.status, entry.error)
    return { id: Number(info.lastInsertRowid), ...entry }
  }

  list(opts: { search?: string; connectionId?: string; limit: number; beforeId?: number }): HistoryEntry[] {
    const where: string[] = []
    const params: unknown[] = []
    if (opts.connectionId) {
      where.push('h.connection_id = ?')
      params.push(opts.connectionId)
    }
    if (opts.beforeId !== undefined) {
      where.push('h.id < ?')
      params.push(opts.beforeId)
    }
    for (const term of searchTerms(opts.search)) {
      if (term.length >= 3) {
        where.push('h.id in (select rowid from query_history_fts where query_history_fts match ?)')
        params.push(`"${term.replaceAll('"', '""')}"`)
      } else {
        // trigram cannot match terms shorter than 3 characters
        where.push(`(instr(lower(h.sql), ?) > 0 or instr(lower(h.connection_name), ?) > 0)`)
        params.push(term.toLowerCase(), term.toLowerCase())
      }
    }
    const sql = `select h.*, p.analyzed from query_history h left join history_plans p on p.history_id = h.id ${where.length ? `where ${where.join(' and ')}` : ''} order by h.id desc limit ?`
    return (this.store.db.prepare(sql).all(...params, opts.limit) as Row[]).map(toEntry)
  }

  /** A plan taken of `entry.sql`, recorded as a finished history entry with the plan kept beside it. */
  addPlan(entry: Pick<HistoryEntry, 'connectionId' | 'connectionName' | 'sql' | 'startedAt' | 'durationMs'>, plan: Plan): HistoryEntry {
    return this.store.db.transaction(() => {
      const added = this.add({ ...entry, rows: 0, status: 'ok', error: null })
      this.store.db.prepare('insert into history_plans (history_id, analyzed, plan) values (?, ?, ?)').run(added.id, plan.analyzed ? 1 : 0, JSON.stringify(plan))
      return { ...added, plan: plan.analyzed ? 'analyze' : 'explain' } as HistoryEntry
    })()
  }

  /** The plan kept with entry `id`, or undefined. */
  plan(id: number): Plan | undefined {
    const row = this.store.db.prepare('select plan from history_plans where history_id = ?').get(id) as { plan: string } | undefined
    return row ? (JSON.parse(row.plan) as Plan) : undefined
  }

  delete(id: number): void {
    this.store.db.prepare('delete from query_history where id = ?').run(id)
  }

  clear(): void {
    this.store.db.exec(`delete from history_plans; delete from query_history; insert into query_history_fts (query_history_fts) values ('rebuild');`)
  }
}

function searchTerms(search: string | undefined): string[] {
  return (search ?? '').split(/\s+/).filter(Boolean).slice(0, 16)
}
