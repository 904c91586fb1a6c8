import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { CollectingSink } from '../../src/main/services/drivers/collect-sink'
import { getDriver } from '../../src/main/services/engines'
import { exec, paramsFromUrl, uniqueName } from '../conformance/engines'

/**
 * With standard_conforming_strings off, PostgreSQL reads `'\' || ' , purge() -- '` as code the analyser's parser
 * (which reads it on) takes for a string. Sessions start with it on whatever the role or database says, and a session
 * that turns it off runs nothing but turning it back on.
 */
describe.skipIf(!process.env.PG_URL)('standard_conforming_strings on PostgreSQL', () => {
  it('is on for every session, even when the role says off', async () => {
    const role = uniqueName('sso')
    const admin = new pg.Client({ connectionString: process.env.PG_URL })
    await admin.connect()
    try {
      // a password, for servers that check one (embedded PostgreSQL); a trust server ignores it
      await admin.query(`create role ${role} login password 'sso-test'; alter role ${role} set standard_conforming_strings = off`)
      const url = new URL(process.env.PG_URL!)
      url.username = role
      url.password = 'sso-test'
      const session = await getDriver('postgres').connect(paramsFromUrl(url.toString()))
      try {
        expect((await session.query('show standard_conforming_strings')).rows).toEqual([['on']])
      } finally {
        await session.close()
      }
    } finally {
      await admin.query(`drop role if exists ${role}`)
      await admin.end()
    }
  })

  it('a session that turns it off runs nothing until it is on again, and the hidden call never runs', async () => {
    const schema = uniqueName('sso')
    const session = await getDriver('postgres').connect(paramsFromUrl(process.env.PG_URL!))
    try {
      await exec(session, `create schema ${schema}; create table ${schema}.t (id int); insert into ${schema}.t values (1), (2);
        create function ${schema}.purge() returns int language sql volatile as $$ delete from ${schema}.t returning 1 $$`)
      await exec(session, 'set standard_conforming_strings = off')
      const hidden = `select '\\' || ' , ${schema}.purge() -- '`
      await expect(session.execute(hidden, new CollectingSink())).rejects.toThrow(/standard_conforming_strings/)
      await exec(session, 'set standard_conforming_strings = on')
      expect((await exec(session, `select count(*)::int from ${schema}.t`)).results[0]!.rows).toEqual([[2]])
    } finally {
      await exec(session, `drop schema if exists ${schema} cascade`).catch(() => undefined)
      await session.close()
    }
  })
})
