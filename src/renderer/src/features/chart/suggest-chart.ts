import type { Cell, CellKind, ColumnMeta } from '../../../../shared/cells'

export const chartKinds = ['bar', 'line', 'area', 'scatter', 'pie'] as const
export type ChartKind = (typeof chartKinds)[number]

/** What to draw: a kind, the X column (null: the row number) and the Y columns (one for pie). */
export interface ChartSpec {
  kind: ChartKind
  x: number | null
  y: number[]
}

/** How a column can serve a chart: a measure (Y), a label (X), a point in time (X), or neither. */
export type ColumnRole = 'measure' | 'category' | 'temporal' | 'none'

const numericKinds: ReadonlySet<CellKind> = new Set(['number', 'bigint', 'decimal'])
const temporalKinds: ReadonlySet<CellKind> = new Set(['date', 'datetime', 'time'])
const categoryKinds: ReadonlySet<CellKind> = new Set(['text', 'boolean', 'uuid'])
// SQLite and text-typed results carry dates as text: '2024-03', '2024-03-01', '2024-03-01 10:00:00'
const dateLikeText = /^\d{4}-\d{2}(-\d{2})?([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}(:?\d{2})?|Z)?)?$/
// a numeric key names a row, it is not an amount to add up: chart it along X
const idLikeName = /(^|_)id$|^id_|Id$/

/** Pie slices past this many are hard to read: a bar chart says it better. */
export const PIE_MAX_SLICES = 8
/** Series a suggestion starts with (more can be picked). */
const MAX_SUGGESTED_SERIES = 4
/** Rows looked at to tell a column's role from its values. */
const SAMPLE = 200

const present = (rows: readonly Cell[][], index: number): Cell[] =>
  rows
    .slice(0, SAMPLE)
    .map((r) => r[index] ?? null)
    .filter((v) => v !== null)

/** A cell as a number for a measure axis, or null when it is not one. */
export function toNumber(value: Cell | undefined): number | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'boolean') return value ? 1 : 0
  const n = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(n) ? n : null
}

/** What a column can be in a chart, from its type and (for text and untyped columns) its first values. */
export function columnRole(column: ColumnMeta, rows: readonly Cell[][], index: number): ColumnRole {
  const values = present(rows, index)
  if (numericKinds.has(column.kind)) return idLikeName.test(column.name) ? 'category' : 'measure'
  if (temporalKinds.has(column.kind)) return 'temporal'
  if (column.kind === 'text' && values.length > 0 && values.every((v) => typeof v === 'string' && dateLikeText.test(v))) return 'temporal'
  if (categoryKinds.has(column.kind)) return 'category'
  // untyped expressions (SQLite): numbers when every value is one
  if (column.kind === 'other' && values.length > 0 && values.every((v) => toNumber(v) !== null && typeof v !== 'boolean')) return 'measure'
  return column.kind === 'other' ? 'category' : 'none'
}

/** Whether X runs in order (either way): a line joins neighbours, so unordered dates make a scribble. */
function ordered(rows: readonly Cell[][], index: number): boolean {
  const values = rows.map((r) => r[index]).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
  let up = true
  let down = true
  for (let i = 1; i < values.length; i++) {
    if (values[i]! < values[i - 1]!) up = false
    if (values[i]! > values[i - 1]!) down = false
  }
  return up || down
}

const nonNegative = (rows: readonly Cell[][], index: number): boolean => {
  const values = rows.map((r) => toNumber(r[index])).filter((v): v is number => v !== null)
  return values.length > 0 && values.every((v) => v >= 0) && values.some((v) => v > 0)
}

/**
 * The chart a result most likely wants, from its columns' types and values: a date X with measures → line
 * (bar when the dates are not in order); a label X with measures → bar, or pie for one non-negative measure over few
 * rows; only measures → scatter of the first two (bar by row number for one). Null when nothing is numeric.
 */
export function suggestChart(columns: readonly ColumnMeta[], rows: readonly Cell[][]): ChartSpec | null {
  const roles = columns.map((c, i) => columnRole(c, rows, i))
  const measures = roles.flatMap((r, i) => (r === 'measure' ? [i] : []))
  const temporal = roles.indexOf('temporal')
  const category = roles.indexOf('category')
  const series = measures.slice(0, MAX_SUGGESTED_SERIES)

  // ids alone (numeric keys) make no chart worth suggesting; the user can still pick one
  if (measures.length === 0) return null
  if (temporal >= 0) return { kind: ordered(rows, temporal) ? 'line' : 'bar', x: temporal, y: series }
  if (category >= 0) {
    // slices are named parts of a whole: ids (numeric keys) are no such names
    const named = !numericKinds.has(columns[category]!.kind)
    const pie = named && measures.length === 1 && rows.length >= 2 && rows.length <= PIE_MAX_SLICES && nonNegative(rows, measures[0]!)
    return { kind: pie ? 'pie' : 'bar', x: category, y: pie ? [measures[0]!] : series }
  }
  if (measures.length >= 2) return { kind: 'scatter', x: measures[0]!, y: [measures[1]!] }
  return { kind: 'bar', x: null, y: series }
}

/** The spec made valid for a kind the user switched to: pie and scatter take one Y, the others keep theirs. */
export function withKind(spec: ChartSpec, kind: ChartKind): ChartSpec {
  return { ...spec, kind, y: kind === 'pie' || kind === 'scatter' ? spec.y.slice(0, 1) : spec.y }
}

/** Columns that can be a Y: the measures, plus numeric keys (a chart of ids is odd, but the user may want it). */
export function yCandidates(columns: readonly ColumnMeta[], rows: readonly Cell[][]): number[] {
  return columns.flatMap((c, i) => (columnRole(c, rows, i) === 'measure' || numericKinds.has(c.kind) ? [i] : []))
}
