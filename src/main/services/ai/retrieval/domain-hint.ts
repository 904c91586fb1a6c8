import { contentWords } from './words'

/**
 * The schemas a question's domain hint names: "Shop: orders paid by PayPal", "HR: average salary…", or a first word
 * that is a schema's name ("Lab reagent orders still open"). Only whole schema names count, so `stg_shop` and
 * `shop_archive` are not hinted by "Shop".
 */
export function hintedSchemas(question: string, schemas: ReadonlySet<string>): Set<string> {
  const colon = question.indexOf(':')
  const prefix = colon > 0 && question.slice(0, colon).trim().split(/\s+/).length <= 3 ? question.slice(0, colon) : (question.trim().split(/\s+/)[0] ?? '')
  const hinted = new Set<string>()
  const words = new Set([...contentWords(prefix), ...prefix.toLowerCase().split(/[^a-z0-9_]+/)])
  for (const schema of schemas) if (words.has(schema.toLowerCase())) hinted.add(schema)
  return hinted
}
