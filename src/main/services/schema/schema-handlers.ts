import type { schemaCalls } from '../../../shared/contract/schema'
import type { HandlerMap } from '../rpc/handlers'
import type { SchemaService } from './schema-service'

export function createSchemaHandlers(deps: { schema: SchemaService }): HandlerMap<typeof schemaCalls> {
  const { schema } = deps
  return {
    'schema.get': ({ connectionId, refresh }) => schema.get(connectionId, { refresh }),
    'schema.names': ({ connectionId }) => schema.names(connectionId),
    'schema.status': ({ connectionId }) => schema.status(connectionId),
    'schema.ddl': ({ connectionId, schema: schemaName, table }) => schema.tableDdl(connectionId, schemaName, table),
    'schema.objectDdl': async ({ connectionId, ref }) => ({ ddl: await schema.objectDdl(connectionId, ref) })
  }
}
