import { PATH_TOP } from './fk-path'
import { moveUp, type RankedTable } from './rank'
import { nameOfKey } from './table-key'
import { splitWords, stem } from './words'

/** Name endings that say nothing of what a row is (`emp_mstr`, `gl_jrnl_hdr`): the whole name counts then. */
const GENERIC_ENDINGS = new Set(['mstr', 'master', 'hdr', 'header', 'ln', 'line', 'dtl', 'detail', 'main', 'data', 'info', 'list', 'tbl', 'table'])

/** The words a table is named for: its last, unless that ending is generic. */
function headWords(words: string[]): string[] {
  const last = words[words.length - 1]
  return last === undefined || GENERIC_ENDINGS.has(last) ? words : [last]
}

/** The best matches whose foreign-key neighbours are looked at. */
const ANCHORS = 5

/**
 * A table the question names that joins one of the best matches is part of the query even when many other tables
 * mention the same word (`hr.dept` beside `hr.emp_mstr` for "… by department", where every table with a `deptno`
 * column matches "department" too). Such a neighbour below the first `PATH_TOP` moves right behind the match it joins.
 * `named` holds the question's words, their synonyms and the schema's abbreviations of them, stemmed.
 */
export function bringInNamedNeighbours(ranked: RankedTable[], graph: Map<string, Set<string>>, named: Set<string>): RankedTable[] {
  const out = [...ranked]
  const nameWords = (key: string) => splitWords(nameOfKey(key)).map(stem)
  // Only a word no best match is named for: "product" beside `products` does not call in `product_variants`. A
  // link table is named for its last word (`student_guardian` is a kind of guardian), so "students" still joins it.
  const covered = new Set(ranked.slice(0, ANCHORS).flatMap((r) => headWords(nameWords(r.key))))
  for (const anchor of ranked.slice(0, ANCHORS)) {
    for (const n of graph.get(anchor.key) ?? []) {
      const word = headWords(nameWords(n)).find((w) => named.has(w) && !covered.has(w))
      if (!word) continue
      covered.add(word)
      const at = out.findIndex((r) => r.key === n)
      if (at >= 0 && at < PATH_TOP) continue
      const after = out.findIndex((r) => r.key === anchor.key)
      if (after + 1 >= PATH_TOP) continue
      moveUp(out, at, after + 1, n, 'join')
    }
  }
  return out
}
