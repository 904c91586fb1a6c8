import type { PiiKind } from '../../../../shared/contract'

/** Short labels: the schema tree's badge has room for a word. */
export const KIND_LABELS: Record<PiiKind, string> = {
  email: 'email',
  phone: 'phone',
  person_name: 'name',
  postal_address: 'address',
  national_id: 'national id',
  payment_card: 'card',
  iban: 'IBAN',
  ip_address: 'IP',
  date_of_birth: 'birth date',
  free_text: 'text with PII'
}
