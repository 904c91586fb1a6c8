import { z } from 'zod'

export const dialects = ['postgres', 'mysql', 'mssql', 'sqlite', 'duckdb'] as const
export const Dialect = z.enum(dialects)
export type Dialect = z.infer<typeof Dialect>

/**
 * Every cell crosses both transports (structured clone and JSON), so drivers normalise values: booleans and numbers
 * that fit a double stay typed (sortable); everything else is the text the database's own client prints (psql,
 * mysql, sqlite3, duckdb): 64-bit integers and exact decimals as written (never rounded), dates, timestamps and
 * intervals in the session's style (`2024-01-02 03:04:05+00`, `1 day 02:00:00`, `infinity`, `0044-03-15 BC`),
 * arrays, ranges, lists and structs as the engine writes them (`{1,2,NULL}`, `[1,5)`, `[1, 2, NULL]`), JSON its text;
 * binary is `\x`-prefixed lowercase hex (truncated past the driver's cap, see ColumnMeta.kind).
 */
export const Cell = z.union([z.null(), z.boolean(), z.number(), z.string()])
export type Cell = z.infer<typeof Cell>

export const CellKind = z.enum(['number', 'bigint', 'decimal', 'text', 'boolean', 'datetime', 'date', 'time', 'json', 'binary', 'uuid', 'array', 'other'])
export type CellKind = z.infer<typeof CellKind>

export const ColumnMeta = z.object({
  name: z.string(),
  /** The database's own type name, e.g. `int8`, `varchar(20)`, `DATETIME2`. */
  dbType: z.string(),
  kind: CellKind,
  nullable: z.boolean().optional(),
  /** The base-table column the values come from, when the engine says so cheaply (e.g. `name` for `select name as n`). */
  sourceColumn: z.string().optional()
})
export type ColumnMeta = z.infer<typeof ColumnMeta>

/** The one base table every column of a result comes from (for "Copy as INSERT" into it). */
export const ResultSource = z.object({ schema: z.string().optional(), table: z.string() })
export type ResultSource = z.infer<typeof ResultSource>
