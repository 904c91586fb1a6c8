import { z } from 'zod'
import { Cell, CellKind, ColumnMeta } from '../cells'
import { call, Id, Name } from './define'

/**
 * Table data view and inline editing (issue 16, items 1 and 2).
 *
 * Flow: `data.open` once per table (columns, row key, whether and why editing is possible), then `data.rows` for each
 * page (and `data.count` on demand) with the same filter; edits are kept in the renderer as a list of changes, shown
 * with `data.preview` and applied with `data.apply` (one transaction on a session of its own, never a tab's session).
 *
 * Every call runs through the statement analyser: the generated SELECT (with the user's WHERE text inside) must be
 * exactly one read, and every generated DML statement exactly one write, or the call is refused.
 */

/** Limits: a page is at most MAX_DATA_PAGE rows; one apply at most MAX_DATA_CHANGES changes. */
export const MAX_DATA_PAGE = 5_000
export const MAX_DATA_CHANGES = 5_000
/** The user's WHERE text and one filter value. */
export const MAX_WHERE_CHARS = 100_000

/** A table or view. `schema` left out: the connection's default schema (SQLite/DuckDB `main`, PostgreSQL search_path…). */
export const DataTableRef = z.object({ schema: Name.optional(), name: Name.min(1) }).strict()
export type DataTableRef = z.infer<typeof DataTableRef>

/**
 * A value sent to the server: a cell as the grid shows it (src/shared/cells.ts), or binary bytes as base64 (a file
 * the user picked). Text is cast by the server to the column's type (`'2024-01-02'` into a date column, `'12.50'`
 * into a decimal, exact; JSON as its text; enums by label); `null` is SQL NULL. Numbers must be finite.
 */
export const DataValue = z.union([Cell, z.object({ base64: z.string().max(70_000_000) }).strict()])
export type DataValue = z.infer<typeof DataValue>

/** Column name → value. */
export const DataValues = z.record(Name, DataValue)
export type DataValues = z.infer<typeof DataValues>

export const DataColumn = z.object({
  name: z.string(),
  /** The declared type as the schema model has it (`varchar(20)`, `numeric(12,2)`, `mood` for a PostgreSQL enum). */
  type: z.string(),
  /** Which editor to use (see CellKind). `enumValues` set means: pick one of those. */
  kind: CellKind,
  nullable: z.boolean(),
  /** The column default as the engine prints it; absent/null: none. An insert may leave such a column out. */
  default: z.string().nullable().optional(),
  /** Identity/auto-increment: leave out of inserts to get the next value. */
  identity: z.boolean().optional(),
  /** Computed column: never written (updates and inserts that set it are refused). */
  generated: z.boolean().optional(),
  /** PostgreSQL enum labels, MariaDB/MySQL enum('a','b') values, in the declared order. */
  enumValues: z.array(z.string()).optional(),
  /** Part of the row key (`key.columns`). */
  inKey: z.boolean()
})
export type DataColumn = z.infer<typeof DataColumn>

export const DataOpenInput = z.object({ connectionId: Id, table: DataTableRef }).strict()

export const DataOpenOutput = z.object({
  /** The table as resolved (schema filled in). */
  table: z.object({ schema: z.string(), name: z.string(), kind: z.enum(['table', 'view', 'materialized_view']) }),
  columns: z.array(DataColumn),
  /**
   * How rows are identified for updates and deletes: the primary key, else a unique key whose columns are all NOT
   * NULL; null when there is none (then `editable` is false and `notEditableReason` says why).
   */
  key: z.object({ kind: z.enum(['primary', 'unique']), name: z.string().optional(), columns: z.array(z.string()) }).nullable(),
  /** Rows may be changed here: a key exists, it is a table, and the connection is not read-only. */
  editable: z.boolean(),
  /** Why not, in words for the user (no key, a view, a read-only connection). Absent when editable. */
  notEditableReason: z.string().optional(),
  /** The connection profile is read-only: `data.apply` is refused with READ_ONLY. */
  readOnly: z.boolean(),
  /** The profile is tagged production: `data.apply` needs `confirmed: true` (else CONFIRMATION_REQUIRED). */
  production: z.boolean(),
  /** The server's row estimate from the schema model, when known (for a scrollbar before `data.count`). */
  rowEstimate: z.number().nullable().optional()
})
export type DataOpenOutput = z.infer<typeof DataOpenOutput>

export const DataFilterOp = z.enum(['=', '<>', '<', '>', '<=', '>=', 'like', 'not like', 'is null', 'is not null', 'in'])
export type DataFilterOp = z.infer<typeof DataFilterOp>

/**
 * One per-column condition; conditions are joined with AND (and with the user's WHERE text, which is put in
 * parentheses). `value`: a DataValue for comparisons and `like` (compared as text: `%` and `_` are wildcards);
 * an array of values for `in`; ignored for `is null` / `is not null`.
 */
export const DataFilter = z
  .object({
    column: Name,
    op: DataFilterOp,
    value: z.union([DataValue, z.array(Cell).max(1000)]).optional()
  })
  .strict()
export type DataFilter = z.infer<typeof DataFilter>

export const DataOrder = z.object({ column: Name, direction: z.enum(['asc', 'desc']) }).strict()
export type DataOrder = z.infer<typeof DataOrder>

/** What selects the rows: the same for `data.rows` and `data.count`. */
const Selection = {
  connectionId: Id,
  table: DataTableRef,
  /**
   * A condition typed by the user as SQL (without the word WHERE), e.g. `price > 10 and name like 'A%'`. It is put in
   * parentheses inside the generated SELECT, and the whole SELECT must analyse as exactly one read statement, else
   * the call fails with INVALID_INPUT (stacked statements, comments that cut the query, a function that may write).
   */
  where: z.string().max(MAX_WHERE_CHARS).optional(),
  filters: z.array(DataFilter).max(100).optional()
}

export const DataRowsInput = z
  .object({
    ...Selection,
    /** Left out: ordered by the row key when there is one (so pages are stable), else unordered. */
    orderBy: z.array(DataOrder).max(50).optional(),
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(MAX_DATA_PAGE)
  })
  .strict()
export type DataRowsInput = z.infer<typeof DataRowsInput>

export const DataRowsOutput = z.object({
  /** As the driver reports them (kinds for display); rows are arrays in this column order (all table columns). */
  columns: z.array(ColumnMeta),
  rows: z.array(z.array(Cell)),
  /** The SELECT that ran, as text for the user (values as literals). */
  sql: z.string(),
  /** No rows after this page. */
  done: z.boolean()
})
export type DataRowsOutput = z.infer<typeof DataRowsOutput>

export const DataCountInput = z.object(Selection).strict()
export const DataCountOutput = z.object({ count: z.number(), sql: z.string() })

/**
 * One pending change. `key` holds the values of every row-key column (from `data.open` `key.columns`) as read.
 * `set` / `values`: column → new value; an insert leaves out columns to get their defaults.
 */
export const DataChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('update'), key: DataValues, set: DataValues }).strict(),
  z.object({ kind: z.literal('insert'), values: DataValues }).strict(),
  z.object({ kind: z.literal('delete'), key: DataValues }).strict()
])
export type DataChange = z.infer<typeof DataChange>

export const DataChangesInput = {
  connectionId: Id,
  table: DataTableRef,
  changes: z.array(DataChange).min(1, 'Nothing to apply').max(MAX_DATA_CHANGES)
}

export const DataPreviewInput = z.object(DataChangesInput).strict()
/** One statement per change, same order, in the engine's dialect with values as literals (what apply runs). */
export const DataPreviewOutput = z.object({ statements: z.array(z.string()) })

export const DataApplyInput = z
  .object({
    ...DataChangesInput,
    /** The user confirmed applying on a production connection (see DataOpenOutput.production). */
    confirmed: z.boolean().optional()
  })
  .strict()
export type DataApplyInput = z.infer<typeof DataApplyInput>

/**
 * All changes ran in one transaction and were committed (`applied` = changes.length, errors empty), or none was
 * (`applied` 0): the transaction was rolled back and `errors` names the change that failed (its index in `changes`)
 * with the server's message, e.g. a constraint violation, or an update/delete whose key matched 0 or several rows.
 * Refusals before anything runs are thrown instead: READ_ONLY, CONFIRMATION_REQUIRED, INVALID_INPUT (unknown column,
 * a key that is not the row key, a generated column set, a table that is not editable).
 */
export const DataApplyOutput = z.object({
  applied: z.number().int(),
  errors: z.array(z.object({ index: z.number().int(), message: z.string(), sqlState: z.string().optional() })),
  /** The statements that ran (same as data.preview). */
  statements: z.array(z.string())
})
export type DataApplyOutput = z.infer<typeof DataApplyOutput>

export const dataCalls = {
  /** Columns, row key, editability and the connection's read-only/production flags of one table or view. */
  'data.open': call(DataOpenInput, DataOpenOutput),
  /** One page of rows with server-side filter and sort; `sql` is the SELECT for display. */
  'data.rows': call(DataRowsInput, DataRowsOutput),
  /** The number of rows the same selection matches. */
  'data.count': call(DataCountInput, DataCountOutput),
  /** The DML statements the changes become, as text (nothing runs). */
  'data.preview': call(DataPreviewInput, DataPreviewOutput),
  /** Applies the changes in one transaction on a dedicated session; rolled back entirely if any fails. */
  'data.apply': call(DataApplyInput, DataApplyOutput)
}
