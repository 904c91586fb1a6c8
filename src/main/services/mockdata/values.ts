import type { Faker } from '@faker-js/faker'
import type { Spec, TextKind } from './column-spec'

/** Makes one value (its text) for a spec; `n` is the row's index (sequences). */
export type MakeValue = (f: Faker, n: number) => string

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

function isoDate(ms: number): string {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

function isoTimestamp(ms: number): string {
  const d = new Date(ms)
  return `${isoDate(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

const TEXT: Record<TextKind, (f: Faker) => string> = {
  email: (f) => f.internet.email().toLowerCase(),
  firstName: (f) => f.person.firstName(),
  lastName: (f) => f.person.lastName(),
  fullName: (f) => f.person.fullName(),
  phone: (f) => f.phone.number({ style: 'national' }),
  street: (f) => f.location.streetAddress(),
  city: (f) => f.location.city(),
  country: (f) => f.location.country(),
  countryCode: (f) => f.location.countryCode('alpha-2'),
  postalCode: (f) => f.location.zipCode(),
  state: (f) => f.location.state(),
  company: (f) => f.company.name(),
  product: (f) => f.commerce.productName(),
  department: (f) => f.commerce.department(),
  jobTitle: (f) => f.person.jobTitle(),
  username: (f) => f.internet.username(),
  url: (f) => f.internet.url(),
  ip: (f) => f.internet.ipv4(),
  currency: (f) => f.finance.currencyCode(),
  color: (f) => f.color.human(),
  code: (f) => f.string.alphanumeric({ length: 8, casing: 'upper' }),
  sentence: (f) => f.lorem.sentence({ min: 3, max: 8 }),
  paragraph: (f) => f.lorem.paragraph(),
  word: (f) => f.word.noun(),
  text: (f) => f.lorem.words({ min: 1, max: 4 })
}

/** `#` a digit, `?` a letter A–Z, `*` a letter or digit, anything else as written. */
export function fromPattern(f: Faker, pattern: string): string {
  let s = ''
  for (const ch of pattern) {
    if (ch === '#') s += String(f.number.int(9))
    else if (ch === '?') s += f.string.alpha({ length: 1, casing: 'upper' })
    else if (ch === '*') s += f.string.alphanumeric({ length: 1, casing: 'upper' })
    else s += ch
  }
  return s
}

/** How many different values a pattern can make (to say when a unique column cannot have that many rows). */
export function patternSpace(pattern: string): number {
  let n = 1
  for (const ch of pattern) n *= ch === '#' ? 10 : ch === '?' ? 26 : ch === '*' ? 36 : 1
  return n
}

function decimalText(f: Faker, min: number, max: number, scale: number): string {
  const unit = 10 ** scale
  const lo = Math.ceil(min * unit)
  const hi = Math.floor(max * unit)
  const v = f.number.int({ min: lo, max: Math.max(lo, hi) })
  if (!scale) return String(v)
  const sign = v < 0 ? '-' : ''
  const digits = String(Math.abs(v)).padStart(scale + 1, '0')
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`
}

function jsonValue(f: Faker): string {
  return JSON.stringify({ color: f.color.human(), size: f.helpers.arrayElement(['S', 'M', 'L', 'XL']), tags: f.helpers.multiple(() => f.word.adjective(), { count: { min: 0, max: 3 } }) })
}

/** The value maker for a spec. */
export function valueMaker(spec: Spec): MakeValue {
  switch (spec.kind) {
    case 'sequence':
      return (_f, n) => String(spec.start + BigInt(n))
    case 'int':
      return (f) => String(f.number.int({ min: spec.min, max: spec.max }))
    case 'decimal':
      return (f) => decimalText(f, spec.min, spec.max, spec.scale)
    case 'float':
      return (f) => String(f.number.float({ min: spec.min, max: spec.max, fractionDigits: 4 }))
    case 'bool':
      return (f) => String(f.datatype.boolean())
    case 'date':
      return (f) => isoDate(f.number.int({ min: spec.from, max: spec.to }))
    case 'timestamp':
      return (f) => isoTimestamp(f.number.int({ min: spec.from, max: spec.to }))
    case 'time':
      return (f) => `${pad(f.number.int(23))}:${pad(f.number.int(59))}:${pad(f.number.int(59))}`
    case 'enum':
      return (f) => f.helpers.arrayElement(spec.values)
    case 'uuid':
      return (f) => f.string.uuid()
    case 'json':
      return jsonValue
    case 'text':
      return TEXT[spec.text]
    case 'pattern':
      return (f) => fromPattern(f, spec.pattern)
    case 'constant':
      return () => spec.value
    case 'null':
      return () => ''
  }
}

/**
 * A unique stand-in when random values keep colliding: the value with the counter written over its end (so that it
 * still fits `maxLength`), an email keeping its domain.
 */
export function uniquified(value: string, counter: number, maxLength: number | undefined): string {
  const tag = counter.toString(36).toUpperCase()
  const at = value.indexOf('@')
  if (at > 0) {
    const local = value.slice(0, at)
    const domain = value.slice(at)
    const room = (maxLength ?? Infinity) - domain.length - tag.length - 1
    if (room >= 1) return `${local.slice(0, room)}.${tag}${domain}`
  }
  const limit = maxLength ?? value.length + tag.length
  if (tag.length > limit) return tag.slice(-limit)
  return value.slice(0, limit - tag.length) + tag
}
