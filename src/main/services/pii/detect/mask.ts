import type { PiiKind } from '../../../../shared/contract/pii'

/**
 * A value as the report may show it: enough to recognise the kind, never enough to recover the value.
 * Every digit and letter is starred except a few that carry no identity on their own.
 */
export function maskValue(kind: PiiKind, value: string): string {
  const v = value.trim()
  switch (kind) {
    case 'payment_card': {
      const digits = v.replace(/\D/g, '')
      return `${digits.slice(0, 4)}${'*'.repeat(Math.max(0, digits.length - 8))}${digits.slice(-4)}`
    }
    case 'iban': {
      const compact = v.replace(/ /g, '')
      return `${compact.slice(0, 4)}${'*'.repeat(Math.max(0, compact.length - 8))}${compact.slice(-4)}`
    }
    case 'email': {
      const at = v.lastIndexOf('@')
      return at > 0 ? `${v[0]}***${v.slice(at)}` : starAll(v)
    }
    case 'phone':
    case 'national_id':
      return keepLastDigits(v, 2)
    case 'ip_address':
      return v.includes(':') ? `${v.split(':')[0]}:****` : `${v.split('.')[0]}.*.*.*`
    case 'date_of_birth':
      return /^\d{4}-/.test(v) ? `${v.slice(0, 4)}-**-**` : starAll(v)
    default:
      return v
        .slice(0, 60)
        .split(/(\s+)/)
        .map((word) => (/\s/.test(word) ? word : `${word[0] ?? ''}${word.slice(1).replace(/[\p{L}\p{N}]/gu, '*')}`))
        .join('')
  }
}

function keepLastDigits(value: string, keep: number): string {
  let left = value.replace(/\D/g, '').length - keep
  return value.replace(/[\p{L}\p{N}]/gu, (ch) => (/\d/.test(ch) ? (left-- > 0 ? '*' : ch) : '*'))
}

function starAll(value: string): string {
  return value.replace(/[\p{L}\p{N}]/gu, '*')
}
