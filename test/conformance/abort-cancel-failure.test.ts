import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDriver } from '../../src/main/services/engines'
import { CollectingSink } from '../../src/main/services/drivers/collect-sink'
import type { ConnectParams, DriverSession } from '../../src/main/services/drivers/types'
import { exec, paramsFromUrl, uniqueName } from './engines'

/**
 * An abort signal cancels through a second connection. When that connection cannot be opened (here: a user limited
 * to one connection), the failed cancel must not become an unhandled rejection (in Electron's main process it would
 * be logged as a crash); the statement simply runs to its end.
 */
const servers = [
  {
    dialect: 'postgres' as const,
    url: process.env.PG_URL,
    sleep: 'select pg_sleep(1.5) as slept',
    createUser: (name: string) => `create role ${name} login connection limit 1`,
    dropUser: (name: string) => `drop role if exists ${name}`
  },
  {
    dialect: 'mysql' as const,
    url: process.env.MYSQL_URL,
    sleep: 'select sleep(1.5) as slept',
    createUser: (name: string) => `create user '${name}'@'%' with max_user_connections 1`,
    dropUser: (name: string) => `drop user if exists '${name}'@'%'`
  }
]

const unhandled: unknown[] = []
const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
beforeAll(() => void process.on('unhandledRejection', onUnhandled))
afterAll(() => void process.off('unhandledRejection', onUnhandled))

for (const server of servers) {
  if (!server.url) console.log(`[abort-cancel-failure] ${server.dialect}: SKIPPED (no URL in env)`)

  describe.skipIf(!server.url)(`abort with a failing cancel: ${server.dialect}`, () => {
    const user = uniqueName('cancel')
    let admin: DriverSession
    // one session for both tests: the user may hold only one connection, and a closed one can count for a moment longer
    let s: DriverSession

    beforeAll(async () => {
      admin = await getDriver(server.dialect).connect(paramsFromUrl(server.url!))
      await exec(admin, server.createUser(user))
      const params: ConnectParams = { ...paramsFromUrl(server.url!), user, password: undefined, database: server.dialect === 'mysql' ? undefined : paramsFromUrl(server.url!).database }
      s = await getDriver(server.dialect).connect(params)
    })
    afterAll(async () => {
      await s?.close()
      await exec(admin, server.dropUser(user))
      await admin.close()
    })

    it('cannot cancel over a second connection (the precondition of this suite)', async () => {
      const running = s.execute(server.sleep, new CollectingSink())
      await new Promise((r) => setTimeout(r, 200))
      await expect(s.cancel()).rejects.toThrow()
      await running
    })

    it('an abort whose cancel fails leaves no unhandled rejection, and the statement completes', async () => {
      const abort = new AbortController()
      const sink = new CollectingSink()
      const running = s.execute(server.sleep, sink, { signal: abort.signal })
      setTimeout(() => abort.abort(), 200)
      await running
      await new Promise((r) => setTimeout(r, 50)) // let Node report unhandled rejections
      expect(unhandled).toEqual([])
      expect(sink.results.map((r) => r.columns.map((c) => c.name))).toEqual([['slept']])
    })
  })
}
