import { Faker, base, en } from '@faker-js/faker'
import type { ReadyRow } from '../import/batch-sql'
import type { ForeignKeyJob, Pool, TableJob } from './plan'
import { uniquified, valueMaker, type MakeValue } from './values'
import { REF_DATE } from './column-spec'

/** A faker seeded from the job's seed and a name: each column draws from its own stream, so one override moves no other column. */
export function seeded(seed: number, ...names: string[]): Faker {
  const f = new Faker({ locale: [en, base] })
  f.seed([seed, ...names.map(hash)])
  f.setDefaultRefDate(REF_DATE)
  return f
}

/** FNV-1a, 31 bits. */
function hash(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return (h >>> 0) & 0x7fffffff
}

/** A unique key's value in a row (its columns joined), or null when one of them is NULL (NULLs never collide). */
function keyOf(row: ReadyRow, cols: number[]): string | null {
  if (cols.length === 1) return row[cols[0]!] ?? null
  let key = ''
  for (const c of cols) {
    const v = row[c]
    if (v === null || v === undefined) return null
    key += `${v}\u0000`
  }
  return key
}

/** Row i of a pool as the child's column values for a foreign key. */
function tupleOf(pool: Pool, fk: ForeignKeyJob, i: number): (string | null)[] {
  return fk.refColumns.map((c) => pool.tuples[i]![pool.columns.indexOf(c)] ?? null)
}

/** Picks parent rows for a foreign key: any row, each row once (a unique key), or an earlier row (a self reference). */
export class ParentPicker {
  private readonly f: Faker
  private order: number[] | null = null
  private next = 0

  constructor(
    private readonly fk: ForeignKeyJob,
    seed: number,
    table: string,
    private readonly pool: () => Pool | undefined
  ) {
    this.f = seeded(seed, table, 'fk', fk.name)
  }

  /** The parent row index of the last pick (-1: none). */
  picked = -1

  /**
   * The child's values for row `n`, null (a nullable key left empty), or undefined (no parent row left). A self
   * reference points at a row in the first half of those before it, so that batches can double in size and a row
   * never shares a statement with its parent (DuckDB checks keys against earlier statements only).
   */
  pick(n: number, nullShare: number): (string | null)[] | null | undefined {
    this.picked = -1
    const pool = this.pool()
    const size = this.fk.self ? Math.min(Math.floor(n / 2), pool?.tuples.length ?? 0) : (pool?.tuples.length ?? 0)
    if (this.fk.nullable && (size === 0 || (nullShare > 0 && this.f.number.float() < nullShare))) return null
    if (!size) return undefined
    if (!this.fk.distinct) return tupleOf(pool!, this.fk, (this.picked = this.f.number.int(size - 1)))
    if (!this.order) this.order = this.f.helpers.shuffle([...Array(pool!.tuples.length).keys()])
    if (this.next >= this.order.length) return this.fk.nullable ? null : undefined
    return tupleOf(pool!, this.fk, (this.picked = this.order[this.next++]!))
  }
}

const RETRIES = 20
const FRUITLESS_LIMIT = 20
/** Rows in a row that could not be made unique before the table counts as exhausted. */
const GIVE_UP_AFTER = 200

/**
 * Makes a table's rows in order, deterministic for a seed: per column a value maker on its own faker, foreign keys from
 * the parents' pools, NULL shares, lengths cut to the column's, and every unique key kept unique (values tried again,
 * then made unique with a counter; rows that still collide are not made).
 */
export class RowMaker {
  private readonly fakers: Faker[]
  private readonly makers: MakeValue[]
  private readonly pickers: ParentPicker[]
  private readonly seen: Set<string>[]
  private readonly counters: number[]
  /** Per column, how often drawing again found no unused value. */
  private readonly fruitless: number[]
  /** Rows made so far (the index of the next one). */
  made = 0
  /** Why the table ended early, if it did. */
  exhausted: string | null = null
  private tries = 0
  /** Rows made so far, for self references (made, not yet written: the writer keeps a row out of its parent's batch). */
  private readonly own: Pool
  /** The latest row's parent row among this table's rows (-1: none). */
  selfParent = -1
  private held: { row: ReadyRow; parent: number } | null = null
  /** Columns foreign keys fill (from parents, or NULL until the second pass). */
  private readonly keyColumns: Set<number>
  /** Each foreign key's NULL share (its columns' largest). */
  private readonly shares: number[]
  /** Indexes of the self references among the foreign keys. */
  private readonly selfKeys: number[]

  constructor(
    private readonly job: TableJob,
    seed: number,
    pools: Map<string, Pool>
  ) {
    this.fakers = job.columns.map((c) => seeded(seed, job.key, c.name))
    this.makers = job.columns.map((c) => valueMaker(c.spec.spec))
    this.own = poolOf(job)
    this.pickers = job.foreignKeys.map((fk) => new ParentPicker(fk, seed, job.key, () => (fk.self ? this.own : pools.get(fk.parent))))
    this.seen = job.uniqueKeys.map(() => new Set())
    this.counters = job.columns.map(() => 0)
    this.fruitless = job.columns.map(() => 0)
    this.keyColumns = new Set([...job.foreignKeys, ...job.deferred].flatMap((f) => f.columns))
    this.shares = job.foreignKeys.map((fk) => Math.max(...fk.columns.map((c) => job.columns[c]!.nullShare)))
    this.selfKeys = job.foreignKeys.flatMap((fk, k) => (fk.self ? [k] : []))
  }

  private value(i: number, n: number): string | null {
    const c = this.job.columns[i]!
    if (c.nullShare >= 1 || c.spec.spec.kind === 'null') return null
    const f = this.fakers[i]!
    if (c.nullShare > 0 && f.number.float() < c.nullShare) return null
    const v = this.makers[i]!(f, n)
    return c.spec.maxLength !== undefined && v.length > c.spec.maxLength ? v.slice(0, c.spec.maxLength).trimEnd() || v.slice(0, c.spec.maxLength) : v
  }

  /** The next row, or null when no more can be made (parents or unique values ran out: `exhausted` says why). */
  next(): ReadyRow | null {
    if (this.held) {
      const { row, parent } = this.held
      this.held = null
      this.selfParent = parent
      return row
    }
    if (this.exhausted || this.made >= this.job.rows) return null
    const n = this.made
    for (;;) {
      const row: ReadyRow = this.job.columns.map((_, i) => (this.keyColumns.has(i) ? null : this.value(i, n)))
      for (const [k, fk] of this.job.foreignKeys.entries()) {
        const values = this.pickers[k]!.pick(n, this.shares[k]!)
        if (values === undefined) {
          this.exhausted = `no ${fk.distinct ? 'unused ' : ''}row of ${fk.parent} left for ${fk.name}`
          return null
        }
        fk.columns.forEach((c, j) => (row[c] = values === null ? null : values[j]!))
      }
      this.keepOrders(row)
      if (this.keepUnique(row)) {
        this.made++
        this.tries = 0
        this.selfParent = this.selfKeys.length ? Math.max(-1, ...this.selfKeys.map((k) => this.pickers[k]!.picked)) : -1
        if (this.own.columns.length) addToPool(this.own, this.job, [row])
        return row
      }
      if (++this.tries > GIVE_UP_AFTER) {
        this.exhausted = 'unique values ran out'
        return null
      }
    }
  }

  /** Swaps two values a CHECK orders when they came out the other way (numbers by value, dates as ISO text). */
  private keepOrders(row: ReadyRow): void {
    for (const o of this.job.orders) {
      const [a, b] = [row[o.low], row[o.high]]
      if (a == null || b == null) continue
      const [x, y] = [Number(a), Number(b)]
      const wrong = Number.isFinite(x) && Number.isFinite(y) ? x > y : a > b
      if (wrong) [row[o.low], row[o.high]] = [b, a]
    }
  }

  /** Records the row's unique keys; a single text column that collides is made unique; false when the row repeats a key. */
  private keepUnique(row: ReadyRow): boolean {
    let changed = false
    const keys = this.job.uniqueKeys.map((cols) => keyOf(row, cols))
    for (const [k, cols] of this.job.uniqueKeys.entries()) {
      if (keys[k] === null || !this.seen[k]!.has(keys[k])) continue
      // only a single column of its own can be made unique here; a repeated composite or foreign key makes a new row
      const single = cols.length === 1 ? cols[0]! : -1
      if (single < 0 || this.keyColumns.has(single) || !this.makeUnique(single, this.seen[k]!, row)) return false
      changed = true
    }
    // a key made unique above may repeat another key of the row's: checked again before anything is recorded
    const final = changed ? this.job.uniqueKeys.map((cols) => keyOf(row, cols)) : keys
    if (changed && final.some((key, k) => key !== null && this.seen[k]!.has(key))) return false
    final.forEach((key, k) => key !== null && this.seen[k]!.add(key))
    return true
  }

  /** Another value for the column that `seen` does not hold: drawn again a few times, then the value with a counter. */
  private makeUnique(i: number, seen: Set<string>, row: ReadyRow): boolean {
    // a column whose values keep running out (22 department names for 20,000 rows) stops drawing again
    const retries = this.fruitless[i]! > FRUITLESS_LIMIT ? 0 : RETRIES
    for (let t = 0; t < retries; t++) {
      const v = this.value(i, this.made)
      if (v !== null && !seen.has(v)) {
        row[i] = v
        return true
      }
    }
    this.fruitless[i]!++
    const maxLength = this.job.columns[i]!.spec.maxLength
    for (let t = 0; t < 10_000; t++) {
      const v = uniquified(row[i]!, ++this.counters[i]!, maxLength)
      if (!seen.has(v)) {
        row[i] = v
        return true
      }
    }
    return false
  }

  /** The index of the row `next` returns next. */
  get nextIndex(): number {
    return this.made - (this.held ? 1 : 0)
  }

  /** Gives the row just taken back: `next` returns it again (it goes into the next batch). */
  hold(row: ReadyRow): void {
    this.held = { row, parent: this.selfParent }
  }

  /** Forgets a row the database refused: its unique values may be used again. */
  forget(row: ReadyRow): void {
    this.job.uniqueKeys.forEach((cols, k) => {
      const key = keyOf(row, cols)
      if (key !== null) this.seen[k]!.delete(key)
    })
  }
}

/** The columns a table's pool keeps for its children, from rows as written. */
export function poolOf(job: TableJob): Pool {
  return { columns: job.referenced, tuples: [] }
}

/** Adds written rows to the table's pool (only the referenced columns). */
export function addToPool(pool: Pool, job: TableJob, rows: ReadyRow[]): void {
  const at = pool.columns.map((c) => job.columns.findIndex((x) => x.name === c))
  for (const row of rows) pool.tuples.push(at.map((i) => (i < 0 ? null : (row[i] ?? null))))
}
