/**
 * CHECK constraints the generator can keep: comparisons with numbers, BETWEEN, IN lists (PostgreSQL's `= ANY (ARRAY[…])`
 * too) and JSON validity on one column, and comparisons of two columns (`cost <= price`), joined by AND. Anything else is "not understood": the database rejects the
 * rows that violate it and they are counted.
 */
import { unwrapOuterParens } from '../../../shared/outer-parens'

export interface ColumnRule {
  min?: number
  max?: number
  /** The bound itself is excluded (`x > 0`). */
  minExclusive?: boolean
  maxExclusive?: boolean
  values?: string[]
  json?: boolean
}

/** `low <= high` (or `<` when strict) between two columns of a row: kept by swapping their values when needed. */
export interface ColumnOrder {
  low: string
  high: string
  strict: boolean
}

export interface ReadCheck {
  /** Rules by column name (lower case). */
  rules: Map<string, ColumnRule>
  /** Column pairs ordered by the check (names lower case). */
  orders: ColumnOrder[]
  understood: boolean
}

const NUMBER = String.raw`[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?`
const IDENT = String.raw`[A-Za-z_][A-Za-z0-9_$]*`

/** The expression without quoting of names, PostgreSQL casts and redundant parentheses. */
function normalize(expression: string): string {
  let s = expression
    .replace(/::(?:character varying|double precision|(?:timestamp|time) with(?:out)? time zone|bit varying|[a-z_]+)(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?/gi, '')
    .replace(/[`"]([^`"]+)[`"]/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
  return unwrapOuterParens(s)
}

/** Splits on top-level AND, keeping `BETWEEN a AND b` whole. */
function conjuncts(s: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  let between = false
  const upper = s.toUpperCase()
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (ch === "'") i = s.indexOf("'", i + 1) === -1 ? s.length : s.indexOf("'", i + 1)
    else if (depth === 0 && /\s/.test(ch!)) {
      if (upper.startsWith('BETWEEN ', i + 1)) between = true
      else if (upper.startsWith('AND ', i + 1)) {
        if (between) between = false
        else {
          parts.push(s.slice(start, i).trim())
          start = i + 5
        }
      }
    }
  }
  parts.push(s.slice(start).trim())
  return parts.map((p) => normalize(p))
}

/** `'a', 'b'` or `0, 1`: the values, or null for anything else. */
function valueList(s: string): string[] | null {
  const items = s.split(',').map((x) => x.trim())
  if (items.every((x) => new RegExp(`^${NUMBER}$`, 'i').test(x))) return items
  if (!items.every((x) => /^'(?:[^']|'')*'$/.test(x))) return null
  return items.map((x) => x.slice(1, -1).replaceAll("''", "'"))
}

const FLIP: Record<string, string> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=' }

function apply(rule: ColumnRule, op: string, n: number): boolean {
  if (op === '>' || op === '>=') {
    if (rule.min === undefined || n >= rule.min) [rule.min, rule.minExclusive] = [n, op === '>']
  } else if (op === '<' || op === '<=') {
    if (rule.max === undefined || n <= rule.max) [rule.max, rule.maxExclusive] = [n, op === '<']
  } else return false
  return true
}

/** One conjunct into `rules` (or `orders`); false when it is not one of the understood forms. */
function readPart(part: string, rules: Map<string, ColumnRule>, orders: ColumnOrder[]): boolean {
  const rule = (column: string): ColumnRule => {
    const key = column.toLowerCase()
    let r = rules.get(key)
    if (!r) rules.set(key, (r = {}))
    return r
  }
  let m = new RegExp(`^(${IDENT}) (>=|<=|>|<) (${NUMBER})$`, 'i').exec(part.replace(/\s*(>=|<=|>|<)\s*/, ' $1 '))
  if (m) return apply(rule(m[1]!), m[2]!, Number(m[3]))
  m = new RegExp(`^(${NUMBER}) (>=|<=|>|<) (${IDENT})$`, 'i').exec(part.replace(/\s*(>=|<=|>|<)\s*/, ' $1 '))
  if (m) return apply(rule(m[3]!), FLIP[m[2]!]!, Number(m[1]))
  m = new RegExp(`^(${IDENT}) (>=|<=|>|<) (${IDENT})$`, 'i').exec(part.replace(/\s*(>=|<=|>|<)\s*/, ' $1 '))
  if (m && !/^(null|true|false)$/i.test(m[3]!)) {
    const [a, op, b] = [m[1]!.toLowerCase(), m[2]!, m[3]!.toLowerCase()]
    orders.push(op.startsWith('<') ? { low: a, high: b, strict: op === '<' } : { low: b, high: a, strict: op === '>' })
    return true
  }
  m = new RegExp(`^(${IDENT}) BETWEEN (${NUMBER}) AND (${NUMBER})$`, 'i').exec(part)
  if (m) {
    const r = rule(m[1]!)
    return apply(r, '>=', Number(m[2])) && apply(r, '<=', Number(m[3]))
  }
  m = new RegExp(`^(${IDENT}) IN \\((.*)\\)$`, 'i').exec(part) ?? new RegExp(`^(${IDENT}) = ANY \\(ARRAY\\[(.*)\\]\\)$`, 'i').exec(part)
  if (m) {
    const values = valueList(m[2]!)
    if (!values) return false
    rule(m[1]!).values = values
    return true
  }
  m = new RegExp(`^json_valid\\((${IDENT})\\)$`, 'i').exec(part)
  if (m) {
    rule(m[1]!).json = true
    return true
  }
  // `x IS NOT NULL` and the like hold already (NOT NULL is honoured separately)
  return new RegExp(`^(${IDENT}) IS NOT NULL$`, 'i').test(part)
}

/** What a CHECK expression says about its columns, or understood: false. */
export function readCheck(expression: string): ReadCheck {
  const rules = new Map<string, ColumnRule>()
  const orders: ColumnOrder[] = []
  const understood = conjuncts(normalize(expression)).every((p) => readPart(p, rules, orders))
  return understood ? { rules, orders, understood } : { rules: new Map(), orders: [], understood }
}
