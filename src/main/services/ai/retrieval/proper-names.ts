import { isStopWord } from './words'

/** Capitalised words that are calendar words or pronouns, not names of things in a database. */
const NOT_NAMES = new Set(
  'i january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday q1 q2 q3 q4 h1 h2'.split(' ')
)
/** Lower-case words that may stand inside a name ("Bank of America", "Ludwig van Beethoven", "Marks & Spencer"). */
const INNER = new Set(['of', 'de', 'del', 'der', 'van', 'von', 'la', 'le', 'du', 'da', '&'])
/** Names looked up per question at most, and their longest length: a pasted text is not a list of names. */
export const MAX_NAMES = 5
export const MAX_NAME_CHARS = 80

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.&-]*|&/gu
/** Quoted text is a value ('Album'), an identifier ("CustomerName") or code (`OrderDate`), not a name to look up. */
const QUOTED = /'[^']*'|"[^"]*"|`[^`]*`|\[[^\]]*\]/g

interface Token {
  text: string
  at: number
  end: number
}

/**
 * The proper names a question uses that no schema word or stored value explains: "The Beatles" in "songs by The
 * Beatles", "Björk" in "Björk's recordings", "Guns N' Roses", "Dupont" in "captain Dupont". A name is a run of
 * capitalised words (with "of", "van"… inside), cut from the question as written, that does not start a sentence or
 * line, follow a domain hint's colon, or cross punctuation; `explained` says whether a word is the schema's own or a
 * run is a stored value. Such names are rows of high-cardinality columns the value index does not hold.
 */
export function properNames(question: string, explained: { word(word: string): boolean; phrase(phrase: string): boolean }): string[] {
  const text = question.replace(QUOTED, (q) => ' '.repeat(q.length))
  const tokens: Token[] = [...text.matchAll(WORD)].map((m) => {
    const bare = m[0].replace(/['’]s$/u, '').replace(/[.’-]+$/u, '')
    return { text: bare, at: m.index!, end: m.index! + bare.length }
  })
  const names: string[] = []
  let run: Token[] = []
  const flush = () => {
    while (run.length && INNER.has(run[run.length - 1].text.toLowerCase())) run.pop()
    const phrase = run.length ? question.slice(run[0].at, run[run.length - 1].end) : ''
    const words = run.map((t) => t.text).filter((w) => !INNER.has(w.toLowerCase()) && w !== 'The')
    run = []
    if (!phrase || phrase.length > MAX_NAME_CHARS || words.join('').length < 3) return
    // SQL keywords and acronyms (SELECT, EMEA, KYC) are written in capitals; a name is not only capitals
    if (words.every((w) => w === w.toUpperCase())) return
    if (words.every((w) => NOT_NAMES.has(w.toLowerCase()) || explained.word(w))) return
    if (explained.phrase(phrase)) return
    names.push(phrase)
  }
  tokens.forEach((t, i) => {
    const previous = tokens[i - 1]
    const gap = previous ? text.slice(previous.end, t.at) : ''
    const startsSentence = !previous || /[.!?:\n]/.test(gap)
    // a comma, bracket or slash between two words ends a name ("Metallica, Slayer and Megadeth")
    if (gap.trim() !== '' && !/^['’]s?\s*$/u.test(gap.trim())) flush()
    const capital = /^\p{Lu}/u.test(t.text)
    // title-cased questions ("Top Customers By Revenue In Germany") capitalise words no name is made of: they end a run
    const stop = t.text !== 'The' && isStopWord(t.text) && !INNER.has(t.text.toLowerCase())
    if (capital && !startsSentence && !stop) run.push(t)
    else if (run.length && INNER.has(t.text.toLowerCase()) && /^\p{Lu}/u.test(tokens[i + 1]?.text ?? '')) run.push(t)
    else flush()
    // a possessive ends the name: "Björk's recordings"
    if (/^['’]s\b/u.test(text.slice(t.end))) flush()
  })
  flush()
  return [...new Set(names)].slice(0, MAX_NAMES)
}
