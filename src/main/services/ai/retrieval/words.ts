/**
 * Word handling shared by chunking, FTS5 and the offline embedding: identifiers are split into words
 * (snake_case, camelCase, digits), lower-cased and lightly stemmed so that "ordered", "orders" and
 * "order_id" meet on "order".
 */

const STOP = new Set(
  'a an and are as at be been by can do does did for from had has have how i if in into is it its me my of on or our per show give list find tell the their them there these this those to was we were what when where which who whom whose why will with you your all any each every than then that get got many much most more less some should would could please'.split(' ')
)

export const isStopWord = (word: string): boolean => STOP.has(word.toLowerCase())

/** Splits an identifier or free text into lower-case words. */
export function splitWords(text: string): string[] {
  return text
    .replace(/\b([0-9]+)(st|nd|rd|th)\b/gi, '$1')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+|(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])/)
    .filter((w) => w.length > 0)
}

/** A light suffix stemmer (plurals, -ed, -ing, -ly); good enough for schema vocabulary. */
export function stem(word: string): string {
  let w = word
  if (w.length <= 3 || /^[0-9]+$/.test(w)) return w
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y'
  else if (/(ss|us|is)$/.test(w)) return w
  else if (/(ches|shes|xes|sses|zes)$/.test(w)) w = w.slice(0, -2)
  else if (w.endsWith('s')) w = w.slice(0, -1)
  if (w.length > 5 && w.endsWith('ing')) w = undouble(w.slice(0, -3))
  else if (w.length > 4 && w.endsWith('ed')) w = undouble(w.slice(0, -2))
  else if (w.length > 5 && w.endsWith('ly')) w = w.slice(0, -2)
  return w
}

function undouble(w: string): string {
  return /([^aeiouls])\1$/.test(w) ? w.slice(0, -1) : w
}

/** Content words of a text, stemmed. */
export function contentWords(text: string): string[] {
  return splitWords(text)
    .filter((w) => !STOP.has(w))
    .map(stem)
}
