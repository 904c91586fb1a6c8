import type { RetrievalTable } from './chunk'
import { synonymsOf } from './synonyms'
import { contentWords, splitWords, stem } from './words'
import { nameOfKey, schemaOfKey } from './table-key'

/** Weighted stemmed words of a document or a query: the input of both the FTS5 row and the offline embedding. */
export type WeightedWords = Map<string, number>

/** Column words that nearly every table has; they say little about what a table is for. */
export const UBIQUITOUS_COLUMN_WORDS = new Set(['id', 'created', 'updated', 'at', 'by', 'date', 'name', 'code', 'status', 'type', 'is', 'note', 'description', 'active', 'deleted', 'version', 'uuid', 'key', 'flag', 'on'].map(stem))

function add(map: WeightedWords, word: string, weight: number): void {
  if (!word) return
  map.set(word, Math.max(map.get(word) ?? 0, weight))
}

/**
 * The table's own name counts most, then comments, then columns (scaled down for wide tables so that
 * a 200-column table does not match everything), then the names of the tables it references.
 */
export function tableWords(t: RetrievalTable): WeightedWords {
  const words: WeightedWords = new Map()
  const [schemaPart, namePart] = [schemaOfKey(t.key), nameOfKey(t.key)]
  for (const w of splitWords(namePart)) add(words, stem(w), 1)
  for (const w of splitWords(schemaPart)) add(words, stem(w), 0.35)
  if (t.comment) for (const w of contentWords(t.comment)) add(words, w, 0.6)
  const colScale = 0.5 / Math.sqrt(Math.max(1, t.columns.length / 6))
  for (const c of t.columns) {
    for (const w of splitWords(c.name)) {
      const s = stem(w)
      add(words, s, UBIQUITOUS_COLUMN_WORDS.has(s) ? 0.1 : colScale)
    }
    if (c.comment) for (const w of contentWords(c.comment)) add(words, w, colScale * 0.8)
    const samples = t.samples?.[c.name]
    if (samples) for (const v of samples.slice(0, 5)) for (const w of contentWords(v)) add(words, w, colScale * 0.5)
  }
  for (const fk of t.foreignKeys) {
    const ref = nameOfKey(fk.refTable)
    for (const w of splitWords(ref)) add(words, stem(w), 0.25)
  }
  return words
}

/**
 * A verb in the past tense names a table less surely than a noun does ("who worked as" is not about `music.work`,
 * "orders shipped" is only partly about `shipments`): it counts a little more than a synonym.
 */
const PAST_TENSE_WEIGHT = 0.6
const pastTense = (word: string) => word.length >= 6 && word.endsWith('ed')

/** Question words, plus thesaurus and glossary expansions at a lower weight. */
export function queryWords(question: string, extraSynonyms: (w: string) => string[] = () => []): WeightedWords {
  const words: WeightedWords = new Map()
  for (const raw of splitWords(question)) {
    const w = contentWords(raw)[0]
    if (!w) continue
    add(words, w, pastTense(raw) ? PAST_TENSE_WEIGHT : 1)
    for (const s of [...synonymsOf(w), ...extraSynonyms(w)]) add(words, s, 0.5)
  }
  return words
}

/** FTS5 document text: each word repeated by weight so that BM25 term frequency follows the weights. */
export function ftsDocument(words: WeightedWords): string {
  const out: string[] = []
  for (const [w, weight] of words) {
    const reps = weight >= 0.9 ? 3 : weight >= 0.45 ? 2 : 1
    for (let i = 0; i < reps; i++) out.push(w)
  }
  return out.join(' ')
}

/** FTS5 MATCH expression: any of the words (quoted, so no word is read as an operator), optionally by weight. */
export function ftsQuery(words: WeightedWords, filter: (weight: number) => boolean = () => true): string | null {
  const terms = [...words.entries()].filter(([w, weight]) => filter(weight) && /^[a-z0-9]+$/.test(w)).map(([w]) => w)
  return terms.length ? terms.map((w) => `"${w}"`).join(' OR ') : null
}
