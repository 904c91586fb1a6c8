import type { PiiFinding, PiiKind } from '../../../../shared/contract/pii'
import { embeddedHits, type EmbeddedHit } from './embedded'
import { maskValue } from './mask'
import { nameEvidence, type NameEvidence } from './name-evidence'
import { isPostcode, isStreetLine, personNameShape } from './person-patterns'
import { KIND_WORDS } from './kind-words'
import { cardCheck, ibanCheck, isEmail, isIpAddress, leadingDate, nationalIdCheck, phoneShape, plausibleBirthDate } from './value-patterns'

/** How a column's values were read: as text, as dates, or as numbers (all arrive as their text). */
export type SampleType = 'text' | 'date' | 'number'

export interface ColumnSample {
  table: string
  column: string
  type: SampleType
  values: string[]
}

export type ColumnFinding = Omit<PiiFinding, 'schema' | 'table' | 'column'>

/** Findings under this confidence are not reported. */
export const REPORT_MIN_CONFIDENCE = 0.5
/** What the column name alone adds: it cannot prove a value is personal, the values can disprove it. */
const NAME_WEIGHT = 0.6

interface Candidate {
  kind: PiiKind
  matched: number
  /** How specific a match is: a checksum or a strict format says more than capitalised words do. */
  specificity: number
  phrase: string
  examples: string[]
  note?: string
  detail?: string
}

/** The most likely kind of personal data in one column, from its name and its sampled values; null if none is likely. */
export function classifyColumn(sample: ColumnSample, now = new Date()): ColumnFinding | null {
  const evidence = nameEvidence(sample.table, sample.column)
  if (evidence.secret) return null
  const values = sample.values.map((v) => v.trim()).filter((v) => v.length > 0)
  if (!values.length) return null

  const scored = candidates(sample.type, values, evidence, now)
    .map((c) => ({ c, confidence: confidenceOf(c, values.length, evidence.kinds.has(c.kind)) }))
    .sort((a, b) => b.confidence - a.confidence)
  const best = scored[0]
  if (best && best.confidence >= REPORT_MIN_CONFIDENCE) return finding(best.c, best.confidence, values.length, evidence.kinds.has(best.c.kind))
  if (sample.type !== 'text') return null
  const text = freeTextCandidate(values, evidence)
  if (!text) return null
  const confidence = confidenceOf(text, values.length, evidence.freeText)
  return confidence >= REPORT_MIN_CONFIDENCE ? finding(text, confidence, values.length, evidence.freeText) : null
}

function confidenceOf(c: Candidate, sampled: number, named: boolean): number {
  const share = c.matched / sampled
  // a few notes with an email in them already make a column sensitive: the share counts up to a quarter
  if (c.kind === 'free_text') return Math.round(Math.min(1, 0.5 + 0.45 * Math.min(1, share / 0.25) + (named ? 0.05 : 0)) * 100) / 100
  const valueScore = Math.min(0.97, share * c.specificity)
  // a name the values contradict (a "phone" column of something else) is not evidence
  const nameScore = named ? (sampled >= 10 && share < 0.1 ? 0 : NAME_WEIGHT) : 0
  return Math.round((1 - (1 - valueScore) * (1 - nameScore)) * 100) / 100
}

function finding(c: Candidate, confidence: number, sampled: number, named: boolean): ColumnFinding {
  const parts = [`${c.matched}/${sampled} sampled values are ${c.phrase}`]
  if (c.note) parts.push(c.note)
  if (named) parts.push(`the column name says ${KIND_WORDS[c.kind]}`)
  return { kind: c.kind, confidence, evidence: parts.join('; '), sampled, matched: c.matched, examples: c.examples.slice(0, 3), ...(c.detail ? { detail: c.detail } : {}) }
}

/** Counts matches of each kind over the values, keeping the first few (masked) as examples. */
function candidates(type: SampleType, values: string[], evidence: NameEvidence, now: Date): Candidate[] {
  const named = (kind: PiiKind) => evidence.kinds.has(kind)
  const counter = (kind: PiiKind, specificity: number, phrase: string): Candidate & { add(v: string): void } => {
    const c: Candidate & { add(v: string): void } = {
      kind,
      matched: 0,
      specificity,
      phrase,
      examples: [],
      add(v) {
        c.matched++
        if (c.examples.length < 3) c.examples.push(maskValue(kind, v))
      }
    }
    return c
  }
  if (type === 'date') {
    if (!named('date_of_birth')) return []
    const dob = counter('date_of_birth', 1, 'plausible birth dates')
    for (const v of values) {
      const d = leadingDate(v)
      if (d && plausibleBirthDate(d, now)) dob.add(v)
    }
    return [dob]
  }

  const email = counter('email', 1.1, 'email addresses')
  const phone = counter('phone', 1.05, 'phone numbers')
  const card = counter('payment_card', 1.1, 'Luhn-valid card numbers with a known prefix')
  const iban = counter('iban', 1.1, 'IBANs with a valid mod-97 check')
  const national = counter('national_id', 1.1, 'valid national ids')
  const ip = counter('ip_address', 1.05, 'IP addresses')
  const dob = counter('date_of_birth', 1, evidence.age ? 'ages from 0 to 120' : 'plausible birth dates')
  const address = counter('postal_address', 0.95, evidence.postcode ? 'postcodes' : 'street addresses')
  const name = counter('person_name', named('person_name') ? 0.95 : 0.8, named('person_name') ? 'written like person names' : 'full names with a known first or last name')
  let cardShaped = 0
  const brands = new Set<string>()
  const schemes = new Set<string>()
  for (const v of values) {
    if (isEmail(v)) email.add(v)
    const phoneKind = phoneShape(v)
    if (phoneKind === 'formatted' || (phoneKind === 'digits' && named('phone'))) phone.add(v)
    const cardResult = cardCheck(v)
    if (cardResult?.result === 'valid') {
      card.add(v)
      brands.add(cardResult.brand!)
    } else if (cardResult) cardShaped++
    if (ibanCheck(v) === 'valid') iban.add(v)
    const id = nationalIdCheck(v, named('national_id'))
    if (id?.result === 'valid') {
      national.add(v)
      schemes.add(id.scheme)
    }
    if (isIpAddress(v)) ip.add(v)
    if (named('date_of_birth') || evidence.age) {
      const d = leadingDate(v)
      if (evidence.age ? /^\d{1,3}$/.test(v) && Number(v) <= 120 : d && plausibleBirthDate(d, now)) dob.add(v)
    }
    if (type === 'text') {
      if (evidence.postcode ? isPostcode(v) || isStreetLine(v) : isStreetLine(v)) address.add(v)
      const shape = personNameShape(v)
      if (named('person_name') ? shape : shape === 'known' && /\s/.test(v)) name.add(v)
    }
  }
  if (cardShaped) card.note = `${cardShaped} more are card-shaped but fail Luhn or have no known prefix`
  if (brands.size) card.detail = [...brands].join(', ')
  if (schemes.size) {
    national.detail = [...schemes].join(', ')
    national.phrase = `valid ${national.detail} numbers`
  }
  // a bare number is only an age or a birth date where the column is named for it
  const out = [email, phone, card, iban, national, ip, address, name]
  if (named('date_of_birth') || evidence.age) out.push(dob)
  return out.filter((c) => c.matched > 0 || evidence.kinds.has(c.kind))
}

/** Free text holding personal data: texts (not codes) where a share of values embed an email, phone, card, id… */
function freeTextCandidate(values: string[], evidence: NameEvidence): Candidate | null {
  const texty = values.filter((v) => v.length >= 15 && /\s/.test(v)).length
  if (!evidence.freeText && texty < values.length * 0.3) return null
  const byKind = new Map<EmbeddedHit['kind'], number>()
  const examples: string[] = []
  let matched = 0
  for (const v of values) {
    const hits = embeddedHits(v)
    if (!hits.length) continue
    matched++
    for (const h of hits) byKind.set(h.kind, (byKind.get(h.kind) ?? 0) + 1)
    if (examples.length < 3) examples.push(`…${maskValue(hits[0]!.kind, hits[0]!.text)}…`)
  }
  if (matched < 2 && !(matched === 1 && values.length < 10)) return null
  const detail = [...byKind.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${KIND_WORDS[k]} ${n}`).join(', ')
  return { kind: 'free_text', matched, specificity: 1, phrase: `texts that hold personal data (${detail})`, examples, detail: [...byKind.keys()].map((k) => KIND_WORDS[k]).join(', ') }
}
