import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDdl } from '../../src/main/services/engines'
import { introspectorFor } from '../../src/main/services/engines'
import { finalizeModel } from '../../src/main/services/schema/normalize'
import type { SchemaModel, TableModel } from '../../src/shared/schema-model'
import { comparable } from './comparable'
import { engines, type Sandbox } from './engines'
import { applyFixture, FIXTURE_DIR, runScript } from './fixtures'

/** Tables before the tables that reference them, then views and materialized views in name order. */
function creationOrder(tables: TableModel[]): TableModel[] {
  const byName = new Map(tables.filter((t) => t.kind === 'table').map((t) => [t.name, t]))
  const done = new Set<string>()
  const out: TableModel[] = []
  const visit = (t: TableModel): void => {
    if (done.has(t.name)) return
    done.add(t.name)
    for (const fk of t.foreignKeys) {
      const ref = byName.get(fk.refTable)
      if (ref && ref !== t) visit(ref)
    }
    out.push(t)
  }
  for (const t of byName.values()) visit(t)
  return [...out, ...tables.filter((t) => t.kind === 'view'), ...tables.filter((t) => t.kind === 'materialized_view')]
}

const structure = (model: SchemaModel, schema: string) => {
  const c = comparable(model, schema) as Record<string, unknown>
  return { tables: c.tables, sequences: c.sequences, enums: c.enums, domains: c.domains }
}

for (const engine of engines) {
  if (!engine.available) console.log(`[schema ddl] ${engine.skipReason}`)
  describe.skipIf(!engine.available)(`DDL round trip: ${engine.dialect}`, () => {
    let source: Sandbox
    let target: Sandbox
    const introspector = introspectorFor(engine.dialect)
    const read = async (box: Sandbox) =>
      finalizeModel(await introspector.introspect(box.catalog, engine.dialect === 'sqlite' ? {} : { schemas: [box.schema] }))

    beforeAll(async () => {
      source = await engine.create('ddl')
      target = await engine.create('ddl')
      await applyFixture(source.session, engine.dialect)
      const prelude = join(FIXTURE_DIR, `${engine.dialect}-prelude.sql`)
      if (existsSync(prelude)) await runScript(target.session, engine.dialect, readFileSync(prelude, 'utf8'))
    })
    afterAll(async () => {
      await source?.dispose()
      await target?.dispose()
    })

    it('recreates every table and view from generated DDL with an equal model', async () => {
      const original = await read(source)
      for (const table of creationOrder(original.tables)) {
        const ddl = generateDdl(engine.dialect, table, { qualify: false })
        try {
          // SQL Server DDL comes in GO batches; the others run as one script (SQLite trigger bodies contain `;`).
          if (engine.dialect === 'mssql') await runScript(target.session, engine.dialect, ddl)
          else await target.session.exec(ddl)
        } catch (err) {
          throw new Error(`DDL for ${table.name} failed: ${(err as Error).message}\n${ddl}`)
        }
      }
      const recreated = await read(target)
      expect(structure(recreated, target.schema)).toEqual(structure(original, source.schema))
    })

    it('qualifies names with the schema and quotes names that need it', async () => {
      const original = await read(source)
      const orders = original.tables.find((t) => t.name === 'orders')!
      const qualified = generateDdl(engine.dialect, orders)
      if (engine.dialect !== 'sqlite') expect(qualified).toContain(`${source.schema}.orders`)
      const odd: TableModel = { ...orders, name: 'Order Lines', columns: [...orders.columns, { name: 'select', type: 'integer', nullable: true }] }
      const ddl = generateDdl(engine.dialect, odd, { qualify: false })
      const q = engine.dialect === 'mysql' ? '`' : '"'
      expect(ddl).toContain(`CREATE TABLE ${q}Order Lines${q}`)
      expect(ddl).toContain(`${q}select${q} integer`)
    })
  })
}
