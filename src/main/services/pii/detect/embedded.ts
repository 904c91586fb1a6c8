import type { PiiKind } from '../../../../shared/contract/pii'
import { cardCheck, ibanCheck, isEmail, isIpAddress, nationalIdCheck, phoneShape } from './value-patterns'

export interface EmbeddedHit {
  kind: Exclude<PiiKind, 'free_text' | 'person_name' | 'postal_address' | 'date_of_birth'>
  text: string
}

/** Candidates inside running text; each is then checked with the whole-value test of its kind. */
const SCANS: { kind: EmbeddedHit['kind']; pattern: RegExp; check(text: string): boolean }[] = [
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, check: isEmail },
  { kind: 'payment_card', pattern: /\b\d(?:[ -]?\d){12,18}\b/g, check: (t) => cardCheck(t)?.result === 'valid' },
  { kind: 'iban', pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g, check: (t) => ibanCheck(t) === 'valid' },
  { kind: 'national_id', pattern: /\b\d{3}-\d{2}-\d{4}\b|\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g, check: (t) => nationalIdCheck(t, false)?.result === 'valid' },
  { kind: 'phone', pattern: /\+\d[\d ().-]{7,18}\d|\(\d{3}\) ?\d{3}[ .-]\d{4}|\b\d{3}[.-]\d{3}[.-]\d{4}\b/g, check: (t) => phoneShape(t) === 'formatted' },
  { kind: 'ip_address', pattern: /(?<![\w/.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])/g, check: isIpAddress }
]

/** The personal data written inside a text (a note that holds an email, a card number…), each found at most once per kind. */
export function embeddedHits(text: string): EmbeddedHit[] {
  const hits: EmbeddedHit[] = []
  let rest = text
  for (const scan of SCANS) {
    for (const m of rest.matchAll(scan.pattern)) {
      if (!scan.check(m[0].trim())) continue
      hits.push({ kind: scan.kind, text: m[0].trim() })
      // a card number is not also a phone number
      rest = rest.replace(m[0], ' ')
      break
    }
  }
  return hits
}
