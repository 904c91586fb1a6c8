import { describe, expect, it } from 'vitest'
import { generateSchemaModel } from '../../../../bench/generate-schema-model'
import { shopModel } from '../../../../test/fixtures/docs/shop-model'
import { buildDocSite } from '../docs/doc-site'
import { lintSchema, lintSchemaSliced } from '../docs/lint'
import { SchemaModel } from '../../../shared/schema-model'
import { fingerprintWithJsonSliced, isStableJson, schemaFingerprint, schemaFingerprintSliced, stableStringify } from './fingerprint'
import { finalizeModel, finalizeModelSliced, finalizeModelWithJson } from './normalize'

/** The time-sliced variants (yielding to the event loop) give exactly what the one-stretch functions give. */
describe('time-sliced fingerprint, finalize and lint', () => {
  const models = [shopModel, generateSchemaModel(2000, 4, { objects: true })]

  it('hash to the same fingerprint', async () => {
    for (const m of models) expect(await schemaFingerprintSliced(m)).toBe(schemaFingerprint(m))
  })

  it('finalize to the same model', async () => {
    const now = new Date('2026-01-01T00:00:00.000Z')
    for (const m of models) expect(await finalizeModelSliced(m, now)).toEqual(finalizeModel(m, now))
  })

  it('finalize with the cache JSON to the same model, and that JSON parses back to it', async () => {
    const now = new Date('2026-01-01T00:00:00.000Z')
    for (const m of models) {
      const { model, pieces } = await finalizeModelWithJson(m, now)
      const json = () => pieces.join('')
      expect(model).toEqual(finalizeModel(m, now))
      expect(JSON.parse(json())).toEqual(JSON.parse(JSON.stringify(model)))
      expect(SchemaModel.parse(JSON.parse(json()))).toEqual(SchemaModel.parse(JSON.parse(JSON.stringify(model))))
    }
  })

  it('leave the row estimate out of the fingerprint and in the JSON, wherever it falls among the members', async () => {
    const tables = [{ rowEstimate: 1 }, { name: 'b', rowEstimate: 2 }, { rowEstimate: 3, schema: 'a' }, { name: 'c', rowEstimate: null, schema: 'a' }, { name: 'd' }]
    const model = { ...shopModel, tables } as never
    const { fingerprint, json } = await fingerprintWithJsonSliced(model)
    expect(fingerprint).toBe(schemaFingerprint(model))
    expect(JSON.parse(`{${json.join('')}}`).tables).toEqual(tables)
  })

  it('serialise models built with their keys in order natively, to the same fingerprint and JSON', async () => {
    const sortKeys = (v: unknown): unknown => {
      if (v === null || typeof v !== 'object') return v
      if (Array.isArray(v)) return v.map(sortKeys)
      return Object.fromEntries(
        Object.keys(v)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
          .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])
      )
    }
    const now = new Date('2026-01-01T00:00:00.000Z')
    for (const m of models) {
      const sorted = sortKeys(m) as typeof m
      expect(sorted.tables.every(isStableJson)).toBe(true)
      expect(m.tables.some(isStableJson)).toBe(false)
      // Estimates none, null or a number; a trigger with its keys out of order (that table takes the slow path).
      sorted.tables.forEach((t, i) => {
        if (i % 4 === 0) delete t.rowEstimate
        else if (i % 4 === 1) t.rowEstimate = null
      })
      const odd = structuredClone(sorted.tables[2]!)
      odd.triggers = [{ name: 'tr', definition: 'create trigger tr …', enabled: true }]
      odd.name = 'odd'
      sorted.tables.push(odd)
      expect(isStableJson(odd)).toBe(false)
      const { model, pieces } = await finalizeModelWithJson(sorted, now)
      const json = () => pieces.join('')
      expect(model.fingerprint).toBe(schemaFingerprint(model))
      expect(model).toEqual(finalizeModel(sorted, now))
      expect(json()).toBe(`{${(await fingerprintWithJsonSliced(structuredClone(model), { native: false })).json.join('')},"fingerprint":${JSON.stringify(model.fingerprint)},"introspectedAt":${JSON.stringify(model.introspectedAt)}}`)
      expect(SchemaModel.parse(JSON.parse(json()))).toEqual(SchemaModel.parse(JSON.parse(JSON.stringify(model))))
    }
  })

  it('take the native path only where it writes what stableStringify writes', () => {
    const holey: unknown[] = [1]
    holey[2] = 3
    const inherited = Object.create({ a: 1 }) as Record<string, unknown>
    inherited.b = 2
    for (const v of [{ b: 1, a: 2 }, { a: [1, undefined] }, { a: holey }, { a: new Date(0) }, { a: () => 1 }, { '9': 1, '10': 2 }, inherited, undefined, { a: 1n }])
      expect(isStableJson(v)).toBe(false)
    for (const v of [{ a: 1, b: [1, 'x', null, { c: true, d: undefined }] }, Object.assign(Object.create(null) as object, { a: 1 }), 'x\u2028\ud800', NaN, null, [[]]]) {
      expect(isStableJson(v)).toBe(true)
      expect(JSON.stringify(v)).toBe(stableStringify(v))
    }
  })

  it('stableStringify writes what the sort-every-object reference writes', () => {
    const reference = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`
    }
    const odd: unknown[] = [{ b: 1, a: [1, undefined, () => 1, null, NaN, 'x\u2028\ud800"\\'], '10': 2, '9': { z: undefined, y: new Date(0), x: new Map([[1, 2]]) } }, 'str', 3, null, undefined, [[]], {}, { é: 1, e: 2, E: 3 }, [{ b: 1, a: 2 }, { a: 1, b: 2 }, { b: 1, a: 2, c: 3 }]]
    const holey: unknown[] = [1]
    holey[2] = 3 // a hole at 1
    odd.push(holey)
    for (const value of [...odd, ...models]) expect(stableStringify(value)).toBe(reference(value))
  })

  it('lint to the same findings, in the same order', async () => {
    for (const m of models) {
      const site = buildDocSite(m)
      const findings = lintSchema(site, { rules: { 'missing-column-comment': 'info' } })
      expect(await lintSchemaSliced(site, { rules: { 'missing-column-comment': 'info' } })).toEqual(findings)
      expect(await lintSchemaSliced(site)).toEqual(lintSchema(site))
    }
  })
})
