import { z } from 'zod'

export const dialects = ['postgres', 'mysql', 'mssql', 'sqlite', 'duckdb'] as const
export const Dialect = z.enum(dialects)
export type Dialect = z.infer<typeof Dialect>

/**
 * Every cell crosses both transports (structured clone and JSON), so drivers normalise values:
 * 64-bit integers and exact decimals become strings (never rounded), dates/timestamps ISO-8601 strings,
 * JSON its text, binary `\x`-prefixed lowercase hex (truncated past the driver's cap, see ColumnMeta.kind).
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
  nullable: z.boolean().optional()
})
export type ColumnMeta = z.infer<typeof ColumnMeta>
