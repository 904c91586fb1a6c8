import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Dispatch } from '../../src/main/services/rpc/dispatcher'
import type { AppServices } from '../../src/main/services/app-services'
import type { HistoryEntry } from '../../src/shared/contract'
import { Plan } from '../../src/shared/plan'
import { createTestApp } from '../app-harness'

/** A plan taken is kept with a history entry of its statement, so it can be read (and compared) later. */
describe('plans kept in history (SQLite)', () => {
  let services: AppServices
  let dispatch: Dispatch
  let connectionId: string
  const dir = mkdtempSync(join(tmpdir(), 'qg-plan-history-'))
  const added: HistoryEntry[] = []

  beforeAll(async () => {
    ;({ services, dispatch } = await createTestApp())
    services.events.subscribe((name, payload) => {
      if (name === 'history.added') added.push(payload as HistoryEntry)
    })
    copyFileSync(join(__dirname, '../../resources/sample.db'), join(dir, 'sample.db'))
    const created = await dispatch('connections.create', { dialect: 'sqlite', name: 'plans', filePath: join(dir, 'sample.db') })
    if (!created.ok) throw new Error(created.error.message)
    connectionId = (created.value as { id: string }).id
  })

  afterAll(async () => {
    await services?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const value = <T>(r: Awaited<ReturnType<Dispatch>>): T => {
    if (!r.ok) throw new Error(r.error.message)
    return r.value as T
  }

  it('records the statement with its plan, reads the plan back, and drops it with the entry', async () => {
    const sql = 'select count(*) from sqlite_schema s join sqlite_schema t on t.name = s.tbl_name;'
    const plan = Plan.parse(value(await dispatch('plan.explain', { connectionId, sql, analyze: false })))
    const entry = (value(await dispatch('history.list', { limit: 5 })) as HistoryEntry[])[0]!
    expect(entry).toMatchObject({ connectionId, connectionName: 'plans', sql: sql.replace(/;$/, ''), status: 'ok', plan: 'explain' })
    expect(added.at(-1)).toEqual(entry)
    expect(Plan.parse(value(await dispatch('history.plan', { id: entry.id })))).toEqual(plan)

    await dispatch('history.delete', { id: entry.id })
    const gone = await dispatch('history.plan', { id: entry.id })
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('keeps nothing for a plan that was refused, and a run has no plan', async () => {
    const before = (value(await dispatch('history.list', { limit: 100 })) as HistoryEntry[]).length
    const refused = await dispatch('plan.explain', { connectionId, sql: 'select 1; select 2', analyze: false })
    expect(refused.ok).toBe(false)
    expect((value(await dispatch('history.list', { limit: 100 })) as HistoryEntry[]).length).toBe(before)
    const none = await dispatch('history.plan', { id: 999_999 })
    expect(none).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
