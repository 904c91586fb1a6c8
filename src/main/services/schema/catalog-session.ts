import type { Cell } from '../../../shared/cells'
import type { DriverSession } from '../drivers/types'

/** All an introspector needs from a driver session: one buffered catalog query. */
export type CatalogSession = Pick<DriverSession, 'query'>

export type CatalogRow = Record<string, Cell>

/** What a session's query() gives: column names and rows of cells. */
export interface CatalogResult {
  columns: { name: string }[]
  rows: Cell[][]
}

/** Runs a catalog query and returns rows keyed by lower-cased column name (engines differ in case). */
export async function queryRows(session: CatalogSession, sql: string): Promise<CatalogRow[]> {
  return rowsOf(await session.query(sql))
}

/** A result's rows keyed by lower-cased column name. */
export function rowsOf(result: CatalogResult): CatalogRow[] {
  const names = result.columns.map((c) => c.name.toLowerCase())
  return result.rows.map((row) => {
    const out: CatalogRow = {}
    names.forEach((name, i) => (out[name] = row[i] ?? null))
    return out
  })
}

/**
 * Where each named column (lower-cased) is in a result, for reading big results' rows as they come (arrays), without
 * an object per row. Throws when a name is missing.
 */
export function positions<K extends string>(result: CatalogResult, names: readonly K[]): Record<K, number> {
  const index = new Map(result.columns.map((c, i) => [c.name.toLowerCase(), i]))
  const out = {} as Record<K, number>
  for (const name of names) {
    const i = index.get(name)
    if (i === undefined) throw new Error(`catalog result has no column ${name}`)
    out[name] = i
  }
  return out
}

export const str = (v: Cell): string => (v === null ? '' : String(v))
export const strOrNull = (v: Cell): string | null => (v === null ? null : String(v))
export const num = (v: Cell): number => (v === null ? 0 : Number(v))
export const numOrNull = (v: Cell): number | null => (v === null || v === '' ? null : Number(v))
export const bool = (v: Cell): boolean => v === true || v === 1 || v === '1' || v === 't' || v === 'true' || v === 'YES' || v === 'yes'

/** `'a', 'b'` for an IN list; standard SQL string literals (MySQL also escapes backslashes). */
export function sqlStringList(values: string[], escapeBackslash = false): string {
  return values
    .map((v) => {
      let s = v.replace(/'/g, "''")
      if (escapeBackslash) s = s.replace(/\\/g, '\\\\')
      return `'${s}'`
    })
    .join(', ')
}

/** Groups rows by a key, keeping the rows' order. */
export function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = map.get(k)
    if (list) list.push(row)
    else map.set(k, [row])
  }
  return map
}

export const tableKey = (schema: string, name: string): string => `${schema}\u0000${name}`
