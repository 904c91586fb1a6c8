import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/shared/cells'
import { CompareHarness } from './compare-harness'
import { roundTripSchemas } from './schemas'

const engines: { name: string; dialect: Dialect }[] = [
  { name: 'PostgreSQL', dialect: 'postgres' },
  { name: 'MariaDB', dialect: 'mysql' },
  { name: 'SQLite', dialect: 'sqlite' },
  { name: 'DuckDB', dialect: 'duckdb' }
]

for (const engine of engines) {
  const schemas = roundTripSchemas[engine.dialect]!
  describe.skipIf(!CompareHarness.configured(engine.dialect))(`schema compare round trip: ${engine.name}`, () => {
    let h: CompareHarness

    beforeAll(async () => {
      h = new CompareHarness(engine.dialect)
      await h.setUp()
      await h.run('a', schemas.a)
      await h.run('b', schemas.b)
    })
    afterAll(async () => {
      await h?.tearDown()
    })

    it('finds the differences with DDL on both sides and flags the destructive steps with the data they risk', async () => {
      const result = await h.diff()
      const names = result.objects.map((o) => `${o.change} ${o.object} ${o.name.split('.').pop()}`)
      expect(names).toEqual(expect.arrayContaining(['removed table legacy', 'added table products', 'changed table customers', 'changed view big_orders', 'added view customer_orders']))
      const customers = result.objects.find((o) => o.name.endsWith('customers'))!
      expect(customers.leftDdl).toContain('note')
      expect(customers.rightDdl).not.toContain('note')
      expect(result.script).not.toBeNull()
      const risks = result.script!.steps.flatMap((s) => (s.risk ? [s.risk] : []))
      expect(risks.join('\n')).toMatch(new RegExp(`${schemas.droppedColumn.replace('.', '\\.')}.*1 non-null value|rebuilds table customers, copying its rows \\(2 rows\\); drops column note`))
      expect(risks.join('\n')).toMatch(/legacy \(1 rows\)/)
      expect(result.script!.text).toContain('-- DESTRUCTIVE:')
      const saved = h.compare.save({ script: result.script!.text, name: 'round trip' })
      expect(saved.path).toMatch(/exports\/round-trip-.*\.sql$/)
      expect(readFileSync(saved.path, 'utf8')).toBe(result.script!.text)
      expect(h.compare.downloadPath(saved.downloadId)).toBe(saved.path)
    })

    it('refuses to apply on a read-only connection, with nothing changed', async () => {
      const before = await h.diff()
      const readOnly = h.connection('a', { readOnly: true })
      await expect(h.compare.apply({ connectionId: readOnly, script: before.script!.text, confirmed: true })).rejects.toMatchObject({ code: 'READ_ONLY' })
      await expect(h.compare.apply({ connectionId: h.ids.a, script: before.script!.text, confirmed: false })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' })
      const after = await h.diff()
      expect(after.summary).toEqual(before.summary)
      expect(h.audited).toEqual([])
    })

    it('applies the script to A, after which A and B compare equal, seen from a second session', async () => {
      const first = await h.diff()
      const applied = await h.compare.apply({ connectionId: h.ids.a, script: first.script!.text, confirmed: true })
      expect(applied, `${applied.error}\n${first.script!.text}`).toMatchObject({ ok: true })
      const again = await h.diff()
      expect(again.objects, `${first.script!.text}\n${JSON.stringify(again.objects, null, 2)}`).toEqual([])
      expect(again.script!.steps).toEqual([])
      // the data A had survives where B keeps its column
      expect((await h.rows('a', 'SELECT name, email FROM customers ORDER BY id')).map((r) => r.map(String))).toEqual([
        ['Ada', 'ada@example.com'],
        ['Bob', 'bob@example.com']
      ])
      expect(h.audited.length).toBeGreaterThan(0)
      expect(new Set(h.audited.map((e) => e.source))).toEqual(new Set(['migration']))
    })
  })
}
