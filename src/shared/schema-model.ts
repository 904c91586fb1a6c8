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
  /** An explicit collation that differs from the table's/database's default, as the engine names it. */
  collation: z.string().nullable().optional(),
  /** MariaDB/MySQL `ON UPDATE current_timestamp()`. */
  onUpdate: z.string().nullable().optional(),
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
  onUpdate: z.string().optional(),
  deferrable: z.boolean().optional(),
  initiallyDeferred: z.boolean().optional(),
  /** PostgreSQL: defined on a partition (or inherited from the parent); the parent lists it once. */
  inheritedFrom: z.string().optional()
})
export type ForeignKeyModel = z.infer<typeof ForeignKeyModel>

/**
 * Indexes that back a primary key or unique constraint are not listed here (they appear as primaryKey /
 * constraints); entries of `columns` are column names, optionally with ` DESC` or a MySQL prefix length `(n)`,
 * or an expression as the engine prints it. A key with a collation or operator class other than the default is
 * printed as the engine prints it (`name COLLATE "de-x-icu"`), so two indexes differing only there differ here.
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
  kind: z.enum(['unique', 'check', 'exclusion']),
  columns: z.array(z.string()).optional(),
  /** A check's condition, or an exclusion constraint's full definition as the engine prints it. */
  expression: z.string().optional(),
  deferrable: z.boolean().optional(),
  initiallyDeferred: z.boolean().optional()
})
export type ConstraintModel = z.infer<typeof ConstraintModel>

export const TriggerModel = z.object({
  name: z.string(),
  timing: z.string().optional(),
  events: z.array(z.string()).optional(),
  /** The complete statement that creates the trigger, as the engine prints it (body included where the body is inline). */
  definition: z.string().optional(),
  /** PostgreSQL: the function the trigger executes (its body is in `routines`). */
  function: z.string().optional(),
  enabled: z.boolean().optional()
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
  triggers: z.array(TriggerModel).default([]),
  /** A partitioned table: how rows are routed, and its partitions by name (each is a table with `partitionOf`). */
  partitioning: z
    .object({
      strategy: z.string(),
      key: z.string(),
      partitions: z.array(z.string()).default([]),
      /** Bounds of partitions that are not tables of their own (MariaDB/MySQL): `p2024` → `VALUES LESS THAN (2025)`. */
      bounds: z.record(z.string(), z.string()).optional(),
      /** MariaDB/MySQL subpartitioning: method with expression, and the count per partition. */
      subpartitionBy: z.string().optional(),
      subpartitions: z.number().int().optional()
    })
    .optional(),
  /** A partition: its parent and bound as the engine prints it (`FOR VALUES FROM (…) TO (…)`, `DEFAULT`, MySQL's `VALUES LESS THAN (…)`). */
  partitionOf: z.object({ schema: z.string(), table: z.string(), bound: z.string() }).optional(),
  /**
   * Table options that change what the table is, by engine: MariaDB/MySQL `engine`, `charset`, `collation`,
   * `auto_increment` is left out (data, not schema); SQLite `without_rowid`, `strict`; PostgreSQL `tablespace`,
   * `unlogged`, storage parameters as `with`.
   */
  options: z.record(z.string(), z.string()).optional()
})
export type TableModel = z.infer<typeof TableModel>

export const RoutineModel = z.object({
  schema: z.string(),
  name: z.string(),
  kind: z.enum(['function', 'procedure', 'aggregate', 'macro']),
  signature: z.string(),
  returns: z.string().nullable().optional(),
  language: z.string().optional(),
  /** The complete statement that creates the routine, as the engine prints it (body included). */
  definition: z.string().optional(),
  comment: z.string().nullable().optional()
})
export type RoutineModel = z.infer<typeof RoutineModel>

export const SequenceModel = z.object({
  schema: z.string(),
  name: z.string(),
  dataType: z.string().optional(),
  start: z.string().optional(),
  increment: z.string().optional(),
  min: z.string().optional(),
  max: z.string().optional(),
  cache: z.string().optional(),
  cycle: z.boolean().optional(),
  /** `table.column` that owns the sequence (serial and identity columns). */
  ownedBy: z.string().nullable().optional()
})
export type SequenceModel = z.infer<typeof SequenceModel>
export const EnumModel = z.object({ schema: z.string(), name: z.string(), values: z.array(z.string()) })
export type EnumModel = z.infer<typeof EnumModel>
export const DomainModel = z.object({
  schema: z.string(),
  name: z.string(),
  baseType: z.string(),
  /** The first CHECK (kept for readers of older models); every check is in `checks`. */
  check: z.string().nullable().optional(),
  checks: z.array(z.object({ name: z.string(), expression: z.string() })).optional(),
  nullable: z.boolean().optional(),
  default: z.string().nullable().optional(),
  collation: z.string().nullable().optional()
})
export type DomainModel = z.infer<typeof DomainModel>
export const CompositeTypeModel = z.object({
  schema: z.string(),
  name: z.string(),
  attributes: z.array(z.object({ name: z.string(), type: z.string(), collation: z.string().nullable().optional() }))
})
export type CompositeTypeModel = z.infer<typeof CompositeTypeModel>

/** An object the introspector could not read (a view using a missing function…): named, so the rest still shows. */
export const ObjectError = z.object({ kind: z.string(), schema: z.string(), name: z.string(), message: z.string() })
export type ObjectError = z.infer<typeof ObjectError>

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
  types: z.array(CompositeTypeModel).optional(),
  errors: z.array(ObjectError).optional(),
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

/** A schema-level object other than a table or view, by kind and name (a trigger also names its table). */
export const SchemaObjectRef = z.object({
  kind: z.enum(['routine', 'trigger', 'sequence', 'enum', 'domain', 'type']),
  schema: z.string(),
  name: z.string(),
  /** Triggers: the table they belong to. Routines: the signature, to tell overloads apart. */
  table: z.string().optional(),
  signature: z.string().optional()
})
export type SchemaObjectRef = z.infer<typeof SchemaObjectRef>
