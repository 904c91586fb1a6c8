import type Database from 'better-sqlite3'
import { contentWords } from './words'

/** The distinct values of one column, most frequent first (what the sampler reads, or an evaluation dataset carries). */
export interface ValueEntry {
  tableKey: string
  column: string
  values: string[]
}

/** A stored value that the question names (wholly or in part). */
export interface ValueMatch {
  tableKey: string
  column: string
  value: string
  score: number
}

export interface ValueIndexStatus {
  enabled: boolean
  columns: number
  values: number
  updatedAt: string | null
  /** Values were dropped to stay within the caps (the least frequent of each column first). */
  truncated: boolean
  maxPerColumn: number
  maxValues: number
}

export interface ValueIndexLimits {
  /** Values kept per column (the sampler reads one more to tell a low-cardinality column from the rest). */
  maxPerColumn: number
  /** Values kept per connection. */
  maxValues: number
  /** Longer values are not names of things but text; they are not kept. */
  maxValueChars: number
}

export const DEFAULT_VALUE_LIMITS: ValueIndexLimits = { maxPerColumn: 200, maxValues: 250_000, maxValueChars: 80 }

/** Words that flag and placeholder values are made of; a question uses them without naming a value. */
const NOISE = new Set(['yes', 'no', 'true', 'false', 'null', 'none', 'na', 'nan', 'n', 'y', 'unknown', 'other', 'default', 'test', 'tbd', 'nil'])

/** A question word in more postings than this, or in more than half of the columns, says nothing about which table. */
const MAX_POSTINGS = 1000
const COMMON_COLUMN_SHARE = 0.5

/** A value only partly named by the question ("Beatles" for "Beatles for Sale") counts this much per covered share. */
const PARTIAL_WEIGHT = 0.3
/** Every word of a multi-word value, one after another in the question in the value's order ("nursing home"). */
const PHRASE_BONUS = 1.5
/** Every word of a multi-word value, but scattered over the question. */
const SCATTERED = 0.8

/**
 * The words of a value or a question, in order: accents folded (München → munchen), split on anything but letters
 * and digits, English stop words dropped and ASCII words stemmed as schema words are (so "Beatles" meets "beatle").
 */
export function valueWords(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase()
  const out: string[] = []
  for (const token of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (!token) continue
    if (/^[a-z0-9]+$/.test(token)) out.push(...contentWords(token))
    else out.push(token)
  }
  return out.filter((w) => w.length > 1 && !NOISE.has(w))
}

/** Entries for tables that carry their values, as an evaluation dataset's tables may (`values`: column → values). */
export function valueEntriesOf(tables: { name: string; values?: Record<string, string[]> }[]): ValueEntry[] {
  return tables.flatMap((t) => Object.entries(t.values ?? {}).map(([column, values]) => ({ tableKey: t.name, column, values })))
}

/** The table keys of the matches, best match first, each once: a ranked list to fuse with the schema ranking. */
export function valueMatchedTables(matches: ValueMatch[]): string[] {
  const best = new Map<string, number>()
  for (const m of matches) best.set(m.tableKey, Math.max(best.get(m.tableKey) ?? 0, m.score))
  return [...best.entries()].sort((a, b) => b[1] - a[1]).map(([key]) => key)
}

/** A value some question word is in: the summed weight of those words, and which of its words they are, by position. */
interface Hit {
  weight: number
  words: (string | undefined)[]
}

interface CleanColumn {
  tableKey: string
  column: string
  values: { value: string; words: string[] }[]
  /** More values came than maxPerColumn. */
  cut: boolean
}

/** What a written value set holds, for the meta row. */
interface SetSummary {
  values: number
  columns: number
  truncated: boolean
}

/** Rows written or deleted per step of the stepped (async) paths: each step is one short transaction. */
const STEP_ROWS = 2000

/**
 * The local value index of each connection, in the local store: distinct values of low-cardinality text columns
 * and an inverted index from their words to them, with per-connection word counts for IDF-like weights. Values
 * stay on this machine: the index only says which tables a question's words name.
 *
 * A connection's values are one "set" (rows keyed by the set's number). A refresh writes a new set, then points the
 * connection at it and deletes the old one, so matching always sees one whole set; replaceInSteps does this in short
 * transactions, so that a large set never holds the process for seconds.
 */
export class ValueIndex {
  readonly limits: ValueIndexLimits
  private readonly statements = new Map<string, Database.Statement>()
  private readonly columnCache = new Map<number, Map<number, { tableKey: string; column: string }>>()

  constructor(
    private readonly db: Database.Database,
    limits: Partial<ValueIndexLimits> = {}
  ) {
    this.limits = { ...DEFAULT_VALUE_LIMITS, ...limits }
  }

  /** Replaces all of the connection's values in one transaction; returns what was kept. */
  replace(connectionId: string, entries: ValueEntry[]): ValueIndexStatus {
    this.db.transaction(() => {
      const conn = this.newSet(connectionId)
      const steps = this.writeSet(conn, entries)
      let step = steps.next()
      while (!step.done) step = steps.next()
      const old = this.point(connectionId, conn, step.value)
      if (old !== null) for (const _ of this.purgeSet(old));
    })()
    return this.status(connectionId)
  }

  /** replace() in short transactions with the event loop free between them; an abort leaves the old values in place. */
  async replaceInSteps(connectionId: string, entries: ValueEntry[], signal?: AbortSignal): Promise<ValueIndexStatus> {
    const conn = this.newSet(connectionId)
    try {
      const steps = this.writeSet(conn, entries)
      const next = this.db.transaction(() => steps.next())
      for (let step = next(); ; step = next()) {
        if (step.done) {
          signal?.throwIfAborted()
          const old = this.point(connectionId, conn, step.value)
          if (old !== null) await this.inSteps(this.purgeSet(old))
          return this.status(connectionId)
        }
        await yieldToEventLoop()
        signal?.throwIfAborted()
      }
    } catch (e) {
      await this.inSteps(this.purgeSet(conn))
      throw e
    }
  }

  /** Deletes sets no connection points at, left by a run the process did not finish. Call once at start. */
  async purgeOrphans(): Promise<void> {
    const orphans = this.stmt('select conn from ai_value_sets where conn not in (select conn from ai_value_meta where conn is not null)').all() as { conn: number }[]
    for (const { conn } of orphans) await this.inSteps(this.purgeSet(conn))
  }

  /** The stored values the question names, best first: whole values over partial ones, rare words over common ones. */
  match(connectionId: string, question: string, limit = 40): ValueMatch[] {
    // one read transaction for all the lookups: outside one, each statement takes and drops the WAL read lock
    return this.db.transaction(() => this.matchIn(connectionId, question, limit))()
  }

  private matchIn(connectionId: string, question: string, limit: number): ValueMatch[] {
    const meta = this.stmt('select conn, columns_count from ai_value_meta where connection_id = ?').get(connectionId) as { conn: number | null; columns_count: number } | undefined
    if (!meta || meta.conn === null || meta.columns_count === 0) return []
    const conn = meta.conn
    const asked = valueWords(question)
    if (asked.length === 0) return []
    const dfOf = this.stmt('select columns, vals from ai_value_df where conn = ? and word = ?')
    const postings = this.stmt('select value_id, value_words, pos from ai_value_words where conn = ? and word = ?').raw()
    const hits = new Map<number, Hit>()
    for (const word of new Set(asked)) {
      const df = dfOf.get(conn, word) as { columns: number; vals: number } | undefined
      if (!df || df.vals > MAX_POSTINGS) continue
      if (meta.columns_count >= 20 && df.columns > meta.columns_count * COMMON_COLUMN_SHARE) continue
      const idf = Math.log(1 + meta.columns_count / df.columns)
      for (const [valueId, valueWordCount, pos] of postings.all(conn, word) as [number, number, number][]) {
        let h = hits.get(valueId)
        if (!h) hits.set(valueId, (h = { weight: 0, words: Array.from<string | undefined>({ length: valueWordCount }) }))
        h.weight += idf
        h.words[pos] = word
      }
    }
    const scored: { id: number; score: number }[] = []
    for (const [id, h] of hits) {
      let matched = 0
      for (const w of h.words) if (w !== undefined) matched++
      let score = h.weight * (matched === h.words.length ? 1 : PARTIAL_WEIGHT * (matched / h.words.length))
      if (matched === h.words.length && matched > 1) score *= inOrder(asked, h.words as string[]) ? PHRASE_BONUS : SCATTERED
      scored.push({ id, score })
    }
    scored.sort((a, b) => b.score - a.score)
    const valueRow = this.stmt('select value, column_id from ai_values where id = ?').raw()
    const columns = this.columnsOf(conn)
    return scored.slice(0, limit).map((s) => {
      const [value, columnId] = valueRow.get(s.id) as [string, number]
      const { tableKey, column } = columns.get(columnId)!
      return { tableKey, column, value, score: Math.round(s.score * 1000) / 1000 }
    })
  }

  /** Whether one stored value holds every word of `phrase` ("Milan" for "Milan"; not "Laurence" for "Laurence Abbott"). */
  holdsWhole(connectionId: string, phrase: string): boolean {
    const words = valueWords(phrase)
    return words.length > 0 && this.match(connectionId, phrase).some((m) => {
      const held = new Set(valueWords(m.value))
      return words.every((w) => held.has(w))
    })
  }

  status(connectionId: string): ValueIndexStatus {
    const row = this.stmt('select enabled, updated_at, values_count, columns_count, truncated from ai_value_meta where connection_id = ?').get(connectionId) as
      | { enabled: number; updated_at: string | null; values_count: number; columns_count: number; truncated: number }
      | undefined
    return {
      enabled: row?.enabled === 1,
      columns: row?.columns_count ?? 0,
      values: row?.values_count ?? 0,
      updatedAt: row?.updated_at ?? null,
      truncated: row?.truncated === 1,
      maxPerColumn: this.limits.maxPerColumn,
      maxValues: this.limits.maxValues
    }
  }

  /** The per-connection opt-in; turning it off removes the values at once. */
  setEnabled(connectionId: string, enabled: boolean): ValueIndexStatus {
    this.db.transaction(() => {
      this.stmt('insert into ai_value_meta (connection_id) values (?) on conflict (connection_id) do nothing').run(connectionId)
      this.stmt('update ai_value_meta set enabled = ? where connection_id = ?').run(enabled ? 1 : 0, connectionId)
      if (!enabled) this.detachAndPurge(connectionId)
    })()
    return this.status(connectionId)
  }

  /** Removes the connection's values; the opt-in stays as it was. */
  clear(connectionId: string): ValueIndexStatus {
    this.db.transaction(() => this.detachAndPurge(connectionId))()
    return this.status(connectionId)
  }

  /** The connection is gone: its values and its opt-in go with it. */
  forget(connectionId: string): void {
    this.db.transaction(() => {
      this.detachAndPurge(connectionId)
      this.stmt('delete from ai_value_meta where connection_id = ?').run(connectionId)
    })()
  }

  private detachAndPurge(connectionId: string): void {
    const old = this.point(connectionId, null, { values: 0, columns: 0, truncated: false })
    if (old !== null) for (const _ of this.purgeSet(old));
  }

  /** A new, empty value set for the connection. */
  private newSet(connectionId: string): number {
    return Number(this.stmt('insert into ai_value_sets (connection_id) values (?)').run(connectionId).lastInsertRowid)
  }

  /** Points the connection at a set (or none) with its counts; returns the set it pointed at before. */
  private point(connectionId: string, conn: number | null, summary: SetSummary): number | null {
    this.stmt('insert into ai_value_meta (connection_id) values (?) on conflict (connection_id) do nothing').run(connectionId)
    const old = (this.stmt('select conn from ai_value_meta where connection_id = ?').get(connectionId) as { conn: number | null }).conn
    this.stmt('update ai_value_meta set conn = ?, updated_at = ?, values_count = ?, columns_count = ?, truncated = ? where connection_id = ?').run(
      conn,
      conn === null ? null : new Date().toISOString(),
      summary.values,
      summary.columns,
      summary.truncated ? 1 : 0,
      connectionId
    )
    return old
  }

  /** Writes a set in steps of about STEP_ROWS rows (the caller decides what a step's transaction is). */
  private *writeSet(conn: number, entries: ValueEntry[]): Generator<void, SetSummary> {
    const cleaned: CleanColumn[] = []
    let work = 0
    for (const e of entries) {
      const c = this.clean(e)
      if (c.values.length) cleaned.push(c)
      if ((work += e.values.length) >= STEP_ROWS) {
        work = 0
        yield
      }
    }
    const { kept, truncated } = this.capped(cleaned)
    const insertColumn = this.stmt('insert into ai_value_columns (conn, table_key, column_name, values_count) values (?, ?, ?, ?)')
    const insertValue = this.stmt('insert into ai_values (conn, column_id, value) values (?, ?, ?)')
    const df = new Map<string, { columns: number; vals: number }>()
    // per word, in value id order: written word by word, so that the b-tree grows at its end instead of splitting pages all over
    const postings = new Map<string, number[]>()
    let values = 0
    for (const c of kept) {
      const columnId = Number(insertColumn.run(conn, c.tableKey, c.column, c.values.length).lastInsertRowid)
      const inColumn = new Set<string>()
      for (const v of c.values) {
        const valueId = Number(insertValue.run(conn, columnId, v.value).lastInsertRowid)
        const distinct = [...new Set(v.words)]
        distinct.forEach((w, pos) => {
          const list = postings.get(w)
          if (list) list.push(valueId, distinct.length, pos)
          else postings.set(w, [valueId, distinct.length, pos])
          const d = df.get(w) ?? { columns: 0, vals: 0 }
          d.vals++
          if (!inColumn.has(w)) d.columns++
          inColumn.add(w)
          df.set(w, d)
        })
        if (++values % STEP_ROWS === 0) yield
      }
    }
    const words = [...df.keys()].sort()
    const insertWord = this.stmt('insert into ai_value_words (conn, word, value_id, value_words, pos) values (?, ?, ?, ?, ?)')
    let written = 0
    for (const w of words) {
      const list = postings.get(w)!
      for (let i = 0; i < list.length; i += 3) insertWord.run(conn, w, list[i], list[i + 1], list[i + 2])
      if ((written += list.length / 3) >= STEP_ROWS) {
        written = 0
        yield
      }
    }
    const insertDf = this.stmt('insert into ai_value_df (conn, word, columns, vals) values (?, ?, ?, ?)')
    for (const [i, w] of words.entries()) {
      insertDf.run(conn, w, df.get(w)!.columns, df.get(w)!.vals)
      if ((i + 1) % STEP_ROWS === 0) yield
    }
    return { values, columns: kept.length, truncated }
  }

  /** Deletes a set in steps of at most STEP_ROWS rows per table, then the set itself. */
  private *purgeSet(conn: number): Generator<void, void> {
    this.columnCache.delete(conn)
    const ranges: [table: string, key: string][] = [
      ['ai_value_words', 'word'],
      ['ai_value_df', 'word'],
      ['ai_values', 'id'],
      ['ai_value_columns', 'id']
    ]
    for (const [table, key] of ranges) {
      const cut = this.stmt(`select ${key} as k from ${table} where conn = ? order by ${key} limit 1 offset ${STEP_ROWS - 1}`)
      const deleteUpTo = this.stmt(`delete from ${table} where conn = ? and ${key} <= ?`)
      for (;;) {
        const row = cut.get(conn) as { k: string | number } | undefined
        if (!row) break
        deleteUpTo.run(conn, row.k)
        yield
      }
      this.stmt(`delete from ${table} where conn = ?`).run(conn)
    }
    this.stmt('delete from ai_value_sets where conn = ?').run(conn)
  }

  /** Runs steps one transaction each, with the event loop free between them. */
  private async inSteps(steps: Generator<void, void>): Promise<void> {
    const next = this.db.transaction(() => steps.next())
    while (!next().done) await yieldToEventLoop()
  }

  /** The set's columns by id, read once (a set never changes once written, and its number is never used again). */
  private columnsOf(conn: number): Map<number, { tableKey: string; column: string }> {
    let columns = this.columnCache.get(conn)
    if (!columns) {
      const rows = this.stmt('select id, table_key, column_name from ai_value_columns where conn = ?').all(conn) as { id: number; table_key: string; column_name: string }[]
      columns = new Map(rows.map((r) => [r.id, { tableKey: r.table_key, column: r.column_name }]))
      if (this.columnCache.size >= 32) this.columnCache.clear()
      this.columnCache.set(conn, columns)
    }
    return columns
  }

  /** Values worth keeping: short, naming something (letters, not only digits), each once, at most maxPerColumn. */
  private clean(entry: ValueEntry): CleanColumn {
    const seen = new Set<string>()
    const values: CleanColumn['values'] = []
    let cut = false
    for (const raw of entry.values) {
      if (values.length >= this.limits.maxPerColumn) {
        cut = true
        break
      }
      const value = raw.trim()
      if (!value || value.length > this.limits.maxValueChars || !/\p{L}/u.test(value) || seen.has(value)) continue
      seen.add(value)
      const words = valueWords(value)
      if (words.length) values.push({ value, words })
    }
    return { tableKey: entry.tableKey, column: entry.column, values, cut }
  }

  /** Within maxValues: one cut per column (the same for all), keeping each column's most frequent values. */
  private capped(columns: CleanColumn[]): { kept: CleanColumn[]; truncated: boolean } {
    const total = columns.reduce((n, c) => n + c.values.length, 0)
    if (total <= this.limits.maxValues) return { kept: columns, truncated: columns.some((c) => c.cut) }
    let lo = 1
    let hi = this.limits.maxPerColumn
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2)
      if (columns.reduce((n, c) => n + Math.min(mid, c.values.length), 0) <= this.limits.maxValues) lo = mid
      else hi = mid - 1
    }
    let room = this.limits.maxValues
    const kept = columns
      .map((c) => {
        const values = c.values.slice(0, Math.min(lo, room))
        room -= values.length
        return { ...c, values }
      })
      .filter((c) => c.values.length > 0)
    return { kept, truncated: true }
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql)
    if (!s) {
      s = this.db.prepare(sql)
      this.statements.set(sql, s)
    }
    return s
  }
}

/** The value's words appear in the question one after another, in the value's order. */
function inOrder(asked: string[], words: string[]): boolean {
  for (let i = 0; i + words.length <= asked.length; i++) if (words.every((w, j) => asked[i + j] === w)) return true
  return false
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
