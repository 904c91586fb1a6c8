import { SchemaService } from '../../src/main/services/schema/schema-service'
import { openLocalStore } from '../../src/main/services/store/local-store'
import type { DriverSession } from '../../src/main/services/drivers/types'
import type { SchemaModel } from '../../src/shared/schema-model'

/** The session's model, as the app introspects it, reduced to the test's schema (the server may hold others). */
export async function modelOfSession(session: DriverSession, schema: string): Promise<SchemaModel> {
  const store = openLocalStore(':memory:')
  try {
    const service = new SchemaService({ store, sessions: { metaSession: async () => session }, events: { emit: () => {} } })
    const model = await service.get('test')
    service.dispose()
    return { ...model, tables: model.tables.filter((t) => t.schema === schema) }
  } finally {
    store.close()
  }
}
