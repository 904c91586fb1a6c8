import { z } from 'zod'
import { Dialect } from './cells'

/** The one normalized schema model. Completion, explorer, ERD, AI retrieval and docs all read this. */

export const ColumnModel = z.object({
  name: z.string(),
  type: z.string(),
  nullable: z.boolean(),
  default: z.string().nullable().optional(),
  identity: z.boolean().optional(),
  /** PostgreSQL identity columns: GENERATED ALWAYS vs BY DEFAULT. */
  identityGeneration: z.enum(['always', 'by_default']).optional(),
  /** The generation expression of a computed column. */
  generated: z.string().nullable().optional(),
  generatedKind: z.enum(['stored', 'virtual']).optional(),
  comment: z.string().nullable().optional()
})
export type ColumnModel = z.infer<typeof ColumnModel>

export const ForeignKeyModel = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  refSchema: z.string(),
  refTable: z.string(),
  refColumns: z.array(z.string()),
  onDelete: z.string().optional(),
  onUpdate: z.string().optional()
})
export type ForeignKeyModel = z.infer<typeof ForeignKeyModel>

/**
 * Indexes that back a primary key or unique constraint are not listed here (they appear as primaryKey /
 * constraints); entries of `columns` are column names, optionally with ` DESC` or a MySQL prefix length `(n)`,
 * or an expression as the engine prints it.
 */
export const IndexModel = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  unique: z.boolean(),
  primary: z.boolean().optional(),
  method: z.string().optional(),
  predicate: z.string().nullable().optional()
})
export type IndexModel = z.infer<typeof IndexModel>

export const ConstraintModel = z.object({
  name: z.string(),
  kind: z.enum(['unique', 'check']),
  columns: z.array(z.string()).optional(),
  expression: z.string().optional()
})
export type ConstraintModel = z.infer<typeof ConstraintModel>

export const TriggerModel = z.object({
  name: z.string(),
  timing: z.string().optional(),
  events: z.array(z.string()).optional(),
  definition: z.string().optional()
})
export type TriggerModel = z.infer<typeof TriggerModel>

export const TableModel = z.object({
  schema: z.string(),
  name: z.string(),
  kind: z.enum(['table', 'view', 'materialized_view']),
  comment: z.string().nullable().optional(),
  definition: z.string().nullable().optional(),
  rowEstimate: z.number().nullable().optional(),
  columns: z.array(ColumnModel),
  primaryKey: z.object({ name: z.string().optional(), columns: z.array(z.string()) }).nullable().optional(),
  foreignKeys: z.array(ForeignKeyModel).default([]),
  indexes: z.array(IndexModel).default([]),
  constraints: z.array(ConstraintModel).default([]),
  triggers: z.array(TriggerModel).default([])
})
export type TableModel = z.infer<typeof TableModel>

export const RoutineModel = z.object({
  schema: z.string(),
  name: z.string(),
  kind: z.enum(['function', 'procedure']),
  signature: z.string(),
  returns: z.string().nullable().optional()
})
export type RoutineModel = z.infer<typeof RoutineModel>

export const SequenceModel = z.object({ schema: z.string(), name: z.string(), dataType: z.string().optional() })
export type SequenceModel = z.infer<typeof SequenceModel>
export const EnumModel = z.object({ schema: z.string(), name: z.string(), values: z.array(z.string()) })
export type EnumModel = z.infer<typeof EnumModel>
export const DomainModel = z.object({ schema: z.string(), name: z.string(), baseType: z.string(), check: z.string().nullable().optional() })
export type DomainModel = z.infer<typeof DomainModel>

export const SchemaModel = z.object({
  dialect: Dialect,
  database: z.string(),
  defaultSchema: z.string(),
  schemas: z.array(z.string()),
  tables: z.array(TableModel),
  routines: z.array(RoutineModel).default([]),
  sequences: z.array(SequenceModel).default([]),
  enums: z.array(EnumModel).default([]),
  domains: z.array(DomainModel).default([]),
  /** Stable hash of the catalog content; equal fingerprints mean nothing changed. */
  fingerprint: z.string(),
  introspectedAt: z.string()
})
export type SchemaModel = z.infer<typeof SchemaModel>

export function qualifiedName(t: { schema: string; name: string }): string {
  return t.schema ? `${t.schema}.${t.name}` : t.name
}

export function primaryKeyColumns(t: Pick<TableModel, 'primaryKey'>): Set<string> {
  return new Set(t.primaryKey?.columns ?? [])
}

/** Columns that take part in any of the table's foreign keys. */
export function foreignKeyColumns(t: Pick<TableModel, 'foreignKeys'>): Set<string> {
  return new Set(t.foreignKeys.flatMap((fk) => fk.columns))
}
