import type { AuditSource } from '../../../shared/contract/audit'
import type { CopyInConnection } from '../engines/types'
import type { AuditSink } from './audit-log'

/**
 * A bulk-load connection (PostgreSQL COPY FROM STDIN) with its statements recorded: it runs on a connection of its
 * own, outside any DriverSession, so the audited sessions do not see it.
 */
export function auditedCopy(copy: CopyInConnection, connectionId: string, audit: AuditSink, source: AuditSource = 'import'): CopyInConnection {
  const recorded = async <T>(statement: string, kind: 'write' | 'transaction', run: () => Promise<T>, rows: (result: T) => number | null): Promise<T> => {
    const startedAt = Date.now()
    const started = performance.now()
    const entry = { connectionId, source, statement, kind, startedAt }
    try {
      const result = await run()
      audit.record({ ...entry, rows: rows(result), error: null, durationMs: performance.now() - started })
      return result
    } catch (err) {
      audit.record({ ...entry, rows: null, error: err instanceof Error ? err.message : String(err), durationMs: performance.now() - started })
      throw err
    }
  }
  return {
    run: (sql) => recorded(sql, 'transaction', () => copy.run(sql), () => null),
    copy: (sql, data) => recorded(sql, 'write', () => copy.copy(sql, data), (n) => n),
    abort: () => copy.abort(),
    close: () => copy.close()
  }
}
