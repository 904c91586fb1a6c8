import { z } from 'zod'
import { SchemaModel, SchemaObjectRef, TableModel } from '../schema-model'
import { call, Id, Name } from './define'

/** Names only: the explorer tree is usable from this before the full model has loaded. */
export const SchemaNames = z.object({
  database: z.string(),
  defaultSchema: z.string(),
  schemas: z.array(z.string()),
  /** `partitionOf` (where the listing knows it) lets the tree nest partitions under their parent before details arrive. */
  tables: z.array(TableModel.pick({ schema: true, name: true, kind: true }).extend({ partitionOf: z.object({ schema: z.string(), table: z.string() }).optional() })),
  /** True when these came from the cached model rather than a fresh catalog query. */
  fromCache: z.boolean()
})
export type SchemaNames = z.infer<typeof SchemaNames>

/** The names listing a full model gives (the cached model's, or one just loaded): `fromCache` as both callers need. */
export function namesOfModel(model: Pick<SchemaModel, 'database' | 'defaultSchema' | 'schemas' | 'tables'>): SchemaNames {
  return {
    database: model.database,
    defaultSchema: model.defaultSchema,
    schemas: model.schemas,
    tables: model.tables.map((t) => ({
      schema: t.schema,
      name: t.name,
      kind: t.kind,
      ...(t.partitionOf && { partitionOf: { schema: t.partitionOf.schema, table: t.partitionOf.table } })
    })),
    fromCache: true
  }
}

export const SchemaStatus = z.object({
  cached: z.boolean(),
  loading: z.boolean(),
  fingerprint: z.string().nullable(),
  introspectedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  tableCount: z.number().nullable()
})
export type SchemaStatus = z.infer<typeof SchemaStatus>

export const schemaCalls = {
  /** Cached model when present, else introspects (refresh: true always re-reads the catalog). */
  'schema.get': call(z.object({ connectionId: Id, refresh: z.boolean().optional() }).strict(), SchemaModel),
  /** Names first: from the cache, or one quick catalog query. */
  'schema.names': call(z.object({ connectionId: Id }).strict(), SchemaNames),
  'schema.status': call(z.object({ connectionId: Id }).strict(), SchemaStatus),
  /** CREATE TABLE (with constraints, indexes, comments) or CREATE VIEW for one object, in the connection's dialect. */
  'schema.ddl': call(
    z.object({ connectionId: Id, schema: Name, table: Name }).strict(),
    z.object({
      ddl: z.string(),
      /**
       * Views only: the tables and views the view's query reads (schema-qualified where the model knows them);
       * null when its query could not be parsed. Absent for tables.
       */
      reads: z.array(z.string()).nullable().optional()
    })
  ),
  /**
   * The source of one routine, trigger, sequence or type from the cached model: the engine's generated DDL, else the
   * definition the model holds; null when neither is available. NOT_FOUND when the model has no such object.
   */
  'schema.objectDdl': call(
    z.object({ connectionId: Id, ref: SchemaObjectRef.extend({ schema: Name, name: Name, table: Name.optional(), signature: z.string().max(10_000).optional() }) }).strict(),
    z.object({ ddl: z.string().nullable() })
  )
}

export const schemaEvents = {
  'schema.progress': z.object({ connectionId: Id, phase: z.string(), done: z.number(), total: z.number() }),
  /** A refresh found a different catalog (or the first model was loaded); reload what depends on it. */
  'schema.changed': z.object({ connectionId: Id, fingerprint: z.string() })
}
