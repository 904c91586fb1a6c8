/**
 * How completion items are ordered. The editor sorts by sortText (then label), so an item's sortText is its band
 * followed by its position inside the band: keyword order, a table's place in the statement, a column's ordinal.
 */
export const Band = {
  /** Joins and join conditions along foreign keys. */
  join: '10',
  /** Keywords that fit where a keyword is wanted: WHERE after a table, BY after GROUP, AND after a condition. */
  keyword: '20',
  /** Columns of the tables in scope: by the table's place in the statement, then in table order. */
  column: '30',
  alias: '35',
  table: '40',
  /** Columns of every table, while the statement names none (`SELECT na|` before FROM is written). */
  anyColumn: '42',
  schema: '45',
  /** Keywords that fit where a value is wanted: DISTINCT after SELECT, EXISTS after WHERE. */
  valueKeyword: '50',
  userFunction: '60',
  function: '65',
  /** Every other keyword of the dialect, common ones first. */
  otherKeyword: '80'
} as const

export type BandName = keyof typeof Band

/** `sortKey('column', 1, 3)` → '30000010003': the band, then each position zero-padded so text order is number order. */
export function sortKey(band: BandName, ...positions: number[]): string {
  return Band[band] + positions.map((p) => String(p).padStart(5, '0')).join('')
}
