import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventName } from '../../../shared/contract'
import { getDriver } from '../engines'
import type { DriverSession } from '../drivers/types'
import { openLocalStore, type LocalStore } from '../store/local-store'
import { createSchemaHandlers } from './schema-handlers'
import { SchemaService } from './schema-service'

const SAMPLE = join(import.meta.dirname, '..', '..', '..', '..', 'resources', 'sample.db')

describe('SchemaService on the sample database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qg-schema-svc-'))
  const dbPath = join(dir, 'sample.db')
  let store: LocalStore
  let session: DriverSession
  let service: SchemaService
  const events: { name: EventName; payload: unknown }[] = []

  beforeAll(async () => {
    copyFileSync(SAMPLE, dbPath)
    store = openLocalStore(join(dir, 'store.db'))
    session = await getDriver('sqlite').connect({ dialect: 'sqlite', filePath: dbPath, readOnly: false, connectTimeoutMs: 5000 })
    service = new SchemaService({
      store,
      sessions: { metaSession: async () => session },
      events: { emit: (name, payload) => events.push({ name, payload }) },
      ddlRefreshDelayMs: 10
    })
  })
  afterAll(async () => {
    service.dispose()
    await session.close()
    store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('lists names from the catalog before anything is cached', async () => {
    const names = await service.names('sample')
    expect(names.fromCache).toBe(false)
    expect(names.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['customers', 'orders', 'order_items', 'v_order_summary']))
    expect(service.status('sample').cached).toBe(false)
  })

  it('introspects once, reports progress, and serves the cache afterwards', async () => {
    const first = await service.get('sample')
    expect(first.dialect).toBe('sqlite')
    expect(first.tables.length).toBe(15)
    const progress = events.filter((e) => e.name === 'schema.progress')
    expect(progress.length).toBeGreaterThan(2)
    expect(events.filter((e) => e.name === 'schema.changed')).toEqual([{ name: 'schema.changed', payload: { connectionId: 'sample', fingerprint: first.fingerprint } }])

    const again = await service.get('sample')
    expect(again.introspectedAt).toBe(first.introspectedAt)
    // Parsed once, then served from memory.
    expect(await service.get('sample')).toBe(again)
    expect((await service.names('sample')).fromCache).toBe(true)
    const status = service.status('sample')
    expect(status).toMatchObject({ cached: true, loading: false, fingerprint: first.fingerprint, tableCount: 15 })

    // A restart reads the same model back from the store (written by the cache's worker once the model was returned).
    await service.whenStored('sample')
    const reopened = new SchemaService({ store, sessions: { metaSession: () => Promise.reject(new Error('must not connect')) }, events: { emit: () => {} } })
    expect((await reopened.get('sample')).fingerprint).toBe(first.fingerprint)
  })

  it('a refresh that finds the schema unchanged moves only the cached time, and a restart reads that time', async () => {
    const a = await service.get('sample', { refresh: true })
    await new Promise((resolve) => setTimeout(resolve, 5))
    const b = await service.get('sample', { refresh: true })
    expect(b.fingerprint).toBe(a.fingerprint)
    expect(b.introspectedAt).not.toBe(a.introspectedAt)
    expect(service.status('sample').introspectedAt).toBe(b.introspectedAt)
    await service.whenStored('sample')
    const reopened = new SchemaService({ store, sessions: { metaSession: () => Promise.reject(new Error('must not connect')) }, events: { emit: () => {} } })
    expect(await reopened.get('sample')).toEqual(b)
  })

  it('returns the model before the store has it; a refresh right after compares with it; forget() wins over a write', async () => {
    service.forget('sample')
    events.length = 0
    const a = await service.get('sample', { refresh: true })
    // The status already tells what is being written.
    expect(service.status('sample')).toMatchObject({ cached: true, fingerprint: a.fingerprint, introspectedAt: a.introspectedAt, tableCount: a.tables.length })
    const b = await service.get('sample', { refresh: true })
    expect(b.fingerprint).toBe(a.fingerprint)
    // One change announced (the first), none for the unchanged refresh right after it.
    expect(events.filter((e) => e.name === 'schema.changed')).toHaveLength(1)
    await service.whenStored('sample')
    const reopened = new SchemaService({ store, sessions: { metaSession: () => Promise.reject(new Error('must not connect')) }, events: { emit: () => {} } })
    expect(await reopened.get('sample')).toEqual(b)

    // Forgotten while its write is still running: the row does not come back when the write lands.
    service.forget('sample')
    await service.get('sample', { refresh: true })
    service.forget('sample')
    await service.whenStored('sample')
    expect(service.status('sample').cached).toBe(false)
    const empty = new SchemaService({ store, sessions: { metaSession: () => Promise.reject(new Error('no session')) }, events: { emit: () => {} } })
    await expect(empty.get('sample')).rejects.toThrow('no session')
  })

  it('shares one introspection between concurrent refreshes', async () => {
    const [a, b] = await Promise.all([service.get('sample', { refresh: true }), service.get('sample', { refresh: true })])
    expect(a).toBe(b)
  })

  it('generates DDL through the handlers and reports unknown tables clearly', async () => {
    const handlers = createSchemaHandlers({ schema: service })
    const { ddl } = await handlers['schema.ddl']({ connectionId: 'sample', schema: 'main', table: 'order_items' })
    expect(ddl).toMatch(/^CREATE TABLE order_items \(/)
    expect(ddl).toContain('PRIMARY KEY (order_id, line_no)')
    expect(ddl).toContain('REFERENCES orders (order_id) ON DELETE CASCADE')
    expect(ddl).toContain('CREATE TRIGGER trg_order_items_total')
    await expect(handlers['schema.ddl']({ connectionId: 'sample', schema: 'main', table: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('names the tables a view reads (SQLite keeps the whole CREATE VIEW)', async () => {
    const handlers = createSchemaHandlers({ schema: service })
    const view = await handlers['schema.ddl']({ connectionId: 'sample', schema: 'main', table: 'v_order_summary' })
    expect(view.ddl).toMatch(/^CREATE VIEW/)
    expect(view.reads?.sort()).toEqual(['main.customers', 'main.order_items', 'main.orders', 'main.stores'])
    expect((await handlers['schema.ddl']({ connectionId: 'sample', schema: 'main', table: 'orders' })).reads).toBeUndefined()
  })

  it('refreshes after DDL run from the app and announces the new fingerprint', async () => {
    const before = (await service.get('sample')).fingerprint
    events.length = 0
    const sql = '/* audit */ create table audit_log (id integer primary key, note text)'
    await session.query(sql)
    service.scheduleRefresh('sample')
    await expect.poll(() => events.find((e) => e.name === 'schema.changed'), { timeout: 5000 }).toBeTruthy()
    const after = await service.get('sample')
    expect(after.fingerprint).not.toBe(before)
    expect(after.tables.some((t) => t.name === 'audit_log')).toBe(true)
  })
})
