import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../../src/main/services/connections/url'
import type { Dispatch } from '../../src/main/services/rpc/dispatcher'
import type { AppServices } from '../../src/main/services/app-services'
import { Plan } from '../../src/shared/plan'
import { createTestApp } from '../app-harness'
import { uniqueName } from '../conformance/engines'

const url = process.env.PG_URL

/** `plan.explain` end to end: the dispatcher parses the input, the service picks the statement and applies the rules. */
describe.skipIf(!url)('plan.explain through the dispatcher (PostgreSQL)', () => {
  let services: AppServices
  let dispatch: Dispatch
  let connectionId: string

  beforeAll(async () => {
    ;({ services, dispatch } = await createTestApp())
    const created = await dispatch('connections.create', { ...parseConnectionUrl(url!), dialect: 'postgres', name: 'plan pg' })
    if (!created.ok) throw new Error(created.error.message)
    connectionId = (created.value as { id: string }).id
    const setup = await dispatch('plan.explain', { connectionId, sql: 'select 1', analyze: false })
    expect(setup.ok).toBe(true)
  })

  afterAll(() => services?.close())

  it('returns the plan of one statement, with and without analyze', async () => {
    const sql = 'select relname, count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace group by relname order by 2 desc;'
    for (const analyze of [false, true]) {
      const r = await dispatch('plan.explain', { connectionId, sql, analyze })
      expect(r.ok).toBe(true)
      const plan = Plan.parse((r as { value: unknown }).value)
      expect(plan).toMatchObject({ engine: 'postgres', analyzed: analyze })
      expect(plan.root.kind).toBe('sort')
    }
  })

  it('refuses analyze of a write, saying why', async () => {
    const r = await dispatch('plan.explain', { connectionId, sql: 'delete from pg_temp.nothing_here', analyze: true })
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED', message: expect.stringMatching(/runs the statement, so it is only offered for reads/) } })
  })

  it('refuses a script, naming the statements to choose from', async () => {
    const r = await dispatch('plan.explain', { connectionId, sql: 'select 1;\nselect 2', analyze: false })
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('this text has 2 (1. select 1; 2. select 2)') } })
  })

  it('refuses input the contract does not accept', async () => {
    const r = await dispatch('plan.explain', { connectionId, sql: 'select 1' })
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const extra = await dispatch('plan.explain', { connectionId, sql: 'select 1', analyze: false, run: true })
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('a plain EXPLAIN of a write plans it without running it', async () => {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    const table = uniqueName('plan_call')
    try {
      await admin.query(`create table public.${table} (id int); insert into public.${table} select generate_series(1, 5)`)
      const r = await dispatch('plan.explain', { connectionId, sql: `delete from public.${table}`, analyze: false })
      expect(r.ok).toBe(true)
      expect((r as { value: Plan }).value.root).toMatchObject({ kind: 'modify', operation: 'Delete', relation: `public.${table}` })
      expect((await admin.query(`select count(*)::int as n from public.${table}`)).rows[0].n).toBe(5)
    } finally {
      await admin.query(`drop table if exists public.${table}`)
      await admin.end()
    }
  })
})
