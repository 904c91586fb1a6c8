import type { Dialect } from '../../../shared/cells'
import type { ImportColumnType } from '../../../shared/contract/import'
import { factsOf } from '../../../shared/engines'
import { quoteIfNeeded } from '../../../shared/sql-identifiers'
import { csvField, literal } from './convert'

/** Rows converted for the target columns: canonical texts, null for NULL. */
export type ReadyRow = (string | null)[]

/** SQL Server takes at most 1000 rows in one VALUES list; every engine gets statements of at most ~4 MB. */
const MAX_ROWS_PER_INSERT = 1000
const MAX_CHARS_PER_INSERT = 4_000_000

/** Multi-row INSERT statements for the rows (one or more, split by row count and size). */
export function insertStatements(dialect: Dialect, table: string, columns: string[], types: ImportColumnType[], rows: ReadyRow[]): string[] {
  const facts = factsOf(dialect)
  const head = `INSERT INTO ${table} (${columns.map((c) => quoteIfNeeded(dialect, c)).join(', ')}) VALUES\n`
  const out: string[] = []
  let parts: string[] = []
  let chars = 0
  for (const row of rows) {
    const tuple = `(${row.map((v, i) => literal(v, types[i]!, facts)).join(', ')})`
    if (parts.length && (parts.length >= MAX_ROWS_PER_INSERT || chars + tuple.length > MAX_CHARS_PER_INSERT)) {
      out.push(head + parts.join(',\n'))
      parts = []
      chars = 0
    }
    parts.push(tuple)
    chars += tuple.length + 2
  }
  if (parts.length) out.push(head + parts.join(',\n'))
  return out
}

/** COPY … FROM STDIN (FORMAT csv) for the columns (PostgreSQL). */
export function copyStatement(dialect: Dialect, table: string, columns: string[]): string {
  return `COPY ${table} (${columns.map((c) => quoteIfNeeded(dialect, c)).join(', ')}) FROM STDIN (FORMAT csv)`
}

const NEEDS_QUOTES = /[",\r\n\\]/

/**
 * The rows as CSV for that COPY: NULL an empty field, an empty text `""`, a value quoted only when it holds a comma,
 * quote, line break or backslash (or is `\.`, which COPY would read as the end of data).
 */
export function copyData(rows: ReadyRow[]): Buffer {
  let s = ''
  for (const row of rows) s += copyLine(row)
  return Buffer.from(s, 'utf8')
}

/** One row of that CSV, with its line break. */
export function copyLine(row: ReadyRow): string {
  let s = ''
  for (let i = 0; i < row.length; i++) {
    const v = row[i]
    if (i) s += ','
    if (v === null) continue
    s += v === '' || NEEDS_QUOTES.test(v) ? csvField(v) : v
  }
  return s + '\n'
}
