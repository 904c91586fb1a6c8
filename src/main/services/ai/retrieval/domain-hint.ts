import { COPY_MARKERS } from './rank'
import { synonymsOf } from './synonyms'
import { contentWords, splitWords, stem } from './words'
import { nameOfKey, schemaOfKey } from './table-key'

/** A schema whose table names hold a hint's domain words this many times the next schema's count is what it names. */
const DOMAIN_MARGIN = 2
const DOMAIN_MIN_TABLES = 2
/** "In the music database, …", "from the HR schema": the domain said in words. */
const NAMED_DATABASE = /\b(?:in|from|for|on) (?:the |our )?([\p{L}\p{N}_]+) (?:database|schema|db|system|app)\b/iu

/**
 * The schemas a question's domain hint names: "Shop: orders paid by PayPal", "HR: average salary…", or a first word
 * that is a schema's name ("Lab reagent orders still open"), or "in the music database". Whole schema names count, so `stg_shop` and
 * `shop_archive` are not hinted by "Shop". A "Domain:" prefix that is no schema's name ("Hospital: …") names the
 * schema whose tables are clearly most often named by its words and their synonyms (patients, wards, admissions).
 */
export function hintedSchemas(question: string, tableKeys: Iterable<string>): Set<string> {
  const colon = question.indexOf(':')
  const named = NAMED_DATABASE.exec(question)?.[1]
  const explicit = !!named || (colon > 0 && question.slice(0, colon).trim().split(/\s+/).length <= 3)
  const prefix = named ?? (explicit ? question.slice(0, colon) : (question.trim().split(/\s+/)[0] ?? ''))
  const words = new Set([...contentWords(prefix), ...prefix.toLowerCase().split(/[^a-z0-9_]+/)])
  const keys = [...tableKeys]
  const schemas = new Set(keys.map(schemaOfKey))
  const hinted = new Set([...schemas].filter((s) => words.has(s.toLowerCase())))
  if (hinted.size || !explicit) return hinted
  return schemaNamedByDomain(new Set([...words].flatMap((w) => [w, ...synonymsOf(w)])), keys)
}

function schemaNamedByDomain(domain: Set<string>, keys: string[]): Set<string> {
  const counts = new Map<string, number>()
  for (const key of keys) {
    const schema = schemaOfKey(key)
    if (splitWords(schema).some((w) => COPY_MARKERS.has(stem(w)))) continue
    if (splitWords(nameOfKey(key)).some((w) => domain.has(stem(w)))) counts.set(schema, (counts.get(schema) ?? 0) + 1)
  }
  const [first, second] = [...counts.entries()].sort((a, b) => b[1] - a[1])
  return first && first[1] >= DOMAIN_MIN_TABLES && first[1] >= DOMAIN_MARGIN * (second?.[1] ?? 0) ? new Set([first[0]]) : new Set()
}
