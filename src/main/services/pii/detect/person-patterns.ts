import { en } from '@faker-js/faker'

/** Street lines, postcodes and person names: the value shapes that need word lists rather than a check digit. */

const lower = (words: readonly string[] | null | undefined): Set<string> => new Set((words ?? []).map((w) => w.toLowerCase()))
const union = (...sets: Set<string>[]): Set<string> => new Set(sets.flatMap((s) => [...s]))

const STREET_SUFFIXES = union(lower(en.location?.street_suffix), lower(['St', 'Rd', 'Ave', 'Av', 'Blvd', 'Dr', 'Ln', 'Ct', 'Pl', 'Sq', 'Hwy', 'Pkwy', 'Ter', 'Close', 'Gate', 'Gardens']))
/** Street words of other languages, written first or last (`Hauptstraße 5`, `12 rue de Rivoli`, `Calle Mayor 3`). */
const FOREIGN_STREET = /(stra(ss|ß)e|str\.|weg|gasse|allee|platz|ring|damm|laan|straat|gracht|plein|^rue\b|^avenue\b|^boulevard\b|^chemin\b|^calle\b|^via\b|^avenida\b|^rua\b|^piazza\b|^ulica\b)/i

/**
 * A street line: a house number and a street word (`6863 Brakus Heights`, `90432 Lancaster Road Apt. 4`,
 * `Hauptstraße 5`, `12 rue de Rivoli`), or a P.O. box.
 */
export function isStreetLine(value: string): boolean {
  if (value.length > 120 || !/\d/.test(value)) return false
  if (/^(p\.?\s?o\.?\s?box|postfach|bp)\s+\d+/i.test(value)) return true
  const m = /^(\d{1,6}[A-Za-z]?(?:[-/]\d{1,4})?),?\s+(.+)$/.exec(value)
  if (m) {
    const words = m[2]!.replace(/[,.]/g, ' ').split(/\s+/).filter(Boolean)
    if (words.length >= 2 && words.length <= 8 && words.some((w, i) => i > 0 && STREET_SUFFIXES.has(w.toLowerCase()))) return true
    if (FOREIGN_STREET.test(m[2]!)) return true
  }
  const tail = /^([\p{L}][\p{L}.' -]{2,60}?)\s+(\d{1,5}[a-zA-Z]?)$/u.exec(value)
  return !!tail && FOREIGN_STREET.test(tail[1]!)
}

const POSTCODES = [
  /^\d{5}(?:-\d{4})?$/, // US ZIP, DE, FR, ES, IT
  /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i, // UK
  /^\d{4} ?[A-Z]{2}$/i, // NL
  /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i, // CA
  /^\d{4}$/, // AT, BE, CH, DK, AU
  /^\d{3}-\d{4}$/ // JP
]

/** A postcode of a common country format; on its own only a number, so it counts only in a column named for it. */
export function isPostcode(value: string): boolean {
  return POSTCODES.some((p) => p.test(value))
}

const FIRST_NAMES = union(lower(en.person?.first_name?.generic), lower(en.person?.first_name?.female), lower(en.person?.first_name?.male))
const LAST_NAMES = lower(en.person?.last_name?.generic)
const NAME_WORD = /^[\p{Lu}][\p{L}'’-]*\.?$/u
const NAME_PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'del', 'la', 'le', 'du', 'bin', 'al', 'ibn', 'mac', 'st.'])
const NAME_AFFIXES = new Set(['mr.', 'mrs.', 'ms.', 'miss', 'dr.', 'prof.', 'jr.', 'sr.', 'i', 'ii', 'iii', 'iv', 'v', 'md', 'phd', 'dds', 'dvm'])

/**
 * 'known': one to four capitalised words, one of them a first or last name from the embedded lists; 'shape': the
 * capitalised words only (a name the lists do not know, or a product, city or company called like one).
 */
export function personNameShape(value: string): 'known' | 'shape' | null {
  const trimmed = value.trim()
  if (trimmed.length < 2 || trimmed.length > 60) return null
  const words = trimmed.split(/[\s,]+/).filter((w) => !NAME_AFFIXES.has(w.toLowerCase()))
  if (!words.length || words.length > 4) return null
  if (!words.every((w) => NAME_WORD.test(w) || NAME_PARTICLES.has(w.toLowerCase()))) return null
  const known = words.some((w) => FIRST_NAMES.has(w.toLowerCase().replace(/\.$/, '')) || LAST_NAMES.has(w.toLowerCase()))
  return known ? 'known' : 'shape'
}
