import type Database from 'better-sqlite3'
import { chunkTable, type RetrievalTable } from './chunk'
import type { Embedder } from './embedder'
import { ftsDocument, ftsQuery, queryWords, tableWords, type WeightedWords } from './features'
import { bringInBridges, PATH_TOP } from './fk-path'
import { bringInRareWordTables } from './rare-words'
import { bringInNamedNeighbours } from './named-neighbours'
import { copiesYieldToOriginals } from './copy-of'
import { foreignKeyGraph, fuseRanks, type RankedTable } from './rank'
import { columnIndex, rankByColumns, type ColumnIndex } from './column-matches'
import { hintedSchemas, schemaTableWords, type SchemaTableWords } from './domain-hint'
import { nameColumns, type NameColumn } from './name-columns'
import type { NameLookup } from './name-probe'
import { properNames } from './proper-names'
import { stem } from './words'
import { historyNameWords } from './history-cue'
import { abbreviates, schemaVocabulary, variantsOf, type SchemaVocabulary } from './identifier-variants'

export interface NameProbe {
  /**
   * The tables whose `columns` hold one of `names` on the connection's live database, best candidate first; undefined
   * when the database may not be asked (the user has not allowed values to be read).
   */
  lookUp(connectionId: string, columns: NameColumn[], names: string[], signal?: AbortSignal): Promise<NameLookup | undefined>
  /** A name the value index holds whole needs no lookup. */
  isStoredValue(connectionId: string, phrase: string): boolean
}

export interface SyncResult {
  tables: number
  changed: number
  removed: number
  embedded: number
}

export interface SearchOptions {
  /** Candidates taken from each of BM25 and the vector index before fusion. */
  candidates?: number
  /** Extra synonyms for a stemmed question word (the user's glossary). */
  extraSynonyms?: (word: string) => string[]
  /** Tables whose stored column values the question names, best first (from the local value index). */
  valueTables?: string[]
  /** Leave the vector index out (to measure what it adds). */
  withoutVectors?: boolean
  /** The user's own words whose proper names may be looked up on the live database (not SQL or error text). */
  namesFrom?: string
  /** Told which proper names were looked up on the live database, and what was found. */
  onNamesLookedUp?(names: string[], lookup: NameLookup): void
  signal?: AbortSignal
}

// Weights of the ranked lists in the fusion, set on the tuning splits (`npm run eval:retrieval -- --suite all`).
const SYNONYM_WEIGHT = 0.5
const VARIANT_WEIGHT = 0.6
const VALUE_WEIGHT = 1.2
const COLUMN_WEIGHT = 0.6
/** Without vectors strict@10 falls on all five tuning datasets, by 0.03 (pooled) to 0.25 (music-store), measured 2026-11-28. */
const VECTOR_WEIGHT = 1

interface ConnectionCache {
  tables: Map<string, RetrievalTable>
  ids: Map<number, string>
  neighbours: Map<string, Set<string>>
  vocabulary: SchemaVocabulary
  columns: ColumnIndex
  schemas: SchemaTableWords
}

/**
 * The retrieval index of a connection's schema in the local store: one chunk per table, FTS5 for
 * BM25, sqlite-vec for vectors. Syncing is incremental: a chunk whose hash is unchanged keeps its
 * row and its embeddings.
 */
export class SchemaIndex {
  private readonly cache = new Map<string, ConnectionCache>()
  /**
   * `valueTables`: the tables whose stored values a question names (the local value index), unless a search passes its
   * own. `nameProbe`: the tables whose name columns hold a proper name the question uses, looked up on the live
   * database (when the user allows values to be read); the ranking is made again with them.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly valueTables: (connectionId: string, question: string) => string[] = () => [],
    private readonly nameProbe?: NameProbe
  ) {}

  async sync(
    connectionId: string,
    tables: RetrievalTable[],
    embedder: Embedder,
    opts: { fingerprint?: string; onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {}
  ): Promise<SyncResult> {
    const db = this.db
    this.ensureVecTable(embedder)
    const existing = new Map(
      (db.prepare('select id, table_key, hash from ai_chunks where connection_id = ?').all(connectionId) as { id: number; table_key: string; hash: string }[]).map((r) => [r.table_key, r])
    )
    const chunks = tables.map(chunkTable)
    const seen = new Set<string>()
    let changed = 0
    const upsert = db.prepare(
      `insert into ai_chunks (connection_id, table_key, hash, text, meta) values (?, ?, ?, ?, ?)
       on conflict (connection_id, table_key) do update set hash = excluded.hash, text = excluded.text, meta = excluded.meta returning id`
    )
    const ftsDelete = db.prepare('delete from ai_chunks_fts where rowid = ?')
    const ftsInsert = db.prepare('insert into ai_chunks_fts (rowid, words) values (?, ?)')
    let removed = 0
    db.transaction(() => {
      for (const c of chunks) {
        seen.add(c.table.key)
        const old = existing.get(c.table.key)
        if (old && old.hash === c.hash) continue
        const { id } = upsert.get(connectionId, c.table.key, c.hash, c.text, JSON.stringify(c.table)) as { id: number }
        if (old) ftsDelete.run(id)
        ftsInsert.run(id, ftsDocument(tableWords(c.table)))
        changed++
      }
      for (const [key, row] of existing) {
        if (seen.has(key)) continue
        ftsDelete.run(row.id)
        this.deleteVectors(row.id)
        db.prepare('delete from ai_embedded where chunk_id = ?').run(row.id)
        db.prepare('delete from ai_chunks where id = ?').run(row.id)
        removed++
      }
    })()

    // Embed what this space has not embedded at the current hash.
    const pending = db
      .prepare(
        `select c.id, c.hash, c.meta from ai_chunks c left join ai_embedded e on e.chunk_id = c.id and e.space = ?
         where c.connection_id = ? and (e.hash is null or e.hash <> c.hash) order by c.id`
      )
      .all(embedder.space, connectionId) as { id: number; hash: string; meta: string }[]
    const vecTable = vecTableName(embedder)
    const vecDelete = db.prepare(`delete from ${vecTable} where rowid = ?`)
    const vecInsert = db.prepare(`insert into ${vecTable} (rowid, connection_id, embedding) values (?, ?, ?)`)
    const mark = db.prepare('insert into ai_embedded (chunk_id, space, hash) values (?, ?, ?) on conflict (chunk_id, space) do update set hash = excluded.hash')
    const batch = 128
    opts.onProgress?.(0, pending.length)
    for (let i = 0; i < pending.length; i += batch) {
      opts.signal?.throwIfAborted()
      const rows = pending.slice(i, i + batch)
      const vectors = await embedder.embedDocuments(rows.map((r) => chunkTable(JSON.parse(r.meta) as RetrievalTable)), opts.signal)
      db.transaction(() => {
        rows.forEach((r, j) => {
          vecDelete.run(BigInt(r.id))
          vecInsert.run(BigInt(r.id), connectionId, vectors[j])
          mark.run(r.id, embedder.space, r.hash)
        })
      })()
      opts.onProgress?.(Math.min(i + batch, pending.length), pending.length)
    }
    db.prepare(
      `insert into ai_index_meta (connection_id, fingerprint, space, updated_at) values (?, ?, ?, ?)
       on conflict (connection_id) do update set fingerprint = excluded.fingerprint, space = excluded.space, updated_at = excluded.updated_at`
    ).run(connectionId, opts.fingerprint ?? null, embedder.space, new Date().toISOString())
    this.cache.delete(connectionId)
    return { tables: chunks.length, changed, removed, embedded: pending.length }
  }

  async search(connectionId: string, question: string, embedder: Embedder, opts: SearchOptions = {}): Promise<RankedTable[]> {
    const cache = this.load(connectionId)
    if (cache.tables.size === 0) return []
    const n = opts.candidates ?? 40
    const words = queryWords(question, opts.extraSynonyms)
    const bm25 = (match: string | null) =>
      match
        ? (
            this.db
              .prepare(
                `select f.rowid as id from ai_chunks_fts f join ai_chunks c on c.id = f.rowid
                 where ai_chunks_fts match ? and c.connection_id = ? order by bm25(ai_chunks_fts) limit ?`
              )
              .all(match, connectionId, n) as { id: number }[]
          )
            .map((r) => cache.ids.get(r.id))
            .filter((k): k is string => !!k)
        : []
    // The question's own words and their synonyms rank separately, so a synonym adds evidence without
    // outweighing the word the user actually typed.
    const direct = bm25(ftsQuery(words, (w) => w >= 1))
    const expanded = bm25(ftsQuery(words, (w) => w < 1))
    const variantWords: WeightedWords = new Map()
    const abbreviations = new Map<string, string[]>()
    for (const [w, weight] of words) {
      if (weight < 1) continue
      const vs = variantsOf(w, cache.vocabulary).filter((v) => !words.has(v))
      for (const v of vs) variantWords.set(v, 1)
      const short = vs.filter((v) => abbreviates(v, w))
      if (short.length) abbreviations.set(w, short)
    }
    const variants = bm25(ftsQuery(variantWords))
    const columns = rankByColumns(new Map([...words].filter(([, w]) => w >= 1).concat([...variantWords].map(([v]) => [v, 0.8]))), cache.columns, n)
    let vector: string[] = []
    if (!opts.withoutVectors && this.hasVecTable(embedder)) {
      const q = await embedder.embedQuery(question, words, opts.signal)
      vector = (
        this.db
          .prepare(`select rowid as id from ${vecTableName(embedder)} where embedding match ? and k = ? and connection_id = ? order by distance`)
          .all(q, n, connectionId) as { id: number }[]
      )
        .map((r) => cache.ids.get(Number(r.id)))
        .filter((k): k is string => !!k)
    }
    const named = new Set([...words.keys(), ...variantWords.keys(), ...historyNameWords(question)])
    const hinted = hintedSchemas(question, cache.schemas)
    const rank = (valueTables: string[]) => {
      const ranked = fuseRanks(
        [
          { keys: direct, weight: 1 },
          { keys: expanded, weight: SYNONYM_WEIGHT },
          { keys: variants, weight: VARIANT_WEIGHT },
          { keys: columns, weight: COLUMN_WEIGHT },
          { keys: valueTables, weight: VALUE_WEIGHT },
          { keys: vector, weight: VECTOR_WEIGHT }
        ],
        cache.tables,
        words,
        cache.neighbours,
        hinted
      )
      // The foreign-key path between the best matches (bridge tables the question never names) goes into the top 10.
      const withRare = bringInRareWordTables(ranked, abbreviations, cache.columns, cache.neighbours)
      const withBridges = bringInBridges(bringInNamedNeighbours(withRare, cache.neighbours, named), cache.neighbours, (k) => cache.tables.has(k))
      return copiesYieldToOriginals(withBridges, PATH_TOP)
    }
    const valueTables = opts.valueTables ?? this.valueTables(connectionId, question)
    const ranked = rank(valueTables)
    if (!this.nameProbe || !opts.namesFrom) return ranked
    const schemaWord = (w: string) => {
      const s = stem(w.toLowerCase())
      return (cache.vocabulary.get(s[0]) ?? []).includes(s)
    }
    const names = properNames(opts.namesFrom, { word: schemaWord, phrase: (p) => this.nameProbe!.isStoredValue(connectionId, p) })
    if (names.length === 0) return ranked
    const lookup = await this.nameProbe.lookUp(connectionId, nameColumns(ranked.map((r) => r.key), cache.tables, cache.neighbours), names, opts.signal)
    if (!lookup) return ranked
    opts.onNamesLookedUp?.(names, lookup)
    const holding = lookup.tables
    return holding.length ? rank([...holding, ...valueTables.filter((k) => !holding.includes(k))]) : ranked
  }

  /** Removes the connection's chunks, FTS rows and vectors. */
  forget(connectionId: string): void {
    const rows = this.db.prepare('select id from ai_chunks where connection_id = ?').all(connectionId) as { id: number }[]
    const ftsDelete = this.db.prepare('delete from ai_chunks_fts where rowid = ?')
    this.db.transaction(() => {
      for (const { id } of rows) {
        ftsDelete.run(id)
        this.deleteVectors(id)
        this.db.prepare('delete from ai_embedded where chunk_id = ?').run(id)
      }
      this.db.prepare('delete from ai_chunks where connection_id = ?').run(connectionId)
    })()
    this.cache.delete(connectionId)
  }

  /** Tables of the connection as indexed (for prompt building and FK expansion). */
  tables(connectionId: string): { tables: Map<string, RetrievalTable>; neighbours: Map<string, Set<string>> } {
    const c = this.load(connectionId)
    return { tables: c.tables, neighbours: c.neighbours }
  }

  chunkText(connectionId: string, key: string): string | undefined {
    const row = this.db.prepare('select text from ai_chunks where connection_id = ? and table_key = ?').get(connectionId, key) as { text: string } | undefined
    return row?.text
  }

  status(connectionId: string, embedder: Embedder): { tables: number; embedded: number; fingerprint: string | null; updatedAt: string | null } {
    const tables = (this.db.prepare('select count(*) as n from ai_chunks where connection_id = ?').get(connectionId) as { n: number }).n
    const embedded = (
      this.db
        .prepare('select count(*) as n from ai_chunks c join ai_embedded e on e.chunk_id = c.id and e.space = ? and e.hash = c.hash where c.connection_id = ?')
        .get(embedder.space, connectionId) as { n: number }
    ).n
    const meta = this.db.prepare('select fingerprint, updated_at from ai_index_meta where connection_id = ?').get(connectionId) as { fingerprint: string | null; updated_at: string } | undefined
    return { tables, embedded, fingerprint: meta?.fingerprint ?? null, updatedAt: meta?.updated_at ?? null }
  }

  private load(connectionId: string): ConnectionCache {
    let c = this.cache.get(connectionId)
    if (!c) {
      const rows = this.db.prepare('select id, table_key, meta from ai_chunks where connection_id = ?').all(connectionId) as { id: number; table_key: string; meta: string }[]
      const tables = new Map(rows.map((r) => [r.table_key, JSON.parse(r.meta) as RetrievalTable]))
      c = {
        tables,
        ids: new Map(rows.map((r) => [r.id, r.table_key])),
        neighbours: foreignKeyGraph(tables),
        vocabulary: schemaVocabulary(tables.values()),
        columns: columnIndex(tables.values()),
        schemas: schemaTableWords(tables.keys())
      }
      this.cache.set(connectionId, c)
    }
    return c
  }

  private ensureVecTable(embedder: Embedder): void {
    this.db.exec(`create virtual table if not exists ${vecTableName(embedder)} using vec0(connection_id text partition key, embedding float[${embedder.dim}] distance_metric=cosine)`)
  }

  private hasVecTable(embedder: Embedder): boolean {
    return !!this.db.prepare(`select 1 from sqlite_master where name = ?`).get(vecTableName(embedder))
  }

  private deleteVectors(chunkId: number): void {
    const spaces = this.db.prepare('select space from ai_embedded where chunk_id = ?').all(chunkId) as { space: string }[]
    for (const { space } of spaces) {
      const name = `ai_vec_${space}`
      if (this.db.prepare('select 1 from sqlite_master where name = ?').get(name)) this.db.prepare(`delete from ${name} where rowid = ?`).run(BigInt(chunkId))
    }
  }
}

function vecTableName(embedder: Embedder): string {
  if (!/^[a-z0-9_]+$/.test(embedder.space)) throw new Error(`bad embedding space name ${embedder.space}`)
  return `ai_vec_${embedder.space}`
}
