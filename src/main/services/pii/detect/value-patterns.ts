import { isIPv4, isIPv6 } from 'node:net'
import { ibanValid, inseeValid, luhnValid, ninoValid, ssnValid, steuerIdValid } from './checksums'

/** Whole-value tests: does this one value look like (and, where there is a check digit, check out as) the kind? */

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value)
}

/** E.164 (`+14155550123`), international with separators (`+44 20 7946 0958`) or a national format. */
const PHONE_INTERNATIONAL = /^\+[1-9][\d\s().-]{6,20}$/
const PHONE_NATIONAL = [
  /^\(\d{3}\)\s?\d{3}[\s.-]\d{4}$/, // (802) 713-4900
  /^\d{3}[.-]\d{3}[.-]\d{4}$/, // 802-713-4900
  /^1[\s.-]\d{3}[\s.-]\d{3}[\s.-]\d{4}$/, // 1-802-713-4900
  /^0\d{1,4}[\s./-]?\d{2,4}(?:[\s.-]?\d{2,4}){1,3}$/ // 020 7946 0958, 06 12 34 56 78, 030/1234567
]

/** 'formatted' when it reads as a phone number on its own; 'digits' for a bare run of 7–15 digits (a phone only if the column says so). */
export function phoneShape(value: string): 'formatted' | 'digits' | null {
  const digits = value.replace(/\D/g, '').length
  if (/^\d{7,15}$/.test(value)) return 'digits'
  if (digits < 7 || digits > 15) return null
  if (PHONE_INTERNATIONAL.test(value) || PHONE_NATIONAL.some((p) => p.test(value))) return 'formatted'
  return null
}

interface CardBrand {
  name: string
  prefix: RegExp
  lengths: number[]
}
const CARD_BRANDS: CardBrand[] = [
  { name: 'Visa', prefix: /^4/, lengths: [13, 16, 19] },
  { name: 'Mastercard', prefix: /^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] },
  { name: 'American Express', prefix: /^3[47]/, lengths: [15] },
  { name: 'Discover', prefix: /^(6011|65|64[4-9])/, lengths: [16, 19] },
  { name: 'JCB', prefix: /^35(2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { name: 'Diners Club', prefix: /^(30[0-5]|36|38)/, lengths: [14, 16] },
  { name: 'UnionPay', prefix: /^62/, lengths: [16, 17, 18, 19] },
  { name: 'Maestro', prefix: /^(50|5[6-8]|6[0-9])/, lengths: [13, 14, 15, 16, 17, 18, 19] }
]

/** The digits of a card-number-shaped value: 13–19 digits, optionally in groups separated by single spaces or dashes. */
export function cardDigits(value: string): string | null {
  if (!/^\d(?:[ -]?\d){12,18}$/.test(value)) return null
  return value.replace(/[ -]/g, '')
}

/** 'valid': a known brand's prefix and length, Luhn-valid; 'shape': card-like digits that fail either. */
export function cardCheck(value: string): { result: 'valid' | 'shape'; brand?: string } | null {
  const digits = cardDigits(value)
  if (!digits) return null
  const brand = CARD_BRANDS.find((b) => b.prefix.test(digits) && b.lengths.includes(digits.length))
  return brand && luhnValid(digits) ? { result: 'valid', brand: brand.name } : { result: 'shape' }
}

/** 'valid' with mod-97 and the country's length; 'shape' when it only looks like one. */
export function ibanCheck(value: string): 'valid' | 'shape' | null {
  const compact = value.replace(/ /g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact) || !/^[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}$/.test(value)) return null
  return ibanValid(compact) ? 'valid' : 'shape'
}

export type NationalIdScheme = 'US SSN' | 'UK NINO' | 'FR INSEE' | 'DE Steuer-ID'

/** The scheme a value is a valid id of, or 'shape' when it has a scheme's format but fails its rules. */
export function nationalIdCheck(value: string, bareDigitsAllowed: boolean): { result: 'valid' | 'shape'; scheme: NationalIdScheme } | null {
  if (/^\d{3}-\d{2}-\d{4}$/.test(value) || (bareDigitsAllowed && /^\d{9}$/.test(value))) {
    return { result: ssnValid(value.replace(/-/g, '')) ? 'valid' : 'shape', scheme: 'US SSN' }
  }
  const nino = value.replace(/ /g, '').toUpperCase()
  if (/^[A-Z]{2}\d{6}[A-D]$/.test(nino) && /^[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d]$/.test(value)) return { result: ninoValid(nino) ? 'valid' : 'shape', scheme: 'UK NINO' }
  const insee = value.replace(/ /g, '').toUpperCase()
  if (/^[12]\d{4}(?:\d{2}|2A|2B)\d{8}$/.test(insee) && /^[12](?: ?[\dAB]){14}$/i.test(value)) return { result: inseeValid(insee) ? 'valid' : 'shape', scheme: 'FR INSEE' }
  const steuer = value.replace(/ /g, '')
  if (/^\d{11}$/.test(steuer) && /^\d{2} ?\d{3} ?\d{3} ?\d{3}$/.test(value)) {
    // bare 11-digit numbers are common (phone numbers, order numbers): only the check digit makes one an id
    return steuerIdValid(steuer) ? { result: 'valid', scheme: 'DE Steuer-ID' } : bareDigitsAllowed ? { result: 'shape', scheme: 'DE Steuer-ID' } : null
  }
  return null
}

export function isIpAddress(value: string): boolean {
  return isIPv4(value) || (value.includes(':') && isIPv6(value.replace(/^\[|\]$/g, '').replace(/%.*$/, '')))
}

/** A calendar date at the start of the value (`1985-03-02`, `1985-03-02 00:00:00`, `1985-03-02T…`), or null. */
export function leadingDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(value)
  if (!m) return null
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return date.getUTCMonth() === Number(m[2]) - 1 ? date : null
}

/** A date a living person can have been born on: not in the future, at most 120 years ago. */
export function plausibleBirthDate(date: Date, now = new Date()): boolean {
  const years = (now.getTime() - date.getTime()) / (365.25 * 86_400_000)
  return years >= 0 && years <= 120
}
