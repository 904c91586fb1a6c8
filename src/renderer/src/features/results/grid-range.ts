import type { ResultSource } from '../../../../shared/cells'

/**
 * Block selection in the result grid (AG Grid Community has no range selection): a rectangle of rows × columns
 * between an anchor (where the mouse went down, or the first shift+arrow) and a focus (the cell it was extended to).
 * Rows are row indexes in the grid's current sort/filter; columns are positions among the displayed data columns
 * (`columns` keeps which result column sits at each position, so a copy follows the order on screen).
 */
export interface CellPos {
  row: number
  col: number
}

export interface CellRange {
  anchor: CellPos
  focus: CellPos
  /** Result column index at each displayed position, as the grid showed them when the range was made. */
  columns: readonly number[]
}

/** The rectangle a range covers, edges inclusive. */
export interface Block {
  top: number
  bottom: number
  left: number
  right: number
}

export function normalise(range: Pick<CellRange, 'anchor' | 'focus'>): Block {
  const { anchor: a, focus: f } = range
  return { top: Math.min(a.row, f.row), bottom: Math.max(a.row, f.row), left: Math.min(a.col, f.col), right: Math.max(a.col, f.col) }
}

export const cellRange = (at: CellPos, columns: readonly number[]): CellRange => ({ anchor: at, focus: at, columns })

/** Shift+click or a drag: the anchor stays, the focus moves to `to`. */
export function extend(range: CellRange, to: CellPos): CellRange {
  return { ...range, focus: to }
}

export function contains(range: Pick<CellRange, 'anchor' | 'focus'> | undefined, row: number, col: number): boolean {
  if (!range) return false
  const b = normalise(range)
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right
}

export function containsRow(range: Pick<CellRange, 'anchor' | 'focus'> | undefined, row: number): boolean {
  if (!range) return false
  const b = normalise(range)
  return row >= b.top && row <= b.bottom
}

const clamp = (n: number, max: number): number => Math.max(0, Math.min(max, n))

/** Shift+arrow: moves the focus by (dRow, dCol), kept inside rows × columns. */
export function extendBy(range: CellRange, dRow: number, dCol: number, rowCount: number): CellRange {
  const to = { row: clamp(range.focus.row + dRow, rowCount - 1), col: clamp(range.focus.col + dCol, range.columns.length - 1) }
  return extend(range, to)
}

/** Ctrl/Cmd+A: every row and every displayed column; nothing when the grid is empty. */
export function selectAll(rowCount: number, columns: readonly number[]): CellRange | undefined {
  if (rowCount <= 0 || columns.length === 0) return undefined
  return { anchor: { row: 0, col: 0 }, focus: { row: rowCount - 1, col: columns.length - 1 }, columns }
}

/** Whole rows (a click on the row number column): from the first to the last displayed column. */
export function rowsRange(anchorRow: number, focusRow: number, columns: readonly number[]): CellRange {
  return { anchor: { row: anchorRow, col: 0 }, focus: { row: focusRow, col: Math.max(0, columns.length - 1) }, columns }
}

export function isSingleCell(range: CellRange): boolean {
  return range.anchor.row === range.focus.row && range.anchor.col === range.focus.col
}

export function blockSize(range: CellRange): { rows: number; cols: number } {
  const b = normalise(range)
  return { rows: b.bottom - b.top + 1, cols: b.right - b.left + 1 }
}

/** The rows [from, to) a range covers: the row-range selection copy and export already understand. */
export function rowSpan(range: CellRange): { from: number; to: number } {
  const b = normalise(range)
  return { from: b.top, to: b.bottom + 1 }
}

/** What `query.copy` needs to format exactly this block: its rows and its result columns in screen order. */
export function copyRequest(range: CellRange): { from: number; to: number; columns: number[] } {
  const b = normalise(range)
  return { ...rowSpan(range), columns: range.columns.slice(b.left, b.right + 1) }
}

/**
 * The `tableName` main's INSERT formatter reads: `schema.table`, a part wrapped in double quotes (quotes doubled) when
 * it contains a dot or a quote, so main can split it back into the exact names and quote them for the engine.
 */
export function insertTarget(source: ResultSource | undefined): string | undefined {
  if (!source?.table) return undefined
  const part = (name: string): string => (/[."]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name)
  return source.schema ? `${part(source.schema)}.${part(source.table)}` : part(source.table)
}

/** How the source table reads in a note: `schema.table`. */
export const sourceLabel = (source: ResultSource): string => (source.schema ? `${source.schema}.${source.table}` : source.table)
