import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDdl, generateObjectDdl } from '../../src/main/services/engines'
import { introspectorFor } from '../../src/main/services/engines'
import { finalizeModel } from '../../src/main/services/schema/normalize'
import { factsOf } from '../../src/shared/engines'
import type { SchemaModel, SchemaObjectRef, TableModel } from '../../src/shared/schema-model'
import { comparable, schemaObjects } from './comparable'
import { engines, type Sandbox } from './engines'
import { applyFixture, FIXTURE_DIR, runScript } from './fixtures'

/** Tables after the tables they reference and the table they are a partition of, then views and materialized views in name order. */
function creationOrder(tables: TableModel[]): TableModel[] {
  const byName = new Map(tables.filter((t) => t.kind === 'table').map((t) => [t.name, t]))
  const done = new Set<string>()
  const out: TableModel[] = []
  const visit = (t: TableModel): void => {
    if (done.has(t.name)) return
    done.add(t.name)
    const parent = t.partitionOf && byName.get(t.partitionOf.table)
    if (parent) visit(parent)
    for (const fk of t.foreignKeys) {
      const ref = byName.get(fk.refTable)
      if (ref && ref !== t) visit(ref)
    }
    out.push(t)
  }
  for (const t of byName.values()) visit(t)
  return [...out, ...tables.filter((t) => t.kind === 'view'), ...tables.filter((t) => t.kind === 'materialized_view')]
}

const describeRef = (r: SchemaObjectRef): string => `${r.kind} ${r.table ? `${r.table}.` : ''}${r.signature ?? r.name}`

for (const engine of engines) {
  if (!engine.available) console.log(`[schema ddl] ${engine.skipReason}`)
  describe.skipIf(!engine.available)(`DDL round trip: ${engine.dialect}`, () => {
    let source: Sandbox
    let target: Sandbox
    const introspector = introspectorFor(engine.dialect)
    const read = async (box: Sandbox) =>
      finalizeModel(await introspector.introspect(box.catalog, engine.dialect === 'sqlite' ? {} : { schemas: [box.schema] }))
    const run = async (what: string, ddl: string): Promise<void> => {
      try {
        // SQL Server DDL comes in GO batches and MySQL routine bodies in DELIMITER blocks, so those are split first;
        // the others run as one script (SQLite trigger bodies contain `;`).
        if (engine.dialect === 'mssql' || engine.dialect === 'mysql') await runScript(target.session, engine.dialect, ddl)
        else await target.session.exec(ddl)
      } catch (err) {
        throw new Error(`DDL for ${what} failed: ${(err as Error).message}\n${ddl}`)
      }
    }

    beforeAll(async () => {
      source = await engine.create('ddl')
      target = await engine.create('ddl')
      await applyFixture(source.session, engine.dialect)
      // A prelude holds only what generated DDL cannot create (objects the model has come from generateObjectDdl).
      const prelude = join(FIXTURE_DIR, `${engine.dialect}-prelude.sql`)
      if (existsSync(prelude)) await runScript(target.session, engine.dialect, readFileSync(prelude, 'utf8'))
    })
    afterAll(async () => {
      await source?.dispose()
      await target?.dispose()
    })

    it('recreates every object from generated DDL with an equal model', async () => {
      const original = await read(source)
      const { beforeTables, afterTables } = schemaObjects(original)
      const objectDdl = (ref: SchemaObjectRef) => generateObjectDdl(engine.dialect, original, ref, { qualify: false })
      // What the engine cannot make from the model is named, so the comparison below is not the first hint.
      const missing: string[] = []
      const runObjects = async (refs: SchemaObjectRef[]) => {
        for (const ref of refs) {
          const ddl = objectDdl(ref)
          if (ddl === null) missing.push(describeRef(ref))
          else await run(describeRef(ref), ddl)
        }
      }

      await runObjects(beforeTables)
      for (const table of creationOrder(original.tables)) {
        // Triggers come from generateObjectDdl after the routines they call; an engine that has no trigger
        // object DDL keeps them in its table DDL.
        const triggersInline = table.triggers.some((t) => objectDdl({ kind: 'trigger', schema: table.schema, name: t.name, table: table.name }) === null)
        await run(table.name, generateDdl(engine.dialect, table, { qualify: false, includeTriggers: triggersInline }))
      }
      await runObjects(afterTables.filter((r) => r.kind !== 'trigger' || objectDdl(r) !== null))

      expect(missing, 'objects without generated DDL').toEqual([])
      const recreated = await read(target)
      expect(comparable(recreated, target.schema)).toEqual(comparable(original, source.schema))
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

    it('qualifies schema objects only when asked', async () => {
      const original: SchemaModel = await read(source)
      for (const ref of [...schemaObjects(original).beforeTables, ...schemaObjects(original).afterTables]) {
        const qualified = generateObjectDdl(engine.dialect, original, ref)
        const bare = generateObjectDdl(engine.dialect, original, ref, { qualify: false })
        // Trigger definitions are as the engine prints them; engines with one schema per file never qualify.
        if (qualified === null || !factsOf(engine.dialect).qualifyDdl || ref.kind === 'trigger') continue
        expect(qualified, describeRef(ref)).toContain(source.schema)
        expect(bare!.split('\n')[0], describeRef(ref)).not.toContain(source.schema)
      }
    })
  })
}
