import { existsSync } from 'node:fs'
import { ConnectionProfile } from '../shared/contract/connections'
import { factsOf } from '../shared/engines'
import { AppError } from '../shared/errors'
import type { SchemaModel } from '../shared/schema-model'
import { connectParamsFor } from '../main/services/connections/connect-params'
import { parseConnectionUrl } from '../main/services/connections/url'
import { getDriver, introspectorFor } from '../main/services/engines'
import { finalizeModel } from '../main/services/schema/normalize'

export interface IntrospectUrlOptions {
  /** Schemas (databases on MySQL) to read; default: what the introspector reads by default. */
  schemas?: string[]
  onProgress?: (phase: string, done: number, total: number) => void
}

/**
 * Connects read-only with a URL (the same parser as the app's connection form), introspects, disconnects.
 * Errors are the drivers' AppErrors (AUTH_FAILED, CONNECTION_REFUSED, HOST_NOT_FOUND, …) with clear messages.
 */
export async function introspectUrl(url: string, opts: IntrospectUrlOptions = {}): Promise<SchemaModel> {
  const { password, ...parsed } = parseConnectionUrl(url)
  const profile = ConnectionProfile.parse({ id: 'cli', name: parsed.name || 'cli', ...parsed, readOnly: true })
  const facts = factsOf(profile.dialect)
  if (facts.fileBased && profile.filePath && profile.filePath !== ':memory:' && !existsSync(profile.filePath))
    throw new AppError('NOT_FOUND', `No ${facts.label} database file at ${profile.filePath}.`)
  const params = connectParamsFor(profile, password ?? undefined)
  const session = await getDriver(profile.dialect).connect(params)
  try {
    const raw = await introspectorFor(profile.dialect).introspect(session, { schemas: opts.schemas, onProgress: opts.onProgress })
    return finalizeModel(raw)
  } finally {
    await session.close().catch(() => {})
  }
}
