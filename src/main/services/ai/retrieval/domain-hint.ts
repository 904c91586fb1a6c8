import { copyMarked } from './rank'
import { synonymsOf } from './synonyms'
import { contentWords, splitWords, stem } from './words'
import { nameOfKey, schemaOfKey } from './table-key'

/** A schema whose table names hold a hint's domain words this many times the next schema's count is what it names. */
const DOMAIN_MARGIN = 2
const DOMAIN_MIN_TABLES = 2
/** "In the music database, …", "from the HR schema": the domain said in words. */
const NAMED_DATABASE = /\b(?:in|from|for|on) (?:the |our )?([\p{L}\p{N}_]+) (?:database|schema|db|system|app)\b/iu

/** Each schema's tables as their stemmed name words; copy schemas (staging, archives) are not domains. Built once per index. */
export type SchemaTableWords = Map<string, string[][]>

export function schemaTableWords(tableKeys: Iterable<string>): SchemaTableWords {
  const out: SchemaTableWords = new Map()
  for (const key of tableKeys) {
    const schema = schemaOfKey(key)
    if (!out.has(schema)) out.set(schema, [])
    if (copyMarked(schema)) continue
    out.get(schema)!.push(splitWords(nameOfKey(key)).map(stem))
  }
  return out
}

/**
 * The schemas a question's domain hint names: "Shop: orders paid by PayPal", "HR: average salary…", a first word
 * that is a schema's name ("Lab reagent orders still open"), or "in the music database". Whole schema names count, so
 * `stg_shop` and `shop_archive` are not hinted by "Shop". A "Domain:" prefix that is no schema's name ("Hospital: …")
 * names the schema whose tables are clearly most often named by its words and their synonyms (patients, wards, admissions).
 */
export function hintedSchemas(question: string, schemas: SchemaTableWords): Set<string> {
  const colon = question.indexOf(':')
  const named = NAMED_DATABASE.exec(question)?.[1]
  const explicit = !!named || (colon > 0 && question.slice(0, colon).trim().split(/\s+/).length <= 3)
  const prefix = named ?? (explicit ? question.slice(0, colon) : (question.trim().split(/\s+/)[0] ?? ''))
  const words = new Set([...contentWords(prefix), ...prefix.toLowerCase().split(/[^a-z0-9_]+/)])
  const hinted = new Set([...schemas.keys()].filter((s) => words.has(s.toLowerCase())))
  if (hinted.size || !explicit) return hinted
  return schemaNamedByDomain(new Set([...words].flatMap((w) => [w, ...synonymsOf(w)])), schemas)
}

function schemaNamedByDomain(domain: Set<string>, schemas: SchemaTableWords): Set<string> {
  const counts: [string, number][] = [...schemas].map(([schema, tables]) => [schema, tables.filter((words) => words.some((w) => domain.has(w))).length])
  const [first, second] = counts.sort((a, b) => b[1] - a[1])
  return first && first[1] >= DOMAIN_MIN_TABLES && first[1] >= DOMAIN_MARGIN * (second?.[1] ?? 0) ? new Set([first[0]]) : new Set()
}
