import type { PiiKind } from '../../../../shared/contract/pii'

/** How findings name each kind in evidence and labels. */
export const KIND_WORDS: Record<PiiKind, string> = {
  email: 'email',
  phone: 'phone number',
  person_name: 'person name',
  postal_address: 'postal address',
  national_id: 'national id',
  payment_card: 'payment card',
  iban: 'IBAN',
  ip_address: 'IP address',
  date_of_birth: 'date of birth',
  free_text: 'free text'
}
