import type { TableModel } from '../../../shared/schema-model'
import { qualifiedName } from '../../../shared/schema-model'

/** A foreign key cut to break a cycle: its columns are left NULL on insert and filled by a second pass. */
export interface DeferredKey {
  table: string
  fk: string
}

export interface FillOrder {
  /** Qualified names, parents before children (among the chosen tables). */
  order: string[]
  deferred: DeferredKey[]
  /** Tables caught in a cycle with no nullable key to cut, with why. */
  impossible: Map<string, string>
}

const key = (t: TableModel): string => qualifiedName(t)
export const refKey = (fk: TableModel['foreignKeys'][number]): string => (fk.refSchema ? `${fk.refSchema}.${fk.refTable}` : fk.refTable)

/**
 * Parents before children (Kahn's algorithm over the chosen tables, by name so the order is stable). When only cycles
 * are left, a foreign key whose columns are all nullable is cut (the one whose table has the fewest other parents
 * waiting) and the walk goes on; a cycle with no such key makes its tables impossible.
 */
export function fillOrder(tables: TableModel[]): FillOrder {
  const byKey = new Map(tables.map((t) => [key(t), t]))
  const cut = new Set<string>()
  const deferred: DeferredKey[] = []
  const impossible = new Map<string, string>()
  const edges = (t: TableModel) => t.foreignKeys.filter((fk) => byKey.has(refKey(fk)) && !cut.has(`${key(t)}\0${fk.name}`))
  // a self reference waits for nothing: rows point at earlier rows of the same table, written in an earlier batch
  const waiting = (t: TableModel, done: Set<string>) => edges(t).filter((fk) => refKey(fk) !== key(t) && !done.has(refKey(fk)))
  const done = new Set<string>()
  const order: string[] = []
  const left = () => [...byKey.keys()].filter((k) => !done.has(k) && !impossible.has(k)).sort()
  for (;;) {
    const remaining = left()
    if (!remaining.length) break
    const ready = remaining.filter((k) => waiting(byKey.get(k)!, done).length === 0)
    if (ready.length) {
      for (const k of ready) {
        done.add(k)
        order.push(k)
      }
      continue
    }
    // only cycles left: cut one nullable key
    const nullable = (t: TableModel, fk: TableModel['foreignKeys'][number]) => fk.columns.every((c) => t.columns.find((col) => col.name === c)?.nullable !== false)
    // only a key inside a cycle (its parent leads back to its table): a table merely waiting on a cycle keeps its keys
    const reaches = (from: string, to: string): boolean => {
      const seen = new Set<string>()
      const walk = (k: string): boolean => {
        if (k === to) return true
        if (seen.has(k) || done.has(k)) return false
        seen.add(k)
        return waiting(byKey.get(k)!, done).some((fk) => walk(refKey(fk)))
      }
      return walk(from)
    }
    const candidates = remaining.flatMap((k) => {
      const t = byKey.get(k)!
      return waiting(t, done)
        .filter((fk) => nullable(t, fk) && reaches(refKey(fk), k))
        .map((fk) => ({ t, fk, others: waiting(t, done).length }))
    })
    candidates.sort((a, b) => a.others - b.others || key(a.t).localeCompare(key(b.t)) || a.fk.name.localeCompare(b.fk.name))
    const pick = candidates[0]
    if (!pick) {
      for (const k of remaining) {
        const t = byKey.get(k)!
        const via = waiting(t, done).map((fk) => `${fk.columns.join(', ')} → ${refKey(fk)}`)
        impossible.set(k, `in a foreign-key cycle with no nullable key to break it (${via.join('; ')}); the database would refuse every row`)
      }
      break
    }
    cut.add(`${key(pick.t)}\0${pick.fk.name}`)
    deferred.push({ table: key(pick.t), fk: pick.fk.name })
  }
  return { order, deferred, impossible }
}
