import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../app-harness'
import type { AppServices } from '../../src/main/services/app-services'
import type { Dispatch } from '../../src/main/services/rpc/dispatcher'

/** The data calls through the real dispatcher (input and output checked by the contract) on the bundled sample database. */
describe('data.* through the dispatcher', () => {
  let app: { services: AppServices; dispatch: Dispatch; dataDir: string }
  const table = { name: 'categories' }
  const connectionId = 'sample'
  const ok = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await app.dispatch(name, input)
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`)
    return r.value as T
  }
  const error = async (name: string, input: unknown) => {
    const r = await app.dispatch(name, input)
    expect(r.ok).toBe(false)
    return (r as { ok: false; error: { code: string; message: string } }).error
  }

  beforeAll(async () => {
    app = await createTestApp()
  })
  afterAll(async () => {
    await app.services.close()
    rmSync(app.dataDir, { recursive: true, force: true })
  })

  it('opens, pages, counts, previews and applies; history keeps the apply', async () => {
    const open = await ok<{ key: { columns: string[] }; editable: boolean; columns: { name: string; kind: string }[] }>('data.open', { connectionId, table })
    expect(open.key.columns).toEqual(['category_id'])
    expect(open.editable).toBe(true)
    expect(open.columns.find((c) => c.name === 'parent_id')?.kind).toBe('number')
    const page = await ok<{ rows: unknown[][]; done: boolean; sql: string }>('data.rows', { connectionId, table, filters: [{ column: 'parent_id', op: '=', value: 1 }], orderBy: [{ column: 'name', direction: 'desc' }], offset: 0, limit: 2 })
    expect(page.rows).toHaveLength(2)
    expect(page.done).toBe(false)
    expect(page.sql).toBe(`SELECT "category_id", "parent_id", "name", "slug", "description" FROM "categories" WHERE "parent_id" = 1 ORDER BY "name" DESC LIMIT 2`)
    expect(await ok('data.count', { connectionId, table })).toMatchObject({ count: 42 })
    const changes = [{ kind: 'update', key: { category_id: 2 }, set: { name: 'Coats' } }]
    expect(await ok('data.preview', { connectionId, table, changes })).toEqual({ statements: [`UPDATE "categories" SET "name" = 'Coats' WHERE "category_id" = 2`] })
    expect(await ok('data.apply', { connectionId, table, changes })).toMatchObject({ applied: 1, errors: [] })
    const after = await ok<{ rows: unknown[][] }>('data.rows', { connectionId, table, filters: [{ column: 'category_id', op: '=', value: 2 }], offset: 0, limit: 1 })
    expect(after.rows[0]![2]).toBe('Coats')
    const history = await ok<{ sql: string }[]>('history.list', { limit: 5 })
    expect(history[0]!.sql).toContain(`SET "name" = 'Coats'`)
  })

  it('answers with stable codes: hostile WHERE, a view, bad input, a missing table', async () => {
    expect((await error('data.rows', { connectionId, table, where: '1=1); DELETE FROM categories; --', offset: 0, limit: 5 })).code).toBe('INVALID_INPUT')
    expect((await error('data.rows', { connectionId, table, where: "writefile('/tmp/qg-x', 'y') > 0", offset: 0, limit: 5 })).code).toBe('INVALID_INPUT')
    expect((await error('data.apply', { connectionId, table: { name: 'v_order_summary' }, changes: [{ kind: 'delete', key: { x: 1 } }] })).code).toBe('INVALID_INPUT')
    expect((await error('data.rows', { connectionId, table, offset: 0, limit: 1_000_000 })).code).toBe('INVALID_INPUT')
    expect((await error('data.apply', { connectionId, table, changes: [] })).code).toBe('INVALID_INPUT')
    expect((await error('data.open', { connectionId, table: { name: 'no_such_table' } })).code).toBe('NOT_FOUND')
    expect(await ok('data.count', { connectionId, table })).toMatchObject({ count: 42 })
  })
})
