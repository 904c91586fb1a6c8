import { describe, expect, it } from 'vitest'
import { exec, paramsFromUrl, uniqueName } from '../../../../test/conformance/engines'
import type { DriverSession } from '../drivers/types'
import { engineFor, getDriver } from '../engines'
import { SessionAnalyser } from './analyse'

describe.skipIf(!process.env.PG_URL)('the session analyser and the catalog', () => {
  it('reads the catalog again after DDL: a view created in the same session over a volatile function is a potential write', async () => {
    const schema = uniqueName('ctx')
    const session = await getDriver('postgres').connect(paramsFromUrl(process.env.PG_URL!))
    try {
      expect((await session.analyse('select 1')).statements[0]!.kind).toBe('read')
      await exec(session, `create schema ${schema}; create table ${schema}.t (id int)`)
      await exec(session, `create function ${schema}.purge() returns int language sql volatile as $$ delete from ${schema}.t returning 1 $$`)
      await exec(session, `create view ${schema}.v as select ${schema}.purge() as n`)
      const verdict = (await session.analyse(`select * from ${schema}.v`)).statements[0]!
      expect(verdict.kind).toBe('write')
      expect(verdict.reason).toMatch(/purge/)
    } finally {
      await exec(session, `drop schema if exists ${schema} cascade`).catch(() => undefined)
      await session.close()
    }
  })
})

describe('the session analyser when the catalog cannot be read', () => {
  it('is cautious for that analysis (a relation could be a view that writes) and tries again next time', async () => {
    let failing = true
    const session = {
      query: async () => {
        if (failing) throw new Error('catalog unreachable')
        return { columns: [], rows: [] }
      }
    } as unknown as DriverSession
    const analyser = new SessionAnalyser(engineFor('postgres').statements, 'postgres', () => session)
    const first = (await analyser.analyse('select * from orders')).statements[0]!
    expect(first.kind).toBe('unknown')
    expect(first.reason).toMatch(/catalog could not be read/)
    failing = false
    expect((await analyser.analyse('select * from orders')).statements[0]!.kind).toBe('read')
  })
})
