import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { introspectorFor } from '../../src/main/services/engines'
import { finalizeModel } from '../../src/main/services/schema/normalize'
import { SAMPLE_DB_PATH } from '../../scripts/generate-sample-db'
import { SchemaModel } from '../../src/shared/schema-model'
import { sqliteSession } from '../schema/catalog-sessions'
import { FIXTURE_DIR } from '../schema/fixtures'

/** The bundled sample database's real model (SQLite). */
export async function sampleModel(): Promise<SchemaModel> {
  const session = sqliteSession(SAMPLE_DB_PATH)
  try {
    return finalizeModel(await introspectorFor('sqlite').introspect(session))
  } finally {
    await session.close()
  }
}

/** The PostgreSQL conformance model, its objects living in schema `shop` while the session's default is `public`. */
export function postgresShopModel(): SchemaModel {
  const text = readFileSync(join(FIXTURE_DIR, 'expected', 'postgres.json'), 'utf8').split('$schema').join('shop')
  return SchemaModel.parse({ ...JSON.parse(text), database: 'test', defaultSchema: 'public', schemas: ['public', 'shop'], fingerprint: 'x', introspectedAt: new Date(0).toISOString() })
}
