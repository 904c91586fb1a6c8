import { isStopWord } from './words'

/** Capitalised words that are calendar words or pronouns, not names of things in a database. */
const NOT_NAMES = new Set(
  'i january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday q1 q2 q3 q4 h1 h2'.split(' ')
)
/** Lower-case words that may stand inside a name ("Bank of America", "Ludwig van Beethoven"). */
const INNER = new Set(['of', 'de', 'del', 'der', 'van', 'von', 'la', 'le', 'du', 'da', 'and', '&'])

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.&-]*/gu

/**
 * The proper names a question uses that no schema word or stored value explains: "The Beatles" in "songs by The
 * Beatles", "Björk" in "Björk's recordings", "Dupont" in "captain Dupont". A name is a run of capitalised words (with
 * "of", "van"… inside) that does not start a sentence or follow a domain hint's colon; `explained` says whether a word
 * is the schema's own or a run is a stored value. Such names are rows of high-cardinality columns the value index
 * does not hold.
 */
export function properNames(question: string, explained: { word(word: string): boolean; phrase(phrase: string): boolean }): string[] {
  const tokens = [...question.matchAll(WORD)].map((m) => ({ text: m[0].replace(/['’]s$/u, '').replace(/[.'’-]+$/u, ''), at: m.index!, raw: m[0] }))
  const names: string[] = []
  let run: string[] = []
  const flush = () => {
    while (run.length && INNER.has(run[run.length - 1].toLowerCase())) run.pop()
    const phrase = run.join(' ')
    run = []
    if (!phrase) return
    const words = phrase.split(' ').filter((w) => !INNER.has(w.toLowerCase()) && w !== 'The')
    if (words.every((w) => NOT_NAMES.has(w.toLowerCase()) || explained.word(w))) return
    if (explained.phrase(phrase)) return
    names.push(phrase)
  }
  tokens.forEach((t, i) => {
    const previous = tokens[i - 1]
    const startsSentence = !previous || /[.!?:\n]/.test(question.slice(previous.at + previous.raw.length, t.at)) || /[.!?]$/.test(previous.raw)
    const capital = /^\p{Lu}/u.test(t.text)
    // title-cased questions ("Top Customers By Revenue In Germany") capitalise words no name is made of: they end a run
    const stop = t.text !== 'The' && isStopWord(t.text) && !INNER.has(t.text.toLowerCase())
    if (capital && !startsSentence && !stop) run.push(t.text)
    else if (run.length && INNER.has(t.text.toLowerCase()) && /^\p{Lu}/u.test(tokens[i + 1]?.text ?? '')) run.push(t.text)
    else flush()
    if (t.raw !== t.text && /['’]s$/u.test(t.raw)) flush()
  })
  flush()
  return [...new Set(names)]
}
