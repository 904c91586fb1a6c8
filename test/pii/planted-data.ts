import type { PiiKind } from '../../src/shared/contract/pii'

/**
 * Tables with personal data planted in known columns, and decoys that look like it (16-digit order numbers that fail
 * Luhn, product codes, UUIDs, ISO dates that are not birth dates, random numbers, version strings in user agents).
 * The same rows on every engine: portable DDL, string and number literals only.
 */
export interface PlantedTable {
  name: string
  ddl: string
  columns: string[]
  rows: (string | number | null)[][]
}

export const ROWS = 120

/** (table.column) → the kind a scan must report; every other sampled column must come back unclassified. */
export const TRUTH: Record<string, PiiKind> = {
  'pp_people.first_name': 'person_name',
  'pp_people.last_name': 'person_name',
  'pp_people.email': 'email',
  'pp_people.phone': 'phone',
  'pp_people.birth_date': 'date_of_birth',
  'pp_people.age': 'date_of_birth',
  'pp_people.ssn': 'national_id',
  'pp_people.notes': 'free_text',
  'pp_payments.card_number': 'payment_card',
  'pp_payments.iban': 'iban',
  'pp_sessions.client_ip': 'ip_address',
  'pp_addresses.street': 'postal_address',
  'pp_addresses.postal_code': 'postal_address',
  'pp_staff.full_name': 'person_name',
  'pp_staff.nino': 'national_id',
  'pp_staff.insee': 'national_id',
  'pp_staff.steuer_id': 'national_id',
  'pp_contacts.reach_at': 'phone',
  'pp_contacts.email_address': 'email',
  'pp_contacts.remarks': 'free_text'
}

/** A small deterministic generator (mulberry32), so every engine gets the same rows. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FIRST = ['Siobhan', 'Oluwaseun', 'Xiaoming', 'Otho', 'Danika', 'Ward', 'Lynne', 'Aarav', 'Zeynep', 'Mateo', 'Ingrid', 'Kwame', 'Priya', 'Bjørn', 'Chloé', 'Tomasz']
const LAST = ['Goyette', 'Nakamura', 'Okafor', 'Schmidt', 'Kowalski', 'Fernández', 'Lubowitz', 'Haddad', 'O’Brien', 'Van der Berg', 'Nguyen', 'Rossi']
const SUFFIXES = ['Street', 'Road', 'Avenue', 'Heights', 'Lane', 'Boulevard', 'Drive', 'Way', 'Court', 'Shores']
const CITIES = ['Springfield', 'Berlin', 'Lyon', 'Leonieview', 'Kraków', 'Osaka']
const PRODUCTS = ['Ergonomic Steel Chair', 'Rustic Granite Table', 'Small Rubber Ball', 'Sleek Cotton Shirt', 'Handmade Wooden Spoon', 'Intelligent Fresh Pizza']

function digits(r: () => number, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += Math.floor(r() * 10)
  return s
}

function luhnCheckDigit(body: string): number {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return (10 - (sum % 10)) % 10
}

function mod97(numeric: string): number {
  let r = 0
  for (const ch of numeric) r = (r * 10 + Number(ch)) % 97
  return r
}

function iban(country: string, bban: string): string {
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55))
  return `${country}${String(98 - mod97(numeric)).padStart(2, '0')}${bban}`
}

function steuerId(r: () => number): string {
  for (;;) {
    const pool = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].sort(() => r() - 0.5).slice(0, 9)
    const ten = [...pool, pool[Math.floor(r() * 9)]!].sort(() => r() - 0.5)
    if (ten[0] === 0) continue
    let product = 10
    for (const d of ten) {
      let sum = (d + product) % 10
      if (sum === 0) sum = 10
      product = (sum * 2) % 11
    }
    return ten.join('') + String((11 - product) % 10)
  }
}

function insee(r: () => number): string {
  const body = `${1 + Math.floor(r() * 2)}${digits(r, 2)}${String(1 + Math.floor(r() * 12)).padStart(2, '0')}${String(1 + Math.floor(r() * 95)).padStart(2, '0')}${digits(r, 6)}`
  return `${body}${String(97 - Number(BigInt(body) % 97n)).padStart(2, '0')}`
}

export function plantedTables(): PlantedTable[] {
  const r = random(20261127)
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!
  const range = (f: (i: number) => (string | number | null)[]) => Array.from({ length: ROWS }, (_, i) => f(i + 1))
  const ascii = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()
  const phone = (i: number) => [`+1 415 555 ${String(1000 + i).slice(-4)}`, `(802) 713-${String(4000 + i)}`, `+4479111${digits(r, 5)}`, `06 12 34 ${digits(r, 2)} ${digits(r, 2)}`, `030 ${digits(r, 7)}`][i % 5]!
  const card = (i: number) => {
    const [prefix, length] = ([['4', 16], ['53', 16], ['37', 15], ['6011', 16]] as const)[i % 4]!
    const body = prefix + digits(r, length - prefix.length - 1)
    return body + luhnCheckDigit(body)
  }
  const orderNumber = () => {
    const body = '4' + digits(r, 14)
    return body + ((luhnCheckDigit(body) + 1 + Math.floor(r() * 8)) % 10)
  }
  const uuid = () => `${digits(r, 8)}-${digits(r, 4)}-4${digits(r, 3)}-a${digits(r, 3)}-${digits(r, 12)}`.replace(/[0-9]/g, (d) => 'abcdef0123456789'[(Number(d) * 7) % 16]!)
  const isoDate = () => `20${10 + Math.floor(r() * 15)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`

  return [
    {
      name: 'pp_people',
      ddl: 'id int primary key, first_name varchar(60), last_name varchar(60), email varchar(120), phone varchar(40), birth_date date, age int, ssn varchar(20), notes text, created_at varchar(30)',
      columns: ['id', 'first_name', 'last_name', 'email', 'phone', 'birth_date', 'age', 'ssn', 'notes', 'created_at'],
      rows: range((i) => {
        const first = pick(FIRST)
        const last = pick(LAST)
        const ssn = `${String(1 + Math.floor(r() * 664)).padStart(3, '0')}-${String(1 + Math.floor(r() * 98)).padStart(2, '0')}-${String(1 + Math.floor(r() * 9998)).padStart(4, '0')}`
        const note = i % 4 === 0 ? `Asked for a call back; prefers mail to ${ascii(first)}.${i}@example.org` : pick(['Delivered on time, no issues', 'Prefers the evening slot for deliveries', 'Loyalty member since the spring campaign'])
        return [i, first, last, `${ascii(first)}.${ascii(last)}${i}@example.com`, phone(i), `19${40 + Math.floor(r() * 60)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`, 18 + Math.floor(r() * 70), ssn, note, `${isoDate()}T10:00:00Z`]
      })
    },
    {
      name: 'pp_payments',
      ddl: 'id int primary key, card_number varchar(25), iban varchar(40), order_number varchar(20), reference varchar(30), amount decimal(10,2)',
      columns: ['id', 'card_number', 'iban', 'order_number', 'reference', 'amount'],
      rows: range((i) => [i, card(i), i % 3 === 0 ? iban('DE', digits(r, 18)) : i % 3 === 1 ? iban('GB', `WEST${digits(r, 14)}`) : iban('NL', `ABNA${digits(r, 10)}`), orderNumber(), `PRD-${digits(r, 4)}-XY${i}`, Math.floor(r() * 100000) / 100])
    },
    {
      name: 'pp_sessions',
      ddl: 'id int primary key, client_ip varchar(45), user_agent varchar(200), session_key varchar(40), created_at varchar(30)',
      columns: ['id', 'client_ip', 'user_agent', 'session_key', 'created_at'],
      rows: range((i) => [
        i,
        i % 3 === 0 ? `2001:db8::${(i * 37).toString(16)}` : `10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${1 + Math.floor(r() * 250)}`,
        `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${100 + (i % 30)}.0.0.0 Safari/537.36`,
        uuid(),
        `${isoDate()} 08:${String(i % 60).padStart(2, '0')}:00`
      ])
    },
    {
      name: 'pp_addresses',
      ddl: 'id int primary key, street varchar(120), city varchar(60), postal_code varchar(12), country varchar(40)',
      columns: ['id', 'street', 'city', 'postal_code', 'country'],
      rows: range((i) => [
        i,
        i % 10 === 0 ? `Hauptstraße ${i}` : i % 10 === 5 ? `${i} rue de Rivoli` : `${1 + Math.floor(r() * 9000)} ${pick(LAST)} ${pick(SUFFIXES)}`,
        pick(CITIES),
        i % 4 === 0 ? 'SW1A 1AA' : i % 4 === 1 ? `${digits(r, 5)}-${digits(r, 4)}` : digits(r, 5),
        pick(['US', 'DE', 'FR', 'GB'])
      ])
    },
    {
      name: 'pp_products',
      ddl: 'id int primary key, sku varchar(30), name varchar(80), description text, price decimal(10,2)',
      columns: ['id', 'sku', 'name', 'description', 'price'],
      rows: range((i) => [i, `SKU-${digits(r, 6)}`, pick(PRODUCTS), `A ${pick(['sturdy', 'light', 'classic'])} item, ${i % 7} colours, ships in ${1 + (i % 5)} days (model ${digits(r, 4)})`, Math.floor(r() * 10000) / 100])
    },
    {
      name: 'pp_staff',
      ddl: 'id int primary key, full_name varchar(80), nino varchar(15), insee varchar(20), steuer_id varchar(15), job_title varchar(60)',
      columns: ['id', 'full_name', 'nino', 'insee', 'steuer_id', 'job_title'],
      rows: range((i) => [
        i,
        `${pick(FIRST)} ${pick(LAST)}`,
        `${pick(['AB', 'CE', 'JK', 'PR', 'WL'])}${i % 2 ? ' ' : ''}${digits(r, 2)}${i % 2 ? ' ' : ''}${digits(r, 2)}${i % 2 ? ' ' : ''}${digits(r, 2)}${i % 2 ? ' ' : ''}${pick(['A', 'B', 'C', 'D'])}`,
        insee(r),
        steuerId(r),
        pick(['Engineer', 'Store Manager', 'Accountant', 'Sales Associate'])
      ])
    },
    {
      name: 'pp_contacts',
      ddl: 'id int primary key, reach_at varchar(30), email_address varchar(120), remarks text, channel varchar(20)',
      columns: ['id', 'reach_at', 'email_address', 'remarks', 'channel'],
      rows: range((i) => {
        const first = ascii(pick(FIRST))
        const remark =
          i % 5 === 0
            ? `Paid by card ${card(i)} at the counter`
            : i % 5 === 1
              ? `Call her back on +44 20 7946 ${String(1000 + i).slice(-4)} after six`
              : pick(['No answer, try again next week', 'Wants the newsletter in French', 'Moved to the premium plan'])
        return [i, `+${pick(['1', '44', '49', '33'])}${digits(r, 10)}`, `${first}${i}@mail.example.net`, remark, pick(['web', 'phone', 'store'])]
      })
    },
    {
      name: 'pp_metrics',
      ddl: 'id int primary key, measured_on varchar(20), random_number varchar(20), batch_code varchar(40), version varchar(20), reading decimal(12,4)',
      columns: ['id', 'measured_on', 'random_number', 'batch_code', 'version', 'reading'],
      rows: range((i) => [i, isoDate(), digits(r, 10), uuid(), `${1 + (i % 4)}.${i % 10}.${i % 7}`, Math.floor(r() * 1e6) / 1e4])
    }
  ]
}

/** One multi-row INSERT per table; strings quoted the standard way (the same on every engine here). */
export function insertSql(table: string, planted: PlantedTable): string {
  const literal = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`)
  return `insert into ${table} (${planted.columns.join(', ')}) values ${planted.rows.map((row) => `(${row.map(literal).join(', ')})`).join(', ')}`
}

export interface KindScore {
  kind: PiiKind
  tp: number
  fp: number
  fn: number
  precision: number
  recall: number
}

/** Precision and recall per kind (and over all), comparing (table.column → kind) predictions with the truth. */
export function score(predicted: Record<string, PiiKind>): { perKind: KindScore[]; precision: number; recall: number; wrong: string[] } {
  const kinds = [...new Set([...Object.values(TRUTH), ...Object.values(predicted)])]
  const wrong: string[] = []
  for (const [col, kind] of Object.entries(predicted)) if (TRUTH[col] !== kind) wrong.push(`${col}: predicted ${kind}, truth ${TRUTH[col] ?? 'none'}`)
  for (const [col, kind] of Object.entries(TRUTH)) if (predicted[col] !== kind && !predicted[col]) wrong.push(`${col}: missed ${kind}`)
  const perKind = kinds.map((kind) => {
    const tp = Object.entries(predicted).filter(([c, k]) => k === kind && TRUTH[c] === kind).length
    const fp = Object.entries(predicted).filter(([c, k]) => k === kind && TRUTH[c] !== kind).length
    const fn = Object.entries(TRUTH).filter(([c, k]) => k === kind && predicted[c] !== kind).length
    return { kind, tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 }
  })
  const tp = perKind.reduce((s, k) => s + k.tp, 0)
  const fp = perKind.reduce((s, k) => s + k.fp, 0)
  const fn = perKind.reduce((s, k) => s + k.fn, 0)
  return { perKind, precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), wrong }
}
