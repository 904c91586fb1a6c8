import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverSession } from '../../src/main/services/drivers/types'
import { getDriver } from '../../src/main/services/engines'
import { planWith } from '../../src/main/services/plan/plan-service'
import { prepareAnalysers } from '../../src/main/services/statements'
import { harnesses } from '../write-safety/harnesses'
import { fill, type Fixture } from '../write-safety/types'

/**
 * The write-safety table of every engine, through the plan path: each form (INSERT/UPDATE/DELETE, DDL, data-modifying
 * CTEs, functions that write, scripts hiding a write, …) planned on a writable connection, with and without analyze.
 * With analyze every form is refused before the server sees it; without, it is at most planned. Either way a second
 * session sees nothing changed.
 */
for (const harness of harnesses) {
  describe.skipIf(!!harness.skipReason)(`plan safety: ${harness.label}${harness.skipReason ? ` (skipped: ${harness.skipReason})` : ''}`, () => {
    let fixture: Fixture
    let session: DriverSession

    beforeAll(async () => {
      prepareAnalysers()
      fixture = await harness.setup()
      session = await getDriver(harness.dialect).connect(fixture.writable)
    })

    afterAll(async () => {
      await session?.close()
      await fixture?.teardown()
    })

    for (const form of harness.forms) {
      it(`${form.name}: analyze refused, plan inert`, async () => {
        const sql = fill(form.sql, fixture.vars)
        const before = await fixture.snapshot()
        await expect(planWith(session, await session.analyse(sql), true), 'analyze of a write').rejects.toMatchObject({ code: expect.stringMatching(/^(CONFIRMATION_REQUIRED|INVALID_INPUT)$/) })
        await planWith(session, await session.analyse(sql), false).catch(() => undefined)
        expect(await fixture.snapshot(), 'state after planning').toEqual(before)
      })
    }
  })
}
