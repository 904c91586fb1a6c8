import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { QueryEvent } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { inBackground } from './background'
import { QueryHarness } from './query/testing/query-harness'

describe('work started in the background', () => {
  it('reports a failure with its stable code instead of leaving an unhandled rejection', async () => {
    const reported: unknown[] = []
    await inBackground(Promise.reject(new AppError('CONNECTION_LOST', 'gone')), (e) => reported.push(e))
    await inBackground(Promise.reject(new Error('boom')), (e) => reported.push(e))
    await inBackground(Promise.resolve(1), (e) => reported.push(e))
    expect(reported).toEqual([
      { code: 'CONNECTION_LOST', message: 'gone' },
      { code: 'INTERNAL', message: 'boom' }
    ])
  })

  it('a query run whose bookkeeping fails (the store closed under it) still ends with an error and a finish', async () => {
    const h = new QueryHarness()
    const file = join(h.dir, 'data.db')
    new Database(file).close()
    const conn = h.connection({ dialect: 'sqlite', filePath: file })
    const { runId } = await h.queries.run({ connectionId: conn, sql: 'with recursive c(i) as (select 1 union all select i + 1 from c where i < 2000000) select count(*) from c' })
    h.store.close() // as at shutdown, mid-run: recording the run in history now throws
    await h.queries.settled(runId)
    const events = h.events.filter((e) => e.name === 'query.event').map((e) => e.payload as QueryEvent).filter((e) => e.runId === runId)
    expect(events.some((e) => e.type === 'error')).toBe(true)
    expect(events.at(-1)?.type).toBe('finished')
  })
})
