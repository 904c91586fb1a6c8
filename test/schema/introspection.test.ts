import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { introspectorFor } from '../../src/main/services/engines'
import { finalizeModel } from '../../src/main/services/schema/normalize'
import { SchemaModel } from '../../src/shared/schema-model'
import { comparable } from './comparable'
import { engines, type Sandbox } from './engines'
import { applyFixture, FIXTURE_DIR } from './fixtures'

const UPDATE = process.env.UPDATE_SCHEMA_EXPECTED === '1'

for (const engine of engines) {
  if (!engine.available) console.log(`[schema] ${engine.skipReason}`)
  describe.skipIf(!engine.available)(`introspection conformance: ${engine.dialect}`, () => {
    let box: Sandbox
    const introspector = introspectorFor(engine.dialect)
    const options = () => (engine.dialect === 'sqlite' ? {} : { schemas: [box.schema] })

    beforeAll(async () => {
      box = await engine.create('schema')
      await applyFixture(box.session, engine.dialect)
    })
    afterAll(async () => box?.dispose())

    it('produces the expected model for the fixture schema', async () => {
      const phases: string[] = []
      const raw = await introspector.introspect(box.catalog, { ...options(), onProgress: (phase) => phases.push(phase) })
      const model = SchemaModel.parse(finalizeModel(raw))
      expect(phases[0]).toBe('names')
      expect(phases.at(-1)).toBe('done')

      const file = join(FIXTURE_DIR, 'expected', `${engine.dialect}.json`)
      const actual = comparable(model, box.schema)
      if (UPDATE) writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`)
      // A new engine gets its expected model written once with UPDATE_SCHEMA_EXPECTED=1 and reviewed by hand.
      expect(existsSync(file), `${file} is missing: run with UPDATE_SCHEMA_EXPECTED=1 and review it`).toBe(true)
      expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')))
    })

    it('lists names first, matching the full model', async () => {
      const names = await introspector.listNames(box.catalog, options())
      const model = await introspector.introspect(box.catalog, options())
      expect(names.tables.map((t) => `${t.schema}.${t.name}:${t.kind}`).sort()).toEqual(model.tables.map((t) => `${t.schema}.${t.name}:${t.kind}`).sort())
      expect(names.schemas).toEqual(model.schemas)
    })

    it('keeps the fingerprint while nothing changes and moves it on DDL', async () => {
      const a = finalizeModel(await introspector.introspect(box.catalog, options()))
      const b = finalizeModel(await introspector.introspect(box.catalog, options()))
      expect(b.fingerprint).toBe(a.fingerprint)
      await box.session.exec('create table fingerprint_probe (id integer primary key)')
      const c = finalizeModel(await introspector.introspect(box.catalog, options()))
      await box.session.exec('drop table fingerprint_probe')
      expect(c.fingerprint).not.toBe(a.fingerprint)
      const d = finalizeModel(await introspector.introspect(box.catalog, options()))
      expect(d.fingerprint).toBe(a.fingerprint)
    })
  })
}
