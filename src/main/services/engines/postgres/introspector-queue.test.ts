import { describe, expect, it } from 'vitest'
import type { CatalogSession } from '../../schema/catalog-session'
import type { ColumnMeta } from '../../../../shared/cells'
import { postgresIntrospector } from './introspector'

/** A session that answers the first query (server facts) and fails the `failAt`-th, recording what it was sent. */
function failingSession(failAt: number) {
  const sent: string[] = []
  let running = 0
  let overlapped = false
  const session = {
    async query(sql: string): Promise<{ columns: ColumnMeta[]; rows: (string | number)[][] }> {
      sent.push(sql)
      if (running > 0) overlapped = true
      running++
      try {
        await new Promise((resolve) => setTimeout(resolve, 1))
        if (sent.length === failAt) throw new Error(`catalog query ${failAt} failed`)
        if (sent.length === 1)
          return { columns: (['db', 'cs', 'version'] as const).map((name) => ({ name, dbType: 'text', kind: 'text' }) as ColumnMeta), rows: [['test', 'public', 150000]] }
        return { columns: [], rows: [] }
      } finally {
        running--
      }
    }
  }
  return { session: session as CatalogSession, sent, overlapped: () => overlapped }
}

describe('PostgreSQL introspector query queue', () => {
  it('sends one query at a time and stops at the first failure, which it throws', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const fake = failingSession(4)
      await expect(postgresIntrospector.introspect(fake.session)).rejects.toThrow('catalog query 4 failed')
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(fake.overlapped()).toBe(false)
      // The queries queued behind the failed one are not sent.
      expect(fake.sent).toHaveLength(4)
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })
})
