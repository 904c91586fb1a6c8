import type { RetrievalTable } from './chunk'
import { splitWords, stem } from './words'
import { nameOfKey } from './table-key'

/**
 * Schema names are often shortened or squashed ("jrnl", "dept", "emp_mstr", "shipmentline", "custaddr") where a
 * question spells words out. These match a question word to the schema's own tokens that abbreviate it or are a
 * compound starting or ending with it, so the BM25 index (which holds the schema's tokens) can find them.
 */

/** The distinct stemmed tokens of table and column names, grouped by first letter for quick lookup. */
export type SchemaVocabulary = Map<string, string[]>

export function schemaVocabulary(tables: Iterable<RetrievalTable>): SchemaVocabulary {
  const tokens = new Set<string>()
  const addAll = (identifier: string) => {
    for (const w of splitWords(identifier)) if (/^[a-z]/.test(w)) tokens.add(stem(w))
  }
  for (const t of tables) {
    addAll(nameOfKey(t.key))
    for (const c of t.columns) addAll(c.name)
  }
  const byLetter: SchemaVocabulary = new Map()
  for (const token of tokens) {
    const list = byLetter.get(token[0])
    if (list) list.push(token)
    else byLetter.set(token[0], [token])
  }
  return byLetter
}

/** The schema tokens that abbreviate `word` or are compounds of it (never `word` itself). */
export function variantsOf(word: string, vocabulary: SchemaVocabulary): string[] {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return []
  const out: string[] = []
  const isPart = (rest: string) => rest.length >= 3 && (vocabulary.get(rest[0]) ?? []).some((t) => t.startsWith(rest))
  for (const token of vocabulary.get(word[0]) ?? []) {
    if (token === word) continue
    if (abbreviates(token, word) || compoundOf(token, word) || abbreviatedCompound(token, word, isPart)) out.push(token)
  }
  return out
}

/**
 * "emp" for employee, "dept" for department, "jrnl" for journal: short prefixes, or longer letter subsequences;
 * "plt" for platelet, "qty" for quantity, "nbr" for number: three consonants taken in order from the word's consonants,
 * the last of them its last.
 */
export function abbreviates(token: string, word: string): boolean {
  if (token.length < 3 || token.length >= word.length - 1 || token[0] !== word[0]) return false
  if (word.startsWith(token)) return true
  if (token.length === 3) return !VOWEL.test(token.slice(1)) && isSubsequence(token.slice(1), consonants(word.slice(1))) && token[2] === lastConsonant(word)
  return isSubsequence(token, word)
}

const VOWEL = /[aeiou]/
const consonants = (s: string) => s.replace(/[aeiou]/g, '')
/** Three-letter abbreviations end on the word's last consonant (qty, plt, amt, mgr, pkg), not on any ("mrn" is not merchandise). */
const lastConsonant = (s: string) => consonants(s).slice(-1)

/** "shipmentline" for shipment, "orderline" for order: a longer name that starts or ends with the word. */
function compoundOf(token: string, word: string): boolean {
  return token.length >= word.length + 3 && (token.startsWith(word) || token.endsWith(word))
}

/**
 * "custaddr" for customer: a squashed name whose first part abbreviates the word and whose rest starts a schema token
 * (`addr`, `address`). Not "relation" for release: "ation" is no part of a name.
 */
function abbreviatedCompound(token: string, word: string, isPart: (rest: string) => boolean): boolean {
  if (token.length < 7) return false
  for (let cut = 3; cut <= Math.min(5, token.length - 3); cut++) {
    const head = token.slice(0, cut)
    if (word.startsWith(head) && !word.startsWith(token.slice(0, cut + 1))) return isPart(token.slice(cut))
  }
  return false
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++
  return i === short.length
}
