import { z } from 'zod'
import { SchemaModel } from '../schema-model'
import { call, Id } from './define'

export const schemaCalls = {
  /** Cached model when fresh, else introspects. */
  'schema.get': call(z.object({ connectionId: Id, refresh: z.boolean().optional() }).strict(), SchemaModel),
  'schema.ddl': call(z.object({ connectionId: Id, schema: z.string(), table: z.string() }).strict(), z.object({ ddl: z.string() }))
}

export const schemaEvents = {
  'schema.progress': z.object({ connectionId: Id, phase: z.string(), done: z.number(), total: z.number() })
}
