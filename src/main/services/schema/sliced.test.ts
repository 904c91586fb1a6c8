import { describe, expect, it } from 'vitest'
import { generateSchemaModel } from '../../../../bench/generate-schema-model'
import { shopModel } from '../../../../test/fixtures/docs/shop-model'
import { buildDocSite } from '../docs/doc-site'
import { lintSchema, lintSchemaSliced } from '../docs/lint'
import { schemaFingerprint, schemaFingerprintSliced } from './fingerprint'
import { finalizeModel, finalizeModelSliced } from './normalize'

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

  it('lint to the same findings, in the same order', async () => {
    for (const m of models) {
      const site = buildDocSite(m)
      const findings = lintSchema(site, { rules: { 'missing-column-comment': 'info' } })
      expect(await lintSchemaSliced(site, { rules: { 'missing-column-comment': 'info' } })).toEqual(findings)
      expect(await lintSchemaSliced(site)).toEqual(lintSchema(site))
    }
  })
})
