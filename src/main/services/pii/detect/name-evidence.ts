import type { PiiKind } from '../../../../shared/contract/pii'
import { splitWords } from '../../ai/retrieval/words'

/** What a column's name (and its table's) says it holds, before any value is read. */
export interface NameEvidence {
  kinds: Set<PiiKind>
  /** A column for postcodes (zip, postal_code): its bare numbers count as addresses. */
  postcode: boolean
  /** A column for ages: numbers 0–120 count as dates of birth. */
  age: boolean
  /** A column for free text (notes, comments): a few embedded hits are enough. */
  freeText: boolean
  /** A column for secrets (password, token): never classified, its values never looked at. */
  secret: boolean
}

const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'hash', 'hashed', 'salt', 'credential', 'credentials', 'otp'])
const NOT_A_PERSON = new Set(['company', 'product', 'file', 'filename', 'table', 'schema', 'column', 'host', 'hostname', 'domain', 'brand', 'category', 'store', 'shop', 'city', 'street', 'country', 'state', 'team', 'project', 'tag', 'role', 'event', 'job', 'app', 'device', 'server', 'database', 'field', 'key', 'type', 'group', 'org', 'organisation', 'organization', 'business', 'user', 'username', 'login', 'account', 'sku', 'item', 'model', 'class', 'bank', 'branch', 'region', 'department', 'dept', 'campaign', 'plan', 'course', 'carrier'])
const PERSON_TABLES = /^(customer|client|person|people|user|member|employee|staff|contact|patient|student|author|owner|subscriber|applicant|candidate|guest|passenger|driver|tenant|account_holder|supplier_contact)s?$/
const FREE_TEXT_WORDS = new Set(['note', 'notes', 'comment', 'comments', 'description', 'remark', 'remarks', 'message', 'messages', 'body', 'text', 'bio', 'memo', 'details', 'feedback', 'content', 'summary', 'observation', 'observations', 'narrative'])

/** Reads the column name's words (snake_case, camelCase and digits split) for the kinds it names. */
export function nameEvidence(table: string, column: string): NameEvidence {
  const w = splitWords(column)
  const has = (...words: string[]) => words.some((x) => w.includes(x))
  const squashed = w.join('')
  const kinds = new Set<PiiKind>()
  const evidence: NameEvidence = { kinds, postcode: false, age: false, freeText: false, secret: false }
  if (has(...SECRET_WORDS) || /apikey|privatekey|accesskey|secretkey|password|passwd/.test(squashed)) return { ...evidence, secret: true }

  if (has('email', 'mail') || squashed.includes('email')) kinds.add('email')
  if (has('phone', 'mobile', 'tel', 'telephone', 'cell', 'cellphone', 'fax', 'msisdn') || /phone|mobile/.test(squashed)) kinds.add('phone')
  if (has('ip', 'ipv4', 'ipv6', 'ipaddr') || /^(remote|client|source|src|dst|dest|host)?ip(v4|v6)?(addr|address)?$/.test(squashed) || squashed === 'remoteaddr') kinds.add('ip_address')
  if (has('ssn', 'nino', 'insee', 'steuerid', 'idnr', 'nir', 'tin', 'nin', 'passport') || /socialsecurity|nationalid|nationalinsurance|taxid|taxnumber|steuer/.test(squashed)) kinds.add('national_id')
  if (has('iban')) kinds.add('iban')
  if (has('pan', 'cc', 'ccnum', 'creditcard') || /(credit|debit)?card(number|num|no)$|^cardnumber|^pan$|^ccn(um)?/.test(squashed) || (has('card') && has('number', 'num', 'no'))) kinds.add('payment_card')
  if (has('dob', 'birth', 'birthday', 'birthdate', 'born') || /dateofbirth|birthdate|birthday/.test(squashed)) kinds.add('date_of_birth')
  if (has('age') && w.length <= 2) evidence.age = true

  const aboutOther = kinds.has('email') || kinds.has('ip_address') || has('mac', 'url', 'web', 'website', 'billing', 'wallet')
  if (!aboutOther && (has('address', 'addr', 'street', 'addressline') || /^(address)?line[12]$|^street/.test(squashed) || (has('line') && /address/.test(table.toLowerCase()))))
    kinds.add('postal_address')
  if (has('zip', 'zipcode', 'postcode', 'postal', 'plz') || squashed.includes('postalcode') || squashed.includes('zipcode')) {
    kinds.add('postal_address')
    evidence.postcode = true
  }

  const personWords = has('firstname', 'lastname', 'surname', 'forename', 'fullname', 'givenname', 'familyname', 'maidenname', 'nickname') || /^(first|last|given|family|middle|full|maiden|sur|fore|nick|contact|customer|person|patient|employee|display|legal|birth)name$/.test(squashed) || /(first|last|full|given|family|contact|customer)name$/.test(squashed)
  const bareName = w.length === 1 && w[0] === 'name' && PERSON_TABLES.test(table.toLowerCase())
  if ((personWords || bareName || has('author', 'recipient', 'cardholder', 'holder')) && !w.some((x) => NOT_A_PERSON.has(x))) kinds.add('person_name')

  evidence.freeText = has(...FREE_TEXT_WORDS)
  return evidence
}
