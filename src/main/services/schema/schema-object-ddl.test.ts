import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exec, paramsFromUrl, uniqueName } from '../../../../test/conformance/engines'
import type { DriverSession } from '../drivers/types'
import { getDriver } from '../engines'
import { openLocalStore, type LocalStore } from '../store/local-store'
import { createSchemaHandlers } from './schema-handlers'
import { SchemaService } from './schema-service'

const PG_URL = process.env.PG_URL

describe.skipIf(!PG_URL)('schema.objectDdl and view reads on PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qg-objddl-'))
  const schema = uniqueName('objddl')
  let store: LocalStore
  let session: DriverSession
  let handlers: ReturnType<typeof createSchemaHandlers>
  let service: SchemaService

  beforeAll(async () => {
    session = await getDriver('postgres').connect(paramsFromUrl(PG_URL!))
    await exec(
      session,
      `create schema ${schema};
       create table ${schema}.customers (id int primary key, name text);
       create table ${schema}.orders (id int primary key, customer_id int references ${schema}.customers (id), total numeric);
       create view ${schema}.v_order_names as select o.id, c.name from ${schema}.orders o join ${schema}.customers c on c.id = o.customer_id;
       create function ${schema}.order_total(p_id int) returns numeric language sql stable as $$ select total from ${schema}.orders where id = p_id $$;
       create sequence ${schema}.invoice_seq as bigint start with 1000 increment by 5;`
    )
    store = openLocalStore(join(dir, 'store.db'))
    service = new SchemaService({ store, sessions: { metaSession: async () => session }, events: { emit: () => {} } })
    handlers = createSchemaHandlers({ schema: service })
  })
  afterAll(async () => {
    service?.dispose()
    if (session) {
      await exec(session, `drop schema if exists ${schema} cascade`).catch(() => {})
      await session.close()
    }
    store?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('returns a function’s source with its body', async () => {
    const model = await service.get('pg')
    const routine = model.routines.find((r) => r.schema === schema && r.name === 'order_total')
    expect(routine).toBeTruthy()
    const { ddl } = await handlers['schema.objectDdl']({ connectionId: 'pg', ref: { kind: 'routine', schema, name: 'order_total', signature: routine!.signature } })
    expect(ddl).toMatch(/CREATE (OR REPLACE )?FUNCTION/i)
    expect(ddl).toContain('order_total')
    expect(ddl).toMatch(/select total from .*orders where id = p_id/i)
  })

  it('returns a sequence’s source with its parameters', async () => {
    const { ddl } = await handlers['schema.objectDdl']({ connectionId: 'pg', ref: { kind: 'sequence', schema, name: 'invoice_seq' } })
    expect(ddl).toMatch(/CREATE SEQUENCE/i)
    expect(ddl).toContain('invoice_seq')
    expect(ddl).toMatch(/1000/)
  })

  it('says NOT_FOUND for an object the model does not have', async () => {
    await expect(handlers['schema.objectDdl']({ connectionId: 'pg', ref: { kind: 'routine', schema, name: 'nope' } })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('names the tables a view reads, and none for a table', async () => {
    const view = await handlers['schema.ddl']({ connectionId: 'pg', schema, table: 'v_order_names' })
    expect(view.ddl).toMatch(/CREATE VIEW/i)
    expect(view.reads?.sort()).toEqual([`${schema}.customers`, `${schema}.orders`])
    const table = await handlers['schema.ddl']({ connectionId: 'pg', schema, table: 'orders' })
    expect(table.reads).toBeUndefined()
  })
})
