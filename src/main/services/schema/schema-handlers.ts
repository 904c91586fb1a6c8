import type { schemaCalls } from '../../../shared/contract/schema'
import type { HandlerMap } from '../rpc/handlers'
import type { SchemaService } from './schema-service'

export function createSchemaHandlers(deps: { schema: SchemaService }): HandlerMap<typeof schemaCalls> {
  const { schema } = deps
  return {
    'schema.get': ({ connectionId, refresh }) => schema.get(connectionId, { refresh }),
    'schema.names': ({ connectionId }) => schema.names(connectionId),
    'schema.status': ({ connectionId }) => schema.status(connectionId),
    'schema.ddl': async ({ connectionId, schema: schemaName, table }) => ({ ddl: await schema.ddl(connectionId, schemaName, table) })
  }
}
