import type { RetrievalTable } from './chunk'
import { originalOf } from './copy-of'
import { TEXT_TYPE } from './value-sampler'
import { splitWords } from './words'

/** A text column that names the row it is in (a person, band, place or product), looked up for a proper name. */
export interface NameColumn {
  tableKey: string
  column: string
}

/** Ranked tables whose columns (and their neighbours' columns) are looked in. */
const PROBED_TABLES = 30
/** Columns looked up per question at most: each is one query on the live database. */
export const PROBED_COLUMNS = 32

const NAME_WORDS = new Set(['name', 'nm', 'fnm', 'lnm', 'surname', 'title', 'city', 'brand', 'company'])

function namesRows(column: string): boolean {
  const words = splitWords(column)
  return words.some((w) => NAME_WORDS.has(w) || (w.length > 4 && w.endsWith('name')))
}

/**
 * The name columns of the best-ranked tables and of the tables they join, best first: where a proper name the question
 * uses is most likely a row ("Merchandise sold for Metallica": `artist.name` beside `items`). Copies (staging,
 * archives, yearly tables) are left out, as they hold the same names as their originals.
 */
export function nameColumns(ranked: string[], tables: Map<string, RetrievalTable>, neighbours: Map<string, Set<string>>, limit = PROBED_COLUMNS): NameColumn[] {
  const order: string[] = []
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key) || !tables.has(key) || originalOf(key) !== undefined) return
    seen.add(key)
    order.push(key)
  }
  const top = ranked.slice(0, PROBED_TABLES)
  for (const key of top) visit(key)
  for (const key of top) for (const n of neighbours.get(key) ?? []) visit(n)
  const out: NameColumn[] = []
  for (const key of order) {
    for (const c of tables.get(key)!.columns) {
      if (out.length >= limit) return out
      if (TEXT_TYPE.test(c.type) && namesRows(c.name)) out.push({ tableKey: key, column: c.name })
    }
  }
  return out
}
