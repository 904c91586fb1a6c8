import { createHash } from 'node:crypto'
import type { SchemaModel } from '../../../shared/schema-model'
import { yieldIfDue } from '../statements/split-bounded'
import type { IntrospectedModel } from './introspector'

/**
 * JSON with object keys sorted, so equal content always serialises the same way. Own enumerable keys in code-unit
 * order, undefined members left out, a hole in an array written as nothing (as `[…].map(…).join(',')` would), any
 * other non-JSON value as JSON.stringify gives it (or null). Written as one pass that appends to a string: a
 * 20,000-table model is about 40 MB of it.
 */
export function stableStringify(value: unknown): string {
  return stableAt(value, 0)
}

/**
 * stableStringify of a value found `depth` levels into a model (the key-order cache is kept per level); `native`
 * false writes it the slow way even where JSON.stringify would write the same (what tests compare the fast path with).
 */
function stableAt(value: unknown, depth: number, native = true): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (native && isStableJson(value)) return JSON.stringify(value)
  const parts: string[] = []
  write(value, depth, parts)
  return parts.join('')
}

/**
 * True when the engine's own JSON.stringify(value) writes exactly what stableStringify writes: JSON primitives, dense
 * arrays, and plain objects whose own keys already come in code-unit order (an undefined member is left out by both).
 * An introspector that builds its objects with their keys in that order (PostgreSQL's) is serialised natively, about
 * five times faster; anything else (a key out of order, a hole, a Date, a function) is written by stableStringify.
 * Checking is a walk that reads keys and compares them, with no text built.
 */
export function isStableJson(value: unknown): boolean {
  if (value === null) return true
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true
    case 'number':
      return true
    case 'object':
      break
    default:
      return false
  }
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      // A hole or undefined: stableStringify and JSON.stringify may differ (nothing vs null): the slow path decides.
      if (item === undefined || (typeof item === 'object' && item !== null && !isStableJson(item))) return false
      if (typeof item !== 'object' && typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') return false
    }
    return true
  }
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return false
  const object = value as Record<string, unknown>
  // for…in over a plain object visits its own keys in Object.keys order without building an array (nothing of
  // Object.prototype is enumerable; an object inheriting enumerable keys fails the prototype check above).
  let previous: string | undefined
  for (const key in object) {
    if (previous !== undefined && !(previous < key)) return false
    previous = key
    const v = object[key]
    if (v === undefined || v === null) continue
    const type = typeof v
    if (type === 'string' || type === 'number' || type === 'boolean') continue
    if (type !== 'object' || !isStableJson(v)) return false
  }
  return true
}

function write(value: unknown, depth: number, parts: string[]): void {
  if (typeof value === 'string') {
    // Most strings of a model (names, types) need no escaping: written around, not copied into a quoted string.
    if (NEEDS_ESCAPE.test(value)) parts.push(JSON.stringify(value))
    else parts.push('"', value, '"')
    return
  }
  if (value === null || typeof value !== 'object') {
    parts.push(value === null ? 'null' : value === true ? 'true' : value === false ? 'false' : (JSON.stringify(value) ?? 'null'))
    return
  }
  if (Array.isArray(value)) {
    parts.push('[')
    for (let i = 0; i < value.length; i++) {
      if (i > 0) parts.push(',')
      if (i in value) write(value[i], depth + 1, parts)
    }
    parts.push(']')
    return
  }
  const object = value as Record<string, unknown>
  let first = true
  for (const key of sortedKeys(object, depth)) {
    const v = object[key]
    if (v === undefined) continue
    parts.push(first ? `{${quotedKey(key)}` : laterKey(key))
    first = false
    write(v, depth + 1, parts)
  }
  parts.push(first ? '{}' : '}')
}

/** What JSON.stringify escapes: `"`, `\`, control characters, and (a lone one) surrogates. */
// oxlint-disable-next-line no-control-regex -- the control characters are what is being looked for
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/** Per nesting depth, the last key list seen and its sorted order: sibling objects (columns, keys) mostly share one. */
const lastKeys: string[][] = []
const lastSorted: string[][] = []

function sortedKeys(object: Record<string, unknown>, depth: number): string[] {
  const keys = Object.keys(object)
  const last = lastKeys[depth]
  if (last && last.length === keys.length) {
    let same = true
    for (let i = 0; i < keys.length; i++)
      if (keys[i] !== last[i]) {
        same = false
        break
      }
    if (same) return lastSorted[depth]!
  }
  let ordered = true
  for (let i = 1; i < keys.length; i++)
    if (!(keys[i - 1]! < keys[i]!)) {
      ordered = false
      break
    }
  const sorted = ordered ? keys : [...keys].sort(compareKeys)
  if (depth < 64) {
    lastKeys[depth] = keys
    lastSorted[depth] = sorted
  }
  return sorted
}

const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** `"name":` for a key: the few keys of a model, quoted once. */
const laterKeys = new Map<string, string>()
/** `,"name":` for a key after the first. */
function laterKey(key: string): string {
  let quoted = laterKeys.get(key)
  if (quoted === undefined) {
    quoted = `,${quotedKey(key)}`
    if (laterKeys.size < 4096) laterKeys.set(key, quoted)
  }
  return quoted
}

const quotedKeys = new Map<string, string>()
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key)
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`
    if (quotedKeys.size < 4096) quotedKeys.set(key, quoted)
  }
  return quoted
}

/**
 * Hash of the catalog structure. Leaves out when it was read and the row estimates, which move with every
 * ANALYZE: an unchanged fingerprint means no object, column, key or comment changed.
 */
export function schemaFingerprint(model: IntrospectedModel | SchemaModel): string {
  return createHash('sha256').update(stableStringify(fingerprintContent(model))).digest('hex').slice(0, 32)
}

function fingerprintContent(model: IntrospectedModel | SchemaModel): Record<string, unknown> {
  const { fingerprint: _f, introspectedAt: _i, ...rest } = model as SchemaModel
  return { ...rest, tables: rest.tables.map(({ rowEstimate: _r, ...t }) => t) }
}

/**
 * schemaFingerprint of the same model, the same hash, without one long synchronous stretch: the text stableStringify
 * would give is fed to the hash piece by piece (table by table), yielding to the event loop between slices, so
 * fingerprinting thousands of tables does not stall other calls.
 */
export async function schemaFingerprintSliced(model: IntrospectedModel | SchemaModel): Promise<string> {
  return (await fingerprintSliced(model, false)).fingerprint
}

/**
 * schemaFingerprintSliced and, from the same pass over the model, the JSON of its tables (row estimates included,
 * keys sorted) and of its other members: what the schema cache stores, without serialising the model a second time.
 */
export function fingerprintWithJsonSliced(model: IntrospectedModel, options: { native?: boolean } = {}): Promise<{ fingerprint: string; json: ModelJson }> {
  return fingerprintSliced(model, true, options.native ?? true) as Promise<{ fingerprint: string; json: ModelJson }>
}

/**
 * A table whose JSON the engine writes as stableStringify would (isStableJson), as JSON.stringify writes it, with where
 * its row estimate member sits (`,"rowEstimate":…`, estimateEnd 0 when there is none): the fingerprint leaves that
 * span out. Null when the table is not such a table, or its estimate is its first member (the slow path does those).
 */
function nativeTableText(table: Record<string, unknown>): { text: string; estimateStart: number; estimateEnd: number } | null {
  if (!isStableJson(table)) return null
  const text = JSON.stringify(table)
  const estimate = table.rowEstimate
  if (estimate === undefined) return { text, estimateStart: 0, estimateEnd: 0 }
  // The members after the estimate (keys sort after it: schema, triggers) are written again, small, to find it.
  let after = 1 // the closing brace
  let before = false
  for (const key in table) {
    const v = table[key]
    if (v === undefined || key === 'rowEstimate') continue
    if (key < 'rowEstimate') before = true
    else after += 1 + quotedKey(key).length + JSON.stringify(v).length
  }
  if (!before) return null
  const estimateEnd = text.length - after
  const estimateStart = estimateEnd - 1 - quotedKey('rowEstimate').length - JSON.stringify(estimate).length
  return { text, estimateStart, estimateEnd }
}

/** A model's members as JSON text (`"key":value,…`, keys sorted, no braces), in pieces that join ('') into it. */
export type ModelJson = string[]

async function fingerprintSliced(model: IntrospectedModel | SchemaModel, withJson: boolean, native = true): Promise<{ fingerprint: string; json?: ModelJson }> {
  const { fingerprint: _f, introspectedAt: _i, ...rest } = model as SchemaModel
  const hash = createHash('sha256')
  const json: ModelJson = []
  let since = performance.now()
  const keys = Object.keys(rest)
    .filter((k) => (rest as Record<string, unknown>)[k] !== undefined)
    .sort(compareKeys)
  hash.update('{')
  for (const [i, key] of keys.entries()) {
    const value = (rest as Record<string, unknown>)[key]
    hash.update(`${i ? ',' : ''}${quotedKey(key)}`)
    if (key !== 'tables' || !Array.isArray(value)) {
      const text = stableStringify(value)
      hash.update(text)
      if (withJson) json.push(json.length ? ',' : '', quotedKey(key), text)
      continue
    }
    hash.update('[')
    const tables: string[] = []
    for (const [k, table] of value.entries()) {
      if (table === null || typeof table !== 'object' || Array.isArray(table)) {
        const text = stableStringify(table)
        hash.update(`${k ? ',' : ''}${text}`)
        tables.push(text)
        continue
      }
      if (native) {
        const whole = nativeTableText(table as Record<string, unknown>)
        if (whole !== null) {
          // One text for both: the fingerprint hashes it around the row estimate.
          if (k) hash.update(',')
          if (whole.estimateEnd === 0) hash.update(whole.text)
          else {
            hash.update(whole.text.slice(0, whole.estimateStart))
            hash.update(whole.text.slice(whole.estimateEnd))
          }
          if (withJson) tables.push(whole.text)
          since = await yieldIfDue(since)
          continue
        }
      }
      // The table's members one by one: its row estimate goes into the JSON but not into the fingerprint.
      const members: string[] = []
      let estimate: string | null = null
      let position = 0
      for (const member of sortedKeys(table as Record<string, unknown>, 0)) {
        const v = (table as Record<string, unknown>)[member]
        if (v === undefined) continue
        const text = quotedKey(member) + stableAt(v, 1, native)
        if (member === 'rowEstimate') {
          estimate = text
          position = members.length
        } else members.push(text)
      }
      if (estimate === null || !withJson) {
        const text = `{${members.join(',')}}`
        hash.update(`${k ? ',' : ''}${text}`)
        if (withJson) tables.push(text)
      } else {
        // The members before and after the estimate are joined once, for both texts.
        const before = members.slice(0, position).join(',')
        const after = members.slice(position).join(',')
        hash.update(`${k ? ',' : ''}{${before}${before && after ? ',' : ''}${after}}`)
        tables.push(`{${before}${before ? ',' : ''}${estimate}${after ? ',' : ''}${after}}`)
      }
      since = await yieldIfDue(since)
    }
    hash.update(']')
    // The tables' texts are handed on as they are: joined where the cache is written (off the main thread).
    if (withJson) {
      json.push(json.length ? ',' : '', quotedKey(key), '[')
      for (let k = 0; k < tables.length; k++) json.push(k ? ',' : '', tables[k]!)
      json.push(']')
    }
  }
  hash.update('}')
  const fingerprint = hash.digest('hex').slice(0, 32)
  return withJson ? { fingerprint, json } : { fingerprint }
}
