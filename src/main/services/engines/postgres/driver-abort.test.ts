import { describe, expect, it } from 'vitest'
import { exec, paramsFromUrl } from '../../../../../test/conformance/engines'
import { AppError } from '../../../../shared/errors'
import { getDriver } from '../../engines'
import type { StatementSink } from '../../drivers/types'

describe('PostgreSQL: aborting while the cursor waits between fetches', () => {
  it('stops reading at the next batch, closes the cursor and leaves the session usable', async () => {
    const session = await getDriver('postgres').connect(paramsFromUrl(process.env.PG_URL!))
    const controller = new AbortController()
    let batches = 0
    const sink: StatementSink = {
      beginResult: () => {},
      // the consumer is slow (a grid, an export): the user cancels while the next fetch has not been asked for
      rows: async () => {
        batches++
        if (batches === 2) controller.abort()
        await new Promise((r) => setTimeout(r, 20))
      },
      endResult: () => {},
      notice: () => {}
    }
    const outcome = await session
      .execute('select g, repeat(\'x\', 50) from generate_series(1, 2000000) g', sink, { batchSize: 500, signal: controller.signal })
      .then(() => undefined, (e: unknown) => e)
    expect(outcome).toBeInstanceOf(AppError)
    expect((outcome as AppError).code).toBe('CANCELLED')
    expect(batches).toBeLessThanOrEqual(3)
    expect((await exec(session, 'select 1 as ok')).results[0]!.rows).toEqual([[1]])
    await session.close()
  })
})
