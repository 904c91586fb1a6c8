import type { Dialect } from '../cells'
import { factsOf } from '../engines'

/** Keywords and built-in functions offered by completion, per dialect (common ones first, then each engine's own). */

/** Roughly most used first: where nothing in particular is expected, completion offers them in this order. */
const COMMON_KEYWORDS = `SELECT FROM WHERE AND OR NOT IN IS NULL LIKE BETWEEN EXISTS AS ON JOIN INNER LEFT RIGHT FULL OUTER CROSS
GROUP BY ORDER HAVING ASC DESC DISTINCT CASE WHEN THEN ELSE END WITH UNION ALL INTERSECT EXCEPT INSERT INTO VALUES UPDATE
SET DELETE CREATE ALTER DROP TABLE VIEW INDEX UNIQUE PRIMARY KEY FOREIGN REFERENCES CONSTRAINT CHECK DEFAULT
CASCADE TRUNCATE BEGIN COMMIT ROLLBACK TRUE FALSE ADD COLUMN RENAME TO USING OVER PARTITION`

const COMMON_FUNCTIONS = `count sum avg min max coalesce nullif cast lower upper trim length substring replace abs round
row_number rank dense_rank lag lead first_value last_value`

export interface DialectWords {
  keywords: string[]
  functions: string[]
}

const cache = new Map<Dialect, DialectWords>()

export function dialectWords(dialect: Dialect): DialectWords {
  let words = cache.get(dialect)
  if (!words) {
    const split = (s: string): string[] => [...new Set(s.split(/\s+/).filter(Boolean))]
    words = { keywords: split(`${COMMON_KEYWORDS} ${factsOf(dialect).keywords}`), functions: split(`${COMMON_FUNCTIONS} ${factsOf(dialect).functions}`) }
    cache.set(dialect, words)
  }
  return words
}
