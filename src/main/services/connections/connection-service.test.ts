import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventName } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { CollectingSink } from '../drivers/collect-sink'
import type { EventSink } from '../rpc/handlers'
import { openLocalStore, type LocalStore } from '../store/local-store'
import { ConnectionService, SAMPLE_CONNECTION_ID } from './connection-service'
import { FileSecretBox } from './secret-box'

const sampleDbPath = resolve('resources/sample.db')

let dir: string
let store: LocalStore
let events: { name: EventName; payload: unknown }[]
let service: ConnectionService

function build(): ConnectionService {
  const sink: EventSink = { emit: (name, payload) => void events.push({ name, payload }) }
  return new ConnectionService({ store, secretBox: FileSecretBox.open(join(dir, 'secret.key')), sampleDbPath, dataDir: dir, events: sink })
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qg-conn-'))
  store = openLocalStore(join(dir, 'store.db'))
  events = []
  service = build()
})
afterEach(async () => {
  await service.closeAll()
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('ConnectionService', () => {
  it('lists the builtin sample database and opens a writable copy of it, never the shipped file', async () => {
    const [sample] = service.list()
    expect(sample).toMatchObject({ id: SAMPLE_CONNECTION_ID, dialect: 'sqlite', builtin: true, name: 'Sample database' })
    expect(sample.filePath).toBe(join(dir, 'sample.db'))
    const before = statSync(sampleDbPath).mtimeMs
    const s = await service.session(SAMPLE_CONNECTION_ID)
    await s.execute('create table scratch(x); insert into scratch values (1)', new CollectingSink())
    await s.close()
    expect(existsSync(join(dir, 'sample.db'))).toBe(true)
    expect(statSync(sampleDbPath).mtimeMs).toBe(before)
  })

  it('stores profiles with the password encrypted: the store files never contain it', async () => {
    const password = 'Sup3r-Secret-Pa55word!'
    const created = service.create({ name: 'prod', dialect: 'postgres', host: 'db.example', database: 'app', user: 'me', password, tag: 'production' } as never)
    expect(created).toMatchObject({ hasPassword: true, readOnly: true, tag: 'production' })
    expect(JSON.stringify(created)).not.toContain(password)
    store.db.pragma('wal_checkpoint(TRUNCATE)')
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).includes(password), f).toBe(false)
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600)

    // survives a restart with the same key file
    await service.closeAll()
    service = build()
    expect(service.get(created.id)).toMatchObject({ name: 'prod', hasPassword: true })

    const updated = await service.update(created.id, { password: null, readOnly: false })
    expect(updated).toMatchObject({ hasPassword: false, readOnly: false })
    const copy = service.duplicate(created.id)
    expect(copy.name).toBe('prod (copy)')
    await service.delete(created.id)
    expect(service.list().map((p) => p.id)).toEqual([SAMPLE_CONNECTION_ID, copy.id])
  })

  it('rejects invalid fields with per-field issues and leaves the store as it was', () => {
    const err = (() => {
      try {
        service.create({ name: '', dialect: 'postgres', port: 70000 } as never)
      } catch (e) {
        return e
      }
    })() as AppError
    expect(err.code).toBe('INVALID_INPUT')
    expect(err.detail?.issues?.map((i) => i.path).sort()).toEqual(['name', 'port'])
    expect(service.list()).toHaveLength(1)
  })

  it('tests unsaved SQLite settings and reports latency and version; reconnects a dropped meta session and says so', async () => {
    const result = await service.test({ profile: { name: 'x', dialect: 'sqlite', filePath: sampleDbPath, readOnly: true } as never })
    expect(result.serverVersion).toMatch(/^SQLite/)
    expect(result.latencyMs).toBeGreaterThanOrEqual(0)

    const meta = await service.metaSession(SAMPLE_CONNECTION_ID)
    expect(await service.metaSession(SAMPLE_CONNECTION_ID)).toBe(meta)
    await meta.close()
    const again = await service.metaSession(SAMPLE_CONNECTION_ID)
    expect(again).not.toBe(meta)
    const statuses = events.filter((e) => e.name === 'connections.status').map((e) => e.payload as { state: string; message?: string })
    expect(statuses.at(-1)).toMatchObject({ state: 'connected', message: expect.stringMatching(/reconnected/i) })
  })
})
