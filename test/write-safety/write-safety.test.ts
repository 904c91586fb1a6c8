import { appendFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { planWith } from '../../src/main/services/plan/plan-service'
import { CollectingSink } from '../../src/main/services/drivers/collect-sink'
import type { DriverSession } from '../../src/main/services/drivers/types'
import { getDriver } from '../../src/main/services/engines'
import { needsConfirmation } from '../../src/main/services/statements'
import { harnesses } from './harnesses'
import { fill, type Fixture } from './types'

/**
 * Write safety as data: every form of every engine, against the real server, must be (1) refused on a read-only
 * connection with the state unchanged as a second session sees it, (2) flagged for confirmation on the AI paths,
 * and (3) run nothing when EXPLAINed, with or without ANALYZE. `npm run conformance` prints one line per engine.
 */
function report(line: string): void {
  console.log(line)
  if (process.env.CONFORMANCE_OUT) appendFileSync(process.env.CONFORMANCE_OUT, `${line}\n`)
}

for (const harness of harnesses) {
  if (harness.skipReason) report(`CONFORMANCE write-safety engine=${harness.dialect} skipped (${harness.skipReason})`)
  describe.skipIf(!!harness.skipReason)(`write safety: ${harness.label}${harness.skipReason ? ` (skipped: ${harness.skipReason})` : ''}`, () => {
    let fixture: Fixture
    const held = new Set<string>()
    const broken = new Set<string>()

    beforeAll(async () => {
      fixture = await harness.setup()
    })

    afterAll(async () => {
      await fixture?.teardown()
      report(`CONFORMANCE write-safety engine=${harness.dialect} forms=${harness.forms.length} held=${[...held].filter((n) => !broken.has(n)).length}`)
    })

    const connect = (readOnly: boolean): Promise<DriverSession> => getDriver(harness.dialect).connect(readOnly ? fixture.readOnly : fixture.writable)

    for (const form of harness.forms) {
      it(`${form.name}: refused read-only, flagged for the AI, inert under EXPLAIN`, async () => {
        const sql = fill(form.sql, fixture.vars)
        const before = await fixture.snapshot()
        try {
          // 1. read-only: refused, and nothing changed (checked while the read-only session is still open, for locks)
          const ro = await connect(true)
          try {
            await expect(ro.execute(sql, new CollectingSink()), 'read-only connection ran it').rejects.toThrow()
            expect(await fixture.snapshot(), 'state after the read-only attempt').toEqual(before)
            // 2. the AI paths (ask/execute, production confirmation) ask first
            expect(needsConfirmation(await ro.analyse(sql)), 'analysed as a plain read').toBe(true)
          } finally {
            await ro.close()
          }
          // 3. EXPLAIN (plain and ANALYZE) on a writable connection runs nothing
          const rw = await connect(false)
          try {
            for (const analyze of [false, true]) await (async () => planWith(rw, await rw.analyse(sql), analyze))().catch(() => undefined)
            expect(await fixture.snapshot(), 'state after EXPLAIN').toEqual(before)
          } finally {
            await rw.close()
          }
          held.add(form.name)
        } catch (e) {
          broken.add(form.name)
          throw e
        }
      })
    }
  })
}
