import type { ImportColumnType } from '../../../shared/contract/import'
import type { ColumnModel, EnumModel } from '../../../shared/schema-model'
import type { ColumnRule } from './checks'

/** Realistic text chosen from a column's (and its table's) name. */
export type TextKind =
  | 'email'
  | 'firstName'
  | 'lastName'
  | 'fullName'
  | 'phone'
  | 'street'
  | 'city'
  | 'country'
  | 'countryCode'
  | 'postalCode'
  | 'state'
  | 'company'
  | 'product'
  | 'department'
  | 'jobTitle'
  | 'username'
  | 'url'
  | 'ip'
  | 'currency'
  | 'color'
  | 'code'
  | 'sentence'
  | 'paragraph'
  | 'word'
  | 'text'

/** How one column's values are made. */
export type Spec =
  | { kind: 'sequence'; start: bigint }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'decimal'; min: number; max: number; scale: number }
  | { kind: 'float'; min: number; max: number }
  | { kind: 'bool' }
  | { kind: 'date'; from: number; to: number }
  | { kind: 'timestamp'; from: number; to: number }
  | { kind: 'time' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'uuid' }
  | { kind: 'json' }
  | { kind: 'text'; text: TextKind }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'constant'; value: string }
  | { kind: 'null' }

/** A column's spec with what the SQL writer needs: the literal type and the length limit. */
export interface ColumnSpec {
  spec: Spec
  type: ImportColumnType
  maxLength?: number
  /** Could not be generated from its type (binary, arrays, geometry…): NULL when allowed, else the table is skipped. */
  unsupported?: string
}

const DAY = 86_400_000
/** Dates are drawn relative to a fixed day, never "now": the same seed gives the same rows next year too. */
export const REF_DATE = Date.UTC(2025, 5, 30)
const years = (n: number): number => n * 365 * DAY

const INT_LIMITS: [RegExp, number, number][] = [
  [/^tinyint.*unsigned|^utinyint/, 0, 255],
  [/^tinyint|^int1\b/, -128, 127],
  [/^smallint.*unsigned|^usmallint/, 0, 65_535],
  [/^smallint|^int2\b|^smallserial/, -32_768, 32_767],
  [/^mediumint/, -8_388_608, 8_388_607],
  [/^bigint|^int8\b|^bigserial|^hugeint|^ubigint|^uhugeint/, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  [/unsigned|^uinteger/, 0, 4_294_967_295],
  [/^int|^integer|^serial|^int4\b|^mediumint/, -2_147_483_648, 2_147_483_647]
]

/** The length limit of a character type: varchar(n), char(n), nvarchar(n), character varying(n). */
export function lengthOf(type: string): number | undefined {
  const m = /^(?:n?var)?char(?:acter)?(?: varying)?\s*\((\d+)\)|^(?:n?varchar|varchar2|string)\s*\((\d+)\)/i.exec(type)
  return m ? Number(m[1] ?? m[2]) : undefined
}

function enumValues(type: string, enums: EnumModel[]): string[] | null {
  const m = /^enum\s*\((.*)\)$/i.exec(type.trim())
  if (m) return [...m[1]!.matchAll(/'((?:[^']|'')*)'/g)].map((x) => x[1]!.replaceAll("''", "'"))
  const bare = type.replace(/"/g, '').toLowerCase()
  const e = enums.find((x) => x.name.toLowerCase() === bare || `${x.schema}.${x.name}`.toLowerCase() === bare)
  return e ? e.values : null
}

const words = (name: string): string[] => name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)

/** Text chosen from the column's name, then its table's (a `name` of a product is a product name). */
function textKind(column: string, table: string, maxLength: number | undefined): TextKind {
  const w = words(column)
  const has = (...xs: string[]): boolean => xs.some((x) => w.includes(x))
  const joined = w.join('_')
  if (has('email', 'mail')) return 'email'
  if (/first_?name|given_?name|forename/.test(joined)) return 'firstName'
  if (/last_?name|surname|family_?name/.test(joined)) return 'lastName'
  if (has('phone', 'mobile', 'tel', 'telephone', 'fax', 'cell')) return 'phone'
  if (has('address', 'street', 'addr', 'address1', 'address2', 'line1', 'line2')) return 'street'
  if (has('city', 'town')) return 'city'
  if (has('country', 'nation')) return (maxLength !== undefined && maxLength <= 3) || has('code', 'iso') ? 'countryCode' : 'country'
  if (has('zip', 'postal', 'postcode', 'zipcode')) return 'postalCode'
  if (has('state', 'province', 'region', 'county')) return 'state'
  if (has('company', 'employer', 'organization', 'organisation', 'vendor', 'supplier')) return 'company'
  if (has('username', 'login', 'handle', 'nickname')) return 'username'
  if (has('url', 'website', 'homepage', 'link', 'href')) return 'url'
  if (has('ip', 'ipv4', 'ip_address')) return 'ip'
  if (has('currency')) return 'currency'
  if (has('color', 'colour')) return 'color'
  if (has('sku', 'code', 'tracking', 'barcode', 'isbn', 'serial', 'reference', 'ref', 'token')) return 'code'
  if (has('title', 'job', 'position', 'role')) return /employee|staff|person|people|user/.test(table) ? 'jobTitle' : 'sentence'
  if (has('description', 'comment', 'comments', 'note', 'notes', 'bio', 'body', 'content', 'summary', 'message', 'text')) return maxLength !== undefined && maxLength < 60 ? 'sentence' : 'paragraph'
  if (has('name', 'label', 'fullname')) {
    const t = words(table).join('_')
    if (/customer|employee|user|person|people|author|member|staff|contact|student|patient|owner|client/.test(t)) return 'fullName'
    if (/product|item|article|good/.test(t)) return 'product'
    if (/categor|department|division|team|group|genre|tag/.test(t)) return 'department'
    if (/compan|vendor|supplier|organi|brand|publisher|manufacturer/.test(t)) return 'company'
    if (/countr/.test(t)) return 'country'
    if (/cit|town/.test(t)) return 'city'
    if (/state|province|region/.test(t)) return 'state'
    return 'word'
  }
  if (has('status', 'type', 'kind', 'category', 'gender', 'level', 'tier')) return 'word'
  return maxLength !== undefined && maxLength <= 12 ? 'code' : 'text'
}

/** A plausible range for a number column from its name. */
function numberRange(column: string): [number, number] {
  const w = words(column)
  const has = (...xs: string[]): boolean => xs.some((x) => w.includes(x))
  if (has('salary', 'wage', 'income')) return [30_000, 150_000]
  if (has('price', 'cost', 'amount', 'total', 'fee', 'balance', 'subtotal', 'tax', 'discount', 'payment', 'charge')) return [1, 1000]
  if (has('quantity', 'qty', 'count', 'units')) return [1, 20]
  if (has('stock', 'inventory')) return [0, 500]
  if (has('age')) return [18, 90]
  if (has('rating', 'stars', 'score')) return [1, 5]
  if (has('year')) return [1990, 2025]
  if (has('percent', 'percentage', 'pct')) return [0, 100]
  if (has('lat', 'latitude')) return [-90, 90]
  if (has('lng', 'lon', 'longitude')) return [-180, 180]
  if (has('weight', 'height', 'width', 'length', 'size')) return [1, 200]
  return [1, 10_000]
}

/** A plausible span for a date column from its name, as [from, to] in ms. */
function dateRange(column: string): [number, number] {
  const w = words(column).join('_')
  if (/birth|dob|born/.test(w)) return [REF_DATE - years(80), REF_DATE - years(18)]
  if (/expir|due|until|end|valid_to/.test(w)) return [REF_DATE, REF_DATE + years(2)]
  return [REF_DATE - years(3), REF_DATE]
}

/** Narrows a range to a CHECK's bounds (and the type's), keeping the name's plausible range where they overlap. */
function bounded(range: [number, number], limits: [number, number], rule: ColumnRule | undefined, step: number): [number, number] {
  let lo = Math.max(limits[0], rule?.min === undefined ? -Infinity : rule.minExclusive ? rule.min + step : rule.min)
  let hi = Math.min(limits[1], rule?.max === undefined ? Infinity : rule.maxExclusive ? rule.max - step : rule.max)
  const [a, b] = [Math.max(lo, range[0]), Math.min(hi, range[1])]
  if (a <= b) return [a, b]
  // the name's range lies outside what the check allows: stay inside the check, near its nearer end
  if (range[0] > hi) lo = Math.max(lo, hi - (range[1] - range[0]))
  else hi = Math.min(hi, lo + (range[1] - range[0]))
  return [lo, hi]
}

/** The spec for a column from its type, name and the rules its CHECKs give. */
export function columnSpec(column: ColumnModel, table: string, enums: EnumModel[], rule: ColumnRule | undefined): ColumnSpec {
  const t = column.type.toLowerCase().trim()
  const maxLength = lengthOf(t)
  if (rule?.values?.length) return { spec: { kind: 'enum', values: rule.values }, type: 'text', maxLength }
  const labels = enumValues(column.type, enums)
  if (labels) return { spec: { kind: 'enum', values: labels }, type: 'text' }
  if (rule?.json || /^jsonb?$/.test(t)) return { spec: { kind: 'json' }, type: 'json' }
  if (/^uuid$|^uniqueidentifier$/.test(t)) return { spec: { kind: 'uuid' }, type: 'text' }
  if (/^(bool|boolean|bit)$|^tinyint\(1\)|^bit\(1\)/.test(t)) return { spec: { kind: 'bool' }, type: 'boolean' }
  if (/^(numeric|decimal|number|money|smallmoney)/.test(t)) {
    const m = /\((\d+)\s*(?:,\s*(\d+))?\)/.exec(t)
    const precision = m ? Number(m[1]) : 12
    const scale = m ? Number(m[2] ?? 0) : 2
    const max = Math.min(10 ** (precision - scale) - 10 ** -scale, 1e12)
    const step = 10 ** -scale
    const [min, hi] = bounded(numberRange(column.name), [-max, max], rule, step)
    return { spec: { kind: 'decimal', min, max: hi, scale }, type: 'decimal' }
  }
  if (/^(real|double|float)/.test(t)) {
    const [min, max] = bounded(numberRange(column.name), [-1e9, 1e9], rule, 1e-6)
    return { spec: { kind: 'float', min, max }, type: 'float' }
  }
  const intLimit = INT_LIMITS.find(([re]) => re.test(t))
  if (intLimit) {
    const [min, max] = bounded(numberRange(column.name), [intLimit[1], intLimit[2]], rule, 1)
    return { spec: { kind: 'int', min: Math.ceil(min), max: Math.floor(max) }, type: /big|int8|hugeint/.test(t) ? 'bigint' : 'integer' }
  }
  if (t === 'date') {
    const [from, to] = dateRange(column.name)
    return { spec: { kind: 'date', from, to }, type: 'date' }
  }
  if (/^(timestamp|datetime|smalldatetime)/.test(t)) {
    const [from, to] = dateRange(column.name)
    return { spec: { kind: 'timestamp', from, to }, type: 'timestamp' }
  }
  if (/^time\b/.test(t)) return { spec: { kind: 'time' }, type: 'text' }
  if (/char|text|string|clob|^name$|^citext$/.test(t)) {
    // SQLite keeps dates as text: a name that says date or time gets one, in ISO form
    if (/(^|_)(date|day)$|_on$|^(dob|birthday)$/i.test(column.name)) {
      const [from, to] = dateRange(column.name)
      return { spec: { kind: 'date', from, to }, type: 'text', maxLength }
    }
    if (/_at$|(^|_)(time|timestamp|datetime)$/i.test(column.name)) {
      const [from, to] = dateRange(column.name)
      return { spec: { kind: 'timestamp', from, to }, type: 'text', maxLength }
    }
    return { spec: { kind: 'text', text: textKind(column.name, table, maxLength) }, type: 'text', maxLength }
  }
  return { spec: { kind: 'null' }, type: 'text', unsupported: `no generator for type ${column.type}` }
}

/** The spec in words for the plan. */
export function describe(spec: Spec): string {
  switch (spec.kind) {
    case 'sequence':
      return `sequence from ${spec.start}`
    case 'int':
      return `integer ${spec.min}–${spec.max}`
    case 'decimal':
      return `decimal ${spec.min.toFixed(spec.scale)}–${spec.max.toFixed(spec.scale)}`
    case 'float':
      return `number ${spec.min}–${spec.max}`
    case 'bool':
      return 'boolean'
    case 'date':
    case 'timestamp':
      return `${spec.kind} ${new Date(spec.from).toISOString().slice(0, 10)} – ${new Date(spec.to).toISOString().slice(0, 10)}`
    case 'time':
      return 'time of day'
    case 'enum':
      return `one of ${spec.values.slice(0, 6).join(', ')}${spec.values.length > 6 ? '…' : ''}`
    case 'uuid':
      return 'uuid'
    case 'json':
      return 'json object'
    case 'text':
      return spec.text.replace(/([A-Z])/g, ' $1').toLowerCase()
    case 'pattern':
      return `pattern ${spec.pattern}`
    case 'constant':
      return `constant ${spec.value}`
    case 'null':
      return 'NULL'
  }
}
