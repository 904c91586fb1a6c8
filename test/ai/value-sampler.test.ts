import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventName } from '../../src/shared/contract'
import type { SchemaModel } from '../../src/shared/schema-model'
import type { AppServices } from '../../src/main/services/app-services'
import { getDriver } from '../../src/main/services/engines'
import type { Dispatch } from '../../src/main/services/rpc/dispatcher'
import { sampleValues, sampleableColumns } from '../../src/main/services/ai/retrieval/value-sampler'
import { createTestApp, REPO_ROOT } from '../app-harness'
import { exec } from '../conformance/engines'
import { dispatchValue } from '../support/dispatch-value'
import { modelOfSession } from '../support/model-of-session'
import { seededEngines, type SeededEngine, type SeededEngineId } from '../support/seeded-engines'
import { recording } from '../support/recording-session'

/** 300 customers: a low-cardinality city and status, a unique name (high cardinality), and columns never to be read. */
function seedRows(): string[] {
  const rows: string[] = []
  for (let i = 1; i <= 300; i++) {
    const city = i <= 150 ? 'Berlin' : i <= 250 ? 'Paris' : 'Lyon'
    rows.push(`(${i}, 'Customer ${i}', '${city}', 'hunter${i % 3}', 'call back', '${i % 3 === 0 ? 'blocked' : 'active'}')`)
  }
  return rows
}
const insertCustomers = (table: string) => `insert into ${table} (id, name, city, password, notes, status) values ${seedRows().join(', ')}`
const insertOrders = (table: string) => `insert into ${table} (id, state, total) values (1, 'shipped', 10), (2, 'shipped', 20), (3, 'shipped', 5), (4, 'pending', 5), (5, 'pending', 5), (6, 'Zürich depot', 1)`

/** The seeded tables, as each engine writes an enum (PostgreSQL and DuckDB have a type of their own for it). */
function script(engine: SeededEngineId, prefix: string): string {
  const enumType = engine === 'postgres' ? `${prefix}customer_status` : engine === 'duckdb' ? 'customer_status' : engine === 'mysql' ? "enum('active', 'blocked')" : 'text'
  const createEnum = engine === 'postgres' || engine === 'duckdb' ? `create type ${enumType} as enum ('active', 'blocked');` : ''
  const text = engine === 'mysql' ? 'varchar(60)' : engine === 'duckdb' ? 'varchar' : 'text'
  return `${createEnum}
    create table ${prefix}customers (id int primary key, name ${text}, city varchar(40), password ${text}, notes ${engine === 'mysql' ? 'text' : text}, status ${enumType});
    create table ${prefix}orders (id int primary key, state ${engine === 'duckdb' ? 'varchar' : 'char(12)'}, total int);
    create view ${prefix}big_customers as select * from ${prefix}customers;
    ${insertCustomers(`${prefix}customers`)}; ${insertOrders(`${prefix}orders`)}`
}
const engineCases = seededEngines('values', script)

const modelOf = modelOfSession

const byKey = (entries: { tableKey: string; column: string; values: string[] }[]) =>
  Object.fromEntries(entries.map((e) => [`${e.tableKey.split('.').at(-1)}.${e.column}`, e.values.map((v) => v.trim())]))

for (const engine of engineCases) {
  describe.skipIf(!!engine.skip)(`value sampler on ${engine.label}`, () => {
    let setup: Awaited<ReturnType<SeededEngine['setup']>>
    beforeAll(async () => {
      setup = await engine.setup()
    }, 60_000)
    afterAll(async () => setup?.teardown())

    for (const readOnly of [false, true]) {
      it(`reads the distinct values of low-cardinality text columns, most frequent first, with reads only${readOnly ? ' (read-only connection)' : ''}`, async () => {
        const raw = await getDriver(setup.params.dialect).connect({ ...setup.params, readOnly })
        try {
          const model = await modelOf(raw, setup.schema)
          expect(model.tables.map((t) => t.name).sort()).toEqual(['big_customers', 'customers', 'orders'])
          // no password, notes (free text) or view columns are even read
          expect(sampleableColumns(model).map((c) => `${c.table.name}.${c.column}`).sort()).toEqual(['customers.city', 'customers.name', 'customers.status', 'orders.state'])
          const rec = recording(raw)
          const progress: [number, number][] = []
          const result = await sampleValues(rec.session, model, { onProgress: (d, t) => progress.push([d, t]) })
          expect(byKey(result.entries)).toEqual({
            'customers.city': ['Berlin', 'Paris', 'Lyon'],
            'customers.status': ['active', 'blocked'],
            'orders.state': ['shipped', 'pending', 'Zürich depot']
          })
          // the unique name column has 300 values: not low-cardinality, skipped
          expect(result).toMatchObject({ columns: 3, highCardinality: 1, failed: 0 })
          expect(progress.at(0)).toEqual([0, 4])
          expect(progress.at(-1)).toEqual([4, 4])
          expect(rec.statements).toBe(4)
          expect(new Set(rec.kinds)).toEqual(new Set(['read']))
          const count = await raw.query(`select count(*) from ${model.tables.find((t) => t.name === 'customers')!.schema === 'main' ? 'customers' : `${setup.schema}.customers`}`)
          expect(Number(count.rows[0]![0])).toBe(300)
        } finally {
          await raw.close()
        }
      }, 60_000)
    }

    it('stops at once when aborted, and a column whose query fails is skipped, not fatal', async () => {
      const session = await getDriver(setup.params.dialect).connect(setup.params)
      try {
        const model = await modelOf(session, setup.schema)
        const ac = new AbortController()
        ac.abort()
        await expect(sampleValues(session, model, { signal: ac.signal })).rejects.toThrow()
        const broken: SchemaModel = { ...model, tables: [...model.tables, { ...model.tables.find((t) => t.name === 'orders')!, name: 'no_such_table' }] }
        const result = await sampleValues(session, broken, {})
        expect(result.failed).toBe(1)
        expect(result.columns).toBe(3)
      } finally {
        await session.close()
      }
    }, 60_000)
  })
  if (engine.id === 'postgres')
    describe.skipIf(!!engine.skip)('a table that does not answer', () => {
      it('is given up after the per-column timeout while the other tables are still read', async () => {
        const setup = await engine.setup()
        const locker = await getDriver('postgres').connect(setup.params)
        const session = await getDriver('postgres').connect({ ...setup.params, readOnly: true })
        try {
          // another session holds the table exclusively: a read of it waits until cancelled
          const model = await modelOf(session, setup.schema)
          await exec(locker, `begin; lock table ${setup.schema}.customers in access exclusive mode`)
          const started = Date.now()
          const result = await sampleValues(session, model, { columnTimeoutMs: 300 })
          expect(Date.now() - started).toBeLessThan(10_000)
          expect(result).toMatchObject({ failed: 3, columns: 1 })
          expect(byKey(result.entries)).toEqual({ 'orders.state': ['shipped', 'pending', 'Zürich depot'] })
        } finally {
          await exec(locker, 'rollback')
          await locker.close()
          await session.close()
          await setup.teardown()
        }
      }, 60_000)
    })
  if (engine.skip) console.log(`[value-sampler] ${engine.label}: ${engine.skip}, skipped`)
}

describe('ai.values.* through the app (the sample database)', () => {
  let services: AppServices
  let dispatch: Dispatch
  let dataDir: string
  const events: { name: EventName; payload: any }[] = []
  beforeAll(async () => {
    ;({ services, dispatch, dataDir } = await createTestApp())
    services.events.subscribe((name, payload) => events.push({ name, payload }))
  })
  afterAll(async () => services.close())

  const value = <T,>(call: string, input: unknown): Promise<T> => dispatchValue<T>(dispatch, call, input)
  async function settled(connectionId: string): Promise<any> {
    for (let i = 0; i < 600; i++) {
      const status = await value<any>('ai.values.status', { connectionId })
      if (!status.sampling) return status
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('sampling did not finish')
  }

  it('is off by default; turning it on samples in the background with progress, and status shows the counts', async () => {
    const file = join(dataDir, 'copy.db')
    copyFileSync(join(REPO_ROOT, 'resources/sample.db'), file)
    // a read-only connection: sampling only reads
    const { id } = await value<{ id: string }>('connections.create', { name: 'Copy', dialect: 'sqlite', filePath: file, readOnly: true })
    expect(await value('ai.values.status', { connectionId: id })).toMatchObject({ enabled: false, values: 0, columns: 0, sampling: null, error: null })
    await expect(value('ai.values.rebuild', { connectionId: id })).rejects.toThrow(/INVALID_INPUT/)

    await value('ai.values.setEnabled', { connectionId: id, enabled: true })
    const status = await settled(id)
    expect(status).toMatchObject({ enabled: true, error: null, maxPerColumn: 200 })
    expect(status.columns).toBeGreaterThan(0)
    expect(status.values).toBeGreaterThan(0)
    expect(status.updatedAt).not.toBeNull()
    const progress = events.filter((e) => e.name === 'ai.values.progress' && e.payload.connectionId === id).map((e) => e.payload)
    expect(progress.some((p) => p.phase === 'sampling')).toBe(true)
    expect(progress.at(-1)).toMatchObject({ phase: 'done' })

    expect((await value<any>('ai.values.rebuild', { connectionId: id })).sampling).not.toBeNull()
    expect((await settled(id)).values).toBe(status.values)
    expect(await value('ai.values.clear', { connectionId: id })).toMatchObject({ enabled: true, values: 0, columns: 0 })
    await value('ai.values.rebuild', { connectionId: id })
    expect((await settled(id)).values).toBe(status.values)
    expect(await value('ai.values.setEnabled', { connectionId: id, enabled: false })).toMatchObject({ enabled: false, values: 0, sampling: null })

    // turned off while sampling: nothing is written
    await value('ai.values.setEnabled', { connectionId: id, enabled: true })
    expect(await value('ai.values.setEnabled', { connectionId: id, enabled: false })).toMatchObject({ enabled: false, sampling: null })
    await new Promise((r) => setTimeout(r, 300))
    expect(await settled(id)).toMatchObject({ enabled: false, values: 0 })
    expect((services.store.db.prepare('select count(*) as n from ai_values').get() as { n: number }).n).toBe(0)

    // a changed profile may point at another database: its values are read again
    await value('ai.values.setEnabled', { connectionId: id, enabled: true })
    await settled(id)
    const before = (services.store.db.prepare('select conn from ai_value_meta where connection_id = ?').get(id) as { conn: number }).conn
    await value('connections.update', { id, patch: { name: 'Copy, renamed' } })
    const after = await settled(id)
    expect(after).toMatchObject({ enabled: true, values: status.values })
    expect((services.store.db.prepare('select conn from ai_value_meta where connection_id = ?').get(id) as { conn: number }).conn).not.toBe(before)

    // deleting the connection leaves nothing of its values behind
    await value('connections.delete', { id })
    for (const table of ['ai_value_meta', 'ai_value_sets', 'ai_values', 'ai_value_words', 'ai_value_df', 'ai_value_columns'])
      expect((services.store.db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n).toBe(0)
  }, 60_000)

  it('parses inputs with the contract: a bad call is INVALID_INPUT, an unknown connection NOT_FOUND', async () => {
    expect(await dispatch('ai.values.setEnabled', { connectionId: 'sample', enabled: 'yes' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await dispatch('ai.values.setEnabled', { connectionId: 'nope', enabled: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
