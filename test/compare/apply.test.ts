import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/shared/cells'
import { CompareHarness } from './compare-harness'

const tableCount = async (h: CompareHarness, name: string): Promise<number> => {
  const sql =
    h.dialect === 'sqlite'
      ? `SELECT count(*) FROM sqlite_master WHERE name = '${name}'`
      : `SELECT count(*) FROM information_schema.tables WHERE table_schema = '${h.names.a}' AND table_name = '${name}'`
  return Number((await h.rows('a', sql))[0]![0])
}

describe.skipIf(!CompareHarness.configured('mysql'))('applying a failing script on MariaDB (DDL is not transactional)', () => {
  let h: CompareHarness
  beforeAll(async () => {
    h = new CompareHarness('mysql')
    await h.setUp()
  })
  afterAll(() => h?.tearDown())

  it('stops at the first error and names the statements that ran', async () => {
    const result = await h.compare.apply({ connectionId: h.ids.a, script: 'CREATE TABLE t1 (id int);\nCREATE TABLE t1 (id int);\nCREATE TABLE t2 (id int);\n', confirmed: true })
    expect(result).toMatchObject({ ok: false, applied: 1, rolledBack: false })
    expect(result.ran).toEqual(['CREATE TABLE t1 (id int)'])
    expect(result.error).toMatch(/after 1 of 3 statements/)
    expect(await tableCount(h, 't1')).toBe(1)
    expect(await tableCount(h, 't2')).toBe(0)
  })
})

for (const dialect of ['postgres', 'sqlite'] as Dialect[]) {
  describe.skipIf(!CompareHarness.configured(dialect))(`applying a failing script on ${dialect} (transactional DDL)`, () => {
    let h: CompareHarness
    beforeAll(async () => {
      h = new CompareHarness(dialect)
      await h.setUp()
    })
    afterAll(() => h?.tearDown())

    it('rolls everything back, seen from a second session', async () => {
      const result = await h.compare.apply({ connectionId: h.ids.a, script: 'BEGIN TRANSACTION;\nCREATE TABLE t1 (id int);\nCREATE TABLE t1 (id int);\nCOMMIT;\n', confirmed: true })
      expect(result).toMatchObject({ ok: false, applied: 0, rolledBack: true })
      expect(await tableCount(h, 't1')).toBe(0)
    })

    it('compares a connection with a docs snapshot of the other side', async () => {
      await h.run('b', 'CREATE TABLE snap (id int PRIMARY KEY, label text)')
      const snapshot = JSON.stringify(await h.schema.get(h.ids.b, { refresh: true }))
      const result = await h.compare.run({ left: { connectionId: h.ids.a }, right: { snapshotJson: snapshot } })
      expect(result.rightLabel).toBe('snapshot')
      expect(result.objects.map((o) => `${o.change} ${o.name.split('.').pop()}`)).toContain('added snap')
      expect(result.script!.text).toMatch(/CREATE TABLE .*snap/)
    })
  })
}
