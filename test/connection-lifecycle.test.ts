import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppServices } from '../src/main/services/app-services'
import type { Dispatch } from '../src/main/services/rpc/dispatcher'
import { createTestApp, REPO_ROOT } from './app-harness'
import { dispatchValue } from './support/dispatch-value'

let services: AppServices
let dispatch: Dispatch
let dataDir: string

beforeAll(async () => {
  ;({ services, dispatch, dataDir } = await createTestApp())
})
afterAll(async () => services.close())

const value = <T,>(call: string, input: unknown): Promise<T> => dispatchValue<T>(dispatch, call, input)

describe('a deleted connection takes what the app learned about it along', () => {
  it('clears its schema cache, notes and AI privacy setting from the local store', async () => {
    const file = join(dataDir, 'copy.db')
    copyFileSync(join(REPO_ROOT, 'resources/sample.db'), file)
    const { id } = await value<{ id: string }>('connections.create', { name: 'Copy', dialect: 'sqlite', filePath: file })
    await value('schema.get', { connectionId: id })
    await value('docs.notes.set', { connectionId: id, schema: 'main', table: 'customers', note: 'People who buy' })
    await value('ai.privacy.set', { connectionId: id, privacy: 'schema+samples' })

    const db = services.store.db
    const rowsFor = (): Record<string, number> => {
      const tables = (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name)
      const counts: Record<string, number> = {}
      for (const table of tables) {
        const columns = (db.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name)
        if (!columns.includes('connection_id')) continue
        counts[table] = (db.prepare(`select count(*) as n from "${table}" where connection_id = ?`).get(id) as { n: number }).n
      }
      return counts
    }
    // the schema cache is written off the main thread, a moment after schema.get answers
    await expect.poll(() => Object.values(rowsFor()).reduce((a, b) => a + b, 0), { timeout: 10_000 }).toBeGreaterThanOrEqual(3)

    await value('connections.delete', { id })
    const after = rowsFor()
    // history keeps its entries (with the connection's name); everything else about the connection is gone
    const leftovers = Object.entries(after).filter(([table, n]) => n > 0 && !/history/.test(table))
    expect(leftovers).toEqual([])
    expect((await dispatch('docs.notes.get', { connectionId: id })).ok ? (await value<{ notes: unknown[] }>('docs.notes.get', { connectionId: id })).notes : []).toEqual([])
  })
})

describe('connection states for a page that opens late', () => {
  it('lists every connection with the state main holds for it', async () => {
    const before = await value<{ id: string; state: string }[]>('connections.statuses', {})
    expect(before.find((s) => s.id === 'sample')).toBeDefined()
    await value('schema.get', { connectionId: 'sample' })
    const after = await value<{ id: string; state: string }[]>('connections.statuses', {})
    expect(after.find((s) => s.id === 'sample')?.state).toBe('connected')
  })
})
