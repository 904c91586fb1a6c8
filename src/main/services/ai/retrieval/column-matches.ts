import type { RetrievalTable } from './chunk'
import type { WeightedWords } from './features'
import { UBIQUITOUS_COLUMN_WORDS } from './features'
import { contentWords, splitWords, stem } from './words'

/**
 * Column-level matching. The table document of the BM25 index scales columns down so a 200-column table does not
 * match everything, which also buries the one column of a wide table that a question names (`T_GLU` among 40 lab
 * codes). Here every column counts at full weight, whatever the table's width: a table scores by how many of the
 * question's words its columns hold, each weighted by how rare the word is among tables.
 */
export interface ColumnIndex {
  /** Stemmed word → table key → best weight of a column of that table holding the word (1 name, 0.7 comment). */
  postings: Map<string, Map<string, number>>
  tables: number
}

export function columnIndex(tables: Iterable<RetrievalTable>): ColumnIndex {
  const postings = new Map<string, Map<string, number>>()
  let count = 0
  const post = (word: string, table: string, weight: number) => {
    if (UBIQUITOUS_COLUMN_WORDS.has(word)) return
    let byTable = postings.get(word)
    if (!byTable) postings.set(word, (byTable = new Map()))
    byTable.set(table, Math.max(byTable.get(table) ?? 0, weight))
  }
  for (const t of tables) {
    count++
    for (const c of t.columns) {
      for (const w of splitWords(c.name)) post(stem(w), t.key, 1)
      if (c.comment) for (const w of contentWords(c.comment)) post(w, t.key, 0.7)
    }
  }
  return { postings, tables: count }
}

/** Tables ranked by the question words their columns hold (words weighted as asked, and by rarity). */
export function rankByColumns(words: WeightedWords, index: ColumnIndex, limit: number): string[] {
  const scores = new Map<string, number>()
  for (const [word, weight] of words) {
    const byTable = index.postings.get(word)
    if (!byTable) continue
    const idf = Math.log(1 + index.tables / byTable.size)
    for (const [table, w] of byTable) scores.set(table, (scores.get(table) ?? 0) + weight * w * idf)
  }
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([k]) => k)
}
