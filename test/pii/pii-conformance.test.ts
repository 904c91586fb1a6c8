import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PiiKind } from '../../src/shared/contract/pii'
import { getDriver } from '../../src/main/services/engines'
import { scanForPii } from '../../src/main/services/pii/pii-sampler'
import { insertSql, plantedTables, ROWS, score } from './planted-data'
import { modelOfSession } from '../support/model-of-session'
import { seededEngines, type SeededEngine } from '../support/seeded-engines'

const planted = plantedTables()
const engineCases = seededEngines('pii', (_engine, prefix) => planted.map((t) => `create table ${prefix}${t.name} (${t.ddl}); ${insertSql(`${prefix}${t.name}`, t)};`).join('\n'))

const modelOf = modelOfSession

for (const engine of engineCases) {
  describe.skipIf(!!engine.skip)(`PII scan on planted data (${engine.id})`, () => {
    let setup: Awaited<ReturnType<SeededEngine['setup']>>
    beforeAll(async () => {
      setup = await engine.setup()
    }, 120_000)
    afterAll(async () => setup?.teardown())

    it('finds every planted kind with precision and recall ≥ 0.9 per kind, reading only, and shows no full value', async () => {
      // a read-only connection: the scan only reads
      const session = await getDriver(setup.params.dialect).connect({ ...setup.params, readOnly: true })
      try {
        const model = await modelOf(session, setup.schema)
        expect(model.tables.map((t) => t.name).sort()).toEqual(planted.map((t) => t.name).sort())
        const progress: number[] = []
        const result = await scanForPii(session, model, { onProgress: (done) => progress.push(done) })
        expect(result.columnsFailed).toBe(0)
        expect(progress.at(-1)).toBe(result.columnsScanned)
        const predicted: Record<string, PiiKind> = Object.fromEntries(result.findings.map((f) => [`${f.table}.${f.column}`, f.kind]))
        const { perKind, precision, recall, wrong } = score(predicted)
        for (const k of perKind) console.log(`CONFORMANCE pii-kind engine=${engine.id} kind=${k.kind} tp=${k.tp} fp=${k.fp} fn=${k.fn} precision=${k.precision.toFixed(2)} recall=${k.recall.toFixed(2)}`)
        console.log(`CONFORMANCE pii engine=${engine.id} columns=${result.columnsScanned} findings=${result.findings.length} precision=${precision.toFixed(3)} recall=${recall.toFixed(3)}`)
        expect(wrong).toEqual([])
        for (const k of perKind) {
          expect(k.precision, `${k.kind} precision`).toBeGreaterThanOrEqual(0.9)
          expect(k.recall, `${k.kind} recall`).toBeGreaterThanOrEqual(0.9)
        }

        const card = result.findings.find((f) => f.column === 'card_number')!
        expect(card.evidence).toMatch(new RegExp(`^${Math.min(ROWS, 200)}/${Math.min(ROWS, 200)} sampled values are Luhn-valid card numbers`))
        expect(card.examples).toHaveLength(3)
        for (const example of card.examples) expect(example).toMatch(/^\d{4}\*{7,8}\d{4}$/)
        // no example anywhere is a value that was planted
        const plantedValues = new Set(planted.flatMap((t) => t.rows.flat()).filter((v): v is string => typeof v === 'string' && v.length > 4))
        for (const f of result.findings) for (const e of f.examples) expect(plantedValues.has(e), `${f.table}.${f.column} example ${e}`).toBe(false)
      } finally {
        await session.close()
      }
    }, 120_000)
  })
  if (engine.skip) console.log(`[pii] ${engine.label}: ${engine.skip}, skipped`)
}
