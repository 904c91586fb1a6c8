import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exec, paramsFromUrl, uniqueName } from '../../../../test/conformance/engines'
import { startEmbeddedPostgres } from '../../../../test/databases'
import { freePort } from '../../../../test/support/free-port'
import type { ConnectionInput } from '../../../shared/contract/connections'
import { AppError } from '../../../shared/errors'
import { getDriver } from '../engines'
import type { EventSink } from '../rpc/handlers'
import { openLocalStore, type LocalStore } from '../store/local-store'
import { ConnectionService } from './connection-service'
import { FileSecretBox } from './secret-box'
import { parseConnectionUrl } from './url'

let dir: string
let store: LocalStore
let service: ConnectionService
const statuses: { id: string; state: string; message?: string }[] = []

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qg-conn-err-'))
  store = openLocalStore(join(dir, 'store.db'))
  const events: EventSink = { emit: (name, payload) => void (name === 'connections.status' && statuses.push(payload as never)) }
  service = new ConnectionService({ store, secretBox: FileSecretBox.open(join(dir, 'secret.key')), sampleDbPath: '/nonexistent', dataDir: dir, events })
})
afterAll(async () => {
  await service.closeAll()
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err
  )
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

const input = (over: Partial<ConnectionInput>): ConnectionInput => ({ name: 'x', dialect: 'postgres', host: '127.0.0.1', connectTimeoutMs: 1500, ...over }) as ConnectionInput

describe.each(['postgres', 'mysql', 'mssql'] as const)('%s: bad input gets a clear message', (dialect) => {
  let silent: Server
  let silentPort: number
  const sockets: Socket[] = []
  beforeAll(async () => {
    silentPort = await freePort()
    silent = createServer((s) => void sockets.push(s)).listen(silentPort, '127.0.0.1')
  })
  afterAll(() => {
    sockets.forEach((s) => s.destroy())
    silent.close()
  })

  it('unknown host', async () => {
    const err = await failure(service.test({ profile: input({ dialect, host: 'no-such-host.invalid', port: 5432 }) }))
    expect(err.code).toBe('HOST_NOT_FOUND')
    expect(err.message).toContain('no-such-host.invalid')
  })

  it('refused port', async () => {
    const err = await failure(service.test({ profile: input({ dialect, port: await freePort() }) }))
    expect(err.code).toBe('CONNECTION_REFUSED')
  })

  it('timeout within the configured connect timeout', async () => {
    const started = Date.now()
    const err = await failure(service.test({ profile: input({ dialect, port: silentPort, connectTimeoutMs: 1000 }) }))
    expect(err.code).toBe('TIMEOUT')
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('bad SSL file', async () => {
    const notPem = join(dir, 'not-a-cert.txt')
    writeFileSync(notPem, 'hello')
    let err = await failure(service.test({ profile: input({ dialect, port: 1, ssl: { mode: 'verify-full', caPath: join(dir, 'missing-ca.pem') } }) }))
    expect(err.code).toBe('SSL_ERROR')
    expect(err.message).toMatch(/missing-ca\.pem: file not found/)
    err = await failure(service.test({ profile: input({ dialect, port: 1, ssl: { mode: 'verify-ca', caPath: notPem } }) }))
    expect(err.code).toBe('SSL_ERROR')
    expect(err.message).toMatch(/not a PEM file/)
  })
})

describe.skipIf(!process.env.MYSQL_URL)('MariaDB/MySQL wrong password', () => {
  const user = uniqueName('u')
  const password = 'Right-Pa55-' + user
  beforeAll(async () => {
    const admin = await getDriver('mysql').connect(paramsFromUrl(process.env.MYSQL_URL!))
    await exec(admin, `create user '${user}'@'%' identified by '${password}'; create user '${user}'@'localhost' identified by '${password}'`)
    await admin.close()
  })
  afterAll(async () => {
    const admin = await getDriver('mysql').connect(paramsFromUrl(process.env.MYSQL_URL!))
    await exec(admin, `drop user '${user}'@'%'; drop user '${user}'@'localhost'`)
    await admin.close()
  })

  it('says "authentication failed" and never echoes the password; the right one works', async () => {
    const base = { ...parseConnectionUrl(process.env.MYSQL_URL!), database: '' } as ConnectionInput
    const wrong = 'Wrong-Pa55-zzz'
    const err = await failure(service.test({ profile: { ...base, user, password: wrong } }))
    expect(err.code).toBe('AUTH_FAILED')
    expect(err.message).toMatch(/authentication failed/i)
    expect(JSON.stringify(err.toShape())).not.toContain(wrong)
    const ok = await service.test({ profile: { ...base, user, password } })
    expect(ok.serverVersion).toMatch(/MariaDB|MySQL/)
  })
})

describe('PostgreSQL with password authentication (embedded server)', () => {
  let stop: () => Promise<void>
  let port: number
  beforeAll(async () => {
    const pg = await startEmbeddedPostgres({ password: 'Correct-Horse-9' })
    port = pg.port
    stop = pg.stop
  }, 60_000)
  afterAll(async () => stop?.())

  it('wrong password: AUTH_FAILED saying "authentication failed", nothing saved, no secret in the message', async () => {
    const before = service.list().length
    const err = await failure(service.test({ profile: input({ port, user: 'postgres', password: 'nope-nope-nope', database: 'postgres' }) }))
    expect(err.code).toBe('AUTH_FAILED')
    expect(err.message).toMatch(/authentication failed/i)
    expect(err.message).not.toContain('nope-nope-nope')
    expect(service.list().length).toBe(before)
  })

  it('a saved profile keeps its password encrypted; test reports latency and version; a dropped session reconnects and says so', async () => {
    const profile = service.create(input({ name: 'epg', port, user: 'postgres', password: 'Correct-Horse-9', database: 'postgres' }))
    expect(profile.hasPassword).toBe(true)
    store.db.pragma('wal_checkpoint(TRUNCATE)')
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).includes('Correct-Horse-9'), f).toBe(false)

    const t = await service.test({ id: profile.id })
    expect(t.serverVersion).toMatch(/PostgreSQL \d+/)
    expect(t.latencyMs).toBeGreaterThan(0)

    const meta = await service.metaSession(profile.id)
    const pid = (await meta.query('select pg_backend_pid()')).rows[0][0]
    const killer = await service.session(profile.id)
    await killer.query('select pg_terminate_backend($1)', [pid])
    await killer.close()
    await new Promise((r) => setTimeout(r, 200))
    const err = await failure(meta.query('select 1'))
    expect(err.code).toBe('CONNECTION_LOST')
    const again = await service.metaSession(profile.id)
    expect((await again.query('select 1 as one')).rows).toEqual([[1]])
    expect(statuses.filter((s) => s.id === profile.id).at(-1)).toMatchObject({ state: 'connected', message: expect.stringMatching(/reconnected/i) })
  })
})
