import { describe, expect, it } from 'vitest'
import { exec, paramsFromUrl, uniqueName } from '../../../../test/conformance/engines'
import { getDriver } from '../engines'

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
