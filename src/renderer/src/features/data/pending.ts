import type { DataChange, DataColumn, DataValue, DataValues } from '../../../../shared/contract/data'
import type { Cell } from '../../../../shared/cells'

/** A row read from the server: its cells (table column order) and its key as text (null: table has no key). */
export interface LoadedRow {
  cells: Cell[]
  key: string | null
}

/** A row added here, not yet applied: only the columns the user set (the rest get their defaults). */
export interface NewRow {
  id: string
  values: DataValues
}

/** The edits kept in the renderer until Apply: per row key, changed cells and deletes; new rows in order. */
export interface Pending {
  updates: Record<string, { key: DataValues; set: DataValues }>
  deletes: Record<string, DataValues>
  inserts: NewRow[]
}

export const emptyPending = (): Pending => ({ updates: {}, deletes: {}, inserts: [] })

export const pendingCount = (p: Pending): number => Object.keys(p.updates).length + Object.keys(p.deletes).length + p.inserts.length

/** Where a change came from: an existing row (by key) or a new row (by id). */
export type ChangeOrigin = { row: string; kind: 'existing' | 'new' }

/** The changes to send, in a stable order (updates, inserts, deletes), with where each came from. */
export function toChanges(p: Pending): { changes: DataChange[]; origins: ChangeOrigin[] } {
  const changes: DataChange[] = []
  const origins: ChangeOrigin[] = []
  for (const [row, u] of Object.entries(p.updates)) {
    if (p.deletes[row]) continue
    changes.push({ kind: 'update', key: u.key, set: u.set })
    origins.push({ row, kind: 'existing' })
  }
  for (const r of p.inserts) {
    changes.push({ kind: 'insert', values: r.values })
    origins.push({ row: r.id, kind: 'new' })
  }
  for (const [row, key] of Object.entries(p.deletes)) {
    changes.push({ kind: 'delete', key })
    origins.push({ row, kind: 'existing' })
  }
  return { changes, origins }
}

/** The key values of a loaded row, and its key as text (the row's id in the grid and in Pending). */
export function rowKey(columns: DataColumn[], keyColumns: string[], cells: Cell[]): { key: DataValues; text: string } | null {
  if (keyColumns.length === 0) return null
  const key: DataValues = {}
  for (const name of keyColumns) {
    const i = columns.findIndex((c) => c.name === name)
    if (i < 0) return null
    key[name] = cells[i] ?? null
  }
  return { key, text: JSON.stringify(keyColumns.map((k) => key[k])) }
}

/** How a value shows in a cell. */
export function showValue(v: DataValue | undefined): string {
  if (v === undefined) return ''
  if (v === null) return 'NULL'
  if (typeof v === 'object') return `<file: ${base64Bytes(v.base64)} bytes>`
  return String(v)
}

export const sameValue = (a: DataValue | undefined, b: DataValue | undefined): boolean => JSON.stringify(a) === JSON.stringify(b)

/** The number of bytes a base64 text holds. */
export const base64Bytes = (b64: string): number => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0)
