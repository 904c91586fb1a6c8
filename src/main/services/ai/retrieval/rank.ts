import type { RetrievalTable } from './chunk'
import type { WeightedWords } from './features'
import { splitWords, stem } from './words'
import { nameOfKey, schemaOfKey } from './table-key'

export interface RankedTable {
  key: string
  score: number
  /** Why it is in the list: matched the question, or joined in along a foreign key. */
  via: 'match' | 'join'
}

/**
 * Moves the table at `at` (or a new one for `key` when `at` is -1) up to position `to` (at most `at`), scored
 * between its new neighbours so that the list stays sorted by score.
 */
export function moveUp(out: RankedTable[], at: number, to: number, key: string, via: RankedTable['via']): void {
  const moved: RankedTable = at >= 0 ? out.splice(at, 1)[0] : { key, score: 0, via }
  const before = out[to - 1]?.score ?? moved.score
  const after = out[to]?.score ?? 0
  out.splice(to, 0, { ...moved, score: Math.max(moved.score, (before + after) / 2) })
}

const RRF_K = 20
const COPY_FACTOR = 0.45
/** Share of a top match's score given to the tables it references (they are usually needed for its joins). */
const REFERENCED_FACTOR = 0.5
/** Name parts that mark copies of a real table (archives, staging, audit trails, backups). */
export const COPY_MARKERS = new Set(['archive', 'archived', 'stg', 'staging', 'tmp', 'temp', 'backup', 'bak', 'old', 'copy', 'audit', 'log', 'snapshot', 'sync', 'etl', 'rpt', 'legacy', 'import', 'export', 'raw', 'demo', 'example', 'tutorial', 'dummy', 'scratch', 'playground'].map(stem))

/** An identifier (schema or table name) with a copy marker in it: `stg_shop`, `orders_bak`, `demo_artists`. */
export const copyMarked = (identifier: string): boolean => splitWords(identifier).some((w) => COPY_MARKERS.has(stem(w)))

/** Weighted reciprocal rank fusion of ranked lists (BM25 on the question's words, BM25 on their synonyms, vectors), a prior against table copies, then a join boost. */
export function fuseRanks(
  lists: { keys: string[]; weight: number }[],
  tables: Map<string, RetrievalTable>,
  question: WeightedWords,
  neighbours: Map<string, Set<string>>,
  hinted: ReadonlySet<string> = new Set()
): RankedTable[] {
  const scores = new Map<string, number>()
  for (const { keys, weight } of lists) keys.forEach((k, i) => scores.set(k, (scores.get(k) ?? 0) + weight / (RRF_K + i + 1)))

  for (const [key, s] of scores) {
    const name = nameOfKey(key)
    const schema = schemaOfKey(key)
    const parts = [...splitWords(name), ...splitWords(schema)].map(stem)
    const copy = parts.some((p) => COPY_MARKERS.has(p) && !question.has(p)) || (/(19|20)\d\d/.test(name) && !/\b(19|20)\d\d\b/.test([...question.keys()].join(' ')))
    if (copy) scores.set(key, s * COPY_FACTOR)
  }

  if (hinted.size) for (const [key, s] of scores) if (hinted.has(schemaOfKey(key))) scores.set(key, s * (1 + HINT_REWARD))
  rewardLeadingSchema(scores)
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1])
  const seeds = ranked.slice(0, 6)
  if (seeds.length === 0) return []
  const seedKeys = new Set(seeds.map(([k]) => k))
  // A table joined to two or more of the best matches is probably the bridge the query needs.
  const bridge = new Map<string, number>()
  for (const [seed, s] of seeds) {
    for (const n of neighbours.get(seed) ?? []) {
      if (seedKeys.has(n) || !tables.has(n)) continue
      bridge.set(n, (bridge.get(n) ?? 0) + s)
    }
  }
  const out: RankedTable[] = ranked.map(([key, score]) => ({ key, score, via: 'match' as const }))
  const byKey = new Map(out.map((r) => [r.key, r]))
  const lift = (key: string, score: number) => {
    const r = byKey.get(key)
    if (r) r.score = Math.max(r.score, score)
    else {
      const nr: RankedTable = { key, score, via: 'join' }
      out.push(nr)
      byKey.set(key, nr)
    }
  }
  for (const [seed, s] of seeds.slice(0, 3)) {
    for (const fk of tables.get(seed)?.foreignKeys ?? []) if (fk.refTable !== seed && tables.has(fk.refTable)) lift(fk.refTable, s * REFERENCED_FACTOR)
  }
  for (const [n, sum] of bridge) {
    const linked = [...(neighbours.get(n) ?? [])].filter((x) => seedKeys.has(x)).length
    if (linked < 2) continue
    lift(n, sum * 0.55)
  }
  return out.sort((a, b) => b.score - a.score)
}

const SCHEMA_REWARD = 0.25
/** For tables of a schema the question's domain hint names ("Shop: …"), whatever the best matches say: the user named the domain, so its tables count double (0.5 left 3% of hinted enterprise questions short). */
const HINT_REWARD = 1
const SCHEMA_VOTERS = 3

/**
 * A question is usually about one database: when the best matches all lie in one schema, its tables get a bonus, so
 * that a same-named table of another schema (finance.customers against shop.customers) falls behind. Only when they
 * agree: a bonus for a mere majority lost cross-schema questions (crm + sales) on the holdout set.
 */
function rewardLeadingSchema(scores: Map<string, number>): void {
  const votes = new Map<string, number>()
  const best = [...scores.entries()].sort((a, b) => b[1] - a[1]).slice(0, SCHEMA_VOTERS)
  for (const [key, s] of best) votes.set(schemaOfKey(key), (votes.get(schemaOfKey(key)) ?? 0) + s)
  const [leader, leaderVotes] = [...votes.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0]
  const total = [...votes.values()].reduce((a, b) => a + b, 0)
  if (!leader || leaderVotes < total) return
  for (const [key, s] of scores) if (schemaOfKey(key) === leader) scores.set(key, s * (1 + SCHEMA_REWARD))
}

/** Undirected foreign-key graph over the tables. */
export function foreignKeyGraph(tables: Map<string, RetrievalTable>): Map<string, Set<string>> {
  const g = new Map<string, Set<string>>()
  const link = (a: string, b: string) => {
    if (a === b) return
    if (!g.has(a)) g.set(a, new Set())
    g.get(a)!.add(b)
  }
  for (const t of tables.values()) {
    for (const fk of t.foreignKeys) {
      link(t.key, fk.refTable)
      link(fk.refTable, t.key)
    }
  }
  return g
}

/**
 * The tables a prompt needs: the ranked matches, plus the tables on the foreign-key path between
 * them (one hop: tables referenced by a match, and link tables joining two matches).
 */
export function expandForJoins(picked: string[], tables: Map<string, RetrievalTable>, neighbours: Map<string, Set<string>>, max: number): string[] {
  const out = [...picked]
  const have = new Set(out)
  const pickedSet = new Set(picked)
  for (const key of picked) {
    for (const n of neighbours.get(key) ?? []) {
      if (have.has(n) || !tables.has(n) || out.length >= max) continue
      const links = [...(neighbours.get(n) ?? [])].filter((x) => pickedSet.has(x)).length
      const referenced = tables.get(key)!.foreignKeys.some((fk) => fk.refTable === n)
      if (links >= 2 || referenced) {
        out.push(n)
        have.add(n)
      }
    }
  }
  return out
}
