import type { ColumnIndex } from './column-matches'
import { originalOf } from './copy-of'
import { PATH_MAX_DEPTH, shortestPath } from './fk-path'
import { moveUp, type RankedTable } from './rank'
import { schemaOfKey } from './table-key'

/** A word held by the columns of at most this share of the tables (and at least 3) names those tables. */
export const RARE_SHARE = 0.01
/** Rare words' tables are placed from this position (0-based) on, behind the best matches. */
const FIRST_PLACE = 2
/** ...and only when they rank behind this position; one ranked this well already counts. */
const COVERED_WITHIN = 4
/** A rare word's table must join one of this many best matches. */
const JOINS_TO = 3

/**
 * A question word that few tables hold in their columns (`T_PLT` for "platelet", `T_CREA` for
 * "creatinine") names a table the query needs, even when the question's common words ("patients", "counts")
 * favour many others. Fusion ranks such a table low, since only the column lists find it; here the best-ranked
 * holder of each rare word moves up behind the first matches, where it also becomes a seed of the join path.
 * `abbreviations` maps each question word to the schema tokens that abbreviate it: where the schema spells the
 * word out, the word lists already rank its tables.
 */
export function bringInRareWordTables(
  ranked: RankedTable[],
  abbreviations: Map<string, string[]>,
  index: ColumnIndex,
  graph: Map<string, Set<string>>
): RankedTable[] {
  const out = [...ranked]
  // A table that cannot join the best matches is another database's word ("plate" of a vehicle for "platelet").
  const best = new Set(out.slice(0, JOINS_TO).map((r) => r.key))
  const joinsBest = (key: string) => best.has(key) || shortestPath(graph, key, best, PATH_MAX_DEPTH) !== null
  const leading = out[0] ? schemaOfKey(out[0].key) : ''
  let place = FIRST_PLACE
  for (const tokens of abbreviations.values()) {
    // Copies (archives, staging, yearly tables) hold the same columns: they count as their original.
    const holders = new Set<string>()
    for (const t of tokens) for (const k of index.postings.get(t)?.keys() ?? []) holders.add(originalOf(k) ?? k)
    if (holders.size === 0 || holders.size > Math.max(3, Math.ceil(index.tables * RARE_SHARE))) continue
    // A question is usually about one database: a holder in the leading schema is the one meant.
    const inLeading = [...holders].filter((k) => schemaOfKey(k) === leading)
    const wanted = new Set((inLeading.length ? inLeading : [...holders]).filter(joinsBest))
    if (wanted.size === 0) continue
    const at = out.findIndex((r) => wanted.has(r.key))
    if (at >= 0 && at < Math.max(COVERED_WITHIN, place)) continue
    moveUp(out, at, place, [...wanted][0], 'match')
    place++
  }
  return out
}
