import Ajv2020 from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffSchemas } from '../../src/main/services/docs/diff'
import { renderDocs } from '../../src/main/services/docs/exporter'
import { introspectorFor } from '../../src/main/services/engines'
import { finalizeModel } from '../../src/main/services/schema/normalize'
import { SchemaModel } from '../../src/shared/schema-model'
import { engines, type Sandbox } from '../schema/engines'
import { applyFixture } from '../schema/fixtures'
import { mermaidBlocks, parseDbml, parseMermaid } from './validators'

/** The sandbox's random schema/database name becomes `app`; run-specific fields get fixed values. */
function stable(model: SchemaModel, sandboxSchema: string): SchemaModel {
  const json = JSON.stringify({ ...model, database: 'fixture', fingerprint: 'fixture', introspectedAt: '2026-01-01T00:00:00.000Z', tables: model.tables.map((t) => ({ ...t, rowEstimate: null })) })
  return SchemaModel.parse(JSON.parse(sandboxSchema === 'main' ? json : json.split(sandboxSchema).join('app')))
}

for (const engine of engines) {
  if (!engine.available) console.log(`[docs] ${engine.skipReason}`)
  describe.skipIf(!engine.available)(`docs of the fixture schema: ${engine.dialect}`, () => {
    let box: Sandbox
    let files: Map<string, string>

    beforeAll(async () => {
      box = await engine.create('docs')
      await applyFixture(box.session, engine.dialect)
      const raw = await introspectorFor(engine.dialect).introspect(box.session, engine.dialect === 'sqlite' ? {} : { schemas: [box.schema] })
      const model = stable(finalizeModel(raw), box.schema)
      files = await renderDocs({ model, formats: ['md', 'html', 'json', 'mermaid', 'dbml'] })
    })
    afterAll(async () => box?.dispose())

    it('matches the golden files for every format', async () => {
      expect(files.size).toBeGreaterThan(8)
      for (const [name, content] of files) if (name !== 'schema-model.schema.json') await expect(content).toMatchFileSnapshot(`../fixtures/docs/golden/${engine.dialect}/${name}`)
    })

    it('Mermaid (whole schema and every page) passes the real Mermaid parser', async () => {
      expect(await parseMermaid(files.get('schema.mmd')!)).toBe('er')
      const blocks = [...files].filter(([n]) => n.endsWith('.md')).flatMap(([, c]) => mermaidBlocks(c))
      expect(blocks.length).toBeGreaterThan(3)
      for (const b of blocks) expect(await parseMermaid(b)).toBe('er')
    })

    it('DBML passes @dbml/core with every base table', () => {
      const parsed = parseDbml(files.get('schema.dbml')!)
      const model = SchemaModel.parse(JSON.parse(files.get('schema.json')!))
      const tables = model.tables.filter((t) => t.kind === 'table')
      expect(Object.values(parsed).flat().sort()).toEqual(tables.map((t) => t.name).sort())
    })

    it('schema.json validates against the published JSON Schema (and a broken one does not)', () => {
      const validate = new Ajv2020({ strict: false }).compile(JSON.parse(files.get('schema-model.schema.json')!))
      const json = JSON.parse(files.get('schema.json')!)
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
      expect(validate({ ...json, tables: [{ ...json.tables[0], columns: [{ name: 'x' }] }] })).toBe(false)
      expect(validate({ ...json, dialect: 'oracle' })).toBe(false)
    })

    it('detects drift after the schema changes between two runs', async () => {
      const introspect = async () => finalizeModel(await introspectorFor(engine.dialect).introspect(box.session, engine.dialect === 'sqlite' ? {} : { schemas: [box.schema] }))
      const before = await introspect()
      expect(diffSchemas(before, await introspect()).drift).toBe(false)
      await box.session.exec('alter table orders add column drift_note text')
      await box.session.exec('create table drift_probe (id integer primary key)')
      try {
        const diff = diffSchemas(before, await introspect())
        const q = (name: string) => (engine.dialect === 'sqlite' ? `main.${name}` : `${box.schema}.${name}`)
        expect(diff.drift).toBe(true)
        expect(diff.objects.filter((o) => o.change === 'added').map((o) => o.name)).toEqual([q('drift_probe')])
        expect(diff.summary.removed).toBe(0)
        const orders = diff.objects.find((o) => o.name === q('orders'))
        expect(orders?.parts).toContainEqual({ part: 'column', name: 'drift_note', change: 'added', definition: expect.stringMatching(/^text\b/i) })
      } finally {
        await box.session.exec('drop table drift_probe')
        await box.session.exec('alter table orders drop column drift_note')
      }
    })

    it('the ER SVG has one box per table (partitions are shown on their parent, not as boxes)', () => {
      const model = SchemaModel.parse(JSON.parse(files.get('schema.json')!))
      const names = new Set(model.tables.map((t) => `${t.schema}.${t.name}`))
      const boxes = model.tables.filter((t) => !t.partitionOf || !names.has(`${t.partitionOf.schema}.${t.partitionOf.table}`))
      expect((files.get('schema.svg')!.match(/class="er-table"/g) ?? []).length).toBe(boxes.length)
    })
  })
}
