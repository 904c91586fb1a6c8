import { AsyncLocalStorage } from 'node:async_hooks'
import type { AuditSource } from '../../../shared/contract/audit'
import { AppError } from '../../../shared/errors'
import type { DriverSession, StatementSink } from '../drivers/types'
import type { QueryConnections } from '../query/query-service'
import type { AnalysedStatement } from '../statements/types'
import type { AuditSink } from './audit-log'

/** The source a call chain runs under when it shares a service with another source (the assistant runs via the query service). */
const sourceScope = new AsyncLocalStorage<AuditSource>()

/** Runs `fn` so that every statement it leads to is recorded with `source`. */
export function asAuditSource<T>(source: AuditSource, fn: () => T): T {
  return sourceScope.run(source, fn)
}

/** Reads are never recorded; everything else the analyser names (write, ddl, admin, transaction, session, unknown) is. */
export const isRecorded = (statement: Pick<AnalysedStatement, 'kind'>): boolean => statement.kind !== 'read'

/**
 * The connections a service runs SQL through, with every session they open audited: the one place writes from the
 * editor, the assistant, data editing and imports are recorded (DriverSession.execute is where they all meet).
 */
export function auditedConnections(connections: QueryConnections, audit: AuditSink, source: AuditSource): QueryConnections {
  return {
    get: (id) => connections.get(id),
    analyse: (id, sql) => connections.analyse(id, sql),
    forgetAnalysisContext: (id) => connections.forgetAnalysisContext(id),
    session: async (id) => auditSession(await connections.session(id), id, audit, source)
  }
}

/**
 * Records each statement of `execute` that is not a read, once it has finished (with its rows affected) or failed.
 * The method is replaced on the instance, as ConnectionService does for close: the session keeps its identity
 * (engines look at its class, the query service compares sessions).
 */
export function auditSession(session: DriverSession, connectionId: string, audit: AuditSink, defaultSource: AuditSource): DriverSession {
  const execute = session.execute.bind(session)
  session.execute = async (script, sink, options) => {
    const analysis = typeof script === 'string' ? await session.analyse(script) : script
    if (!analysis.statements.some(isRecorded)) return execute(analysis, sink, options)
    const source = sourceScope.getStore() ?? defaultSource
    let index = 0
    let startedAt = Date.now()
    let started = performance.now()
    const record = (rows: number | null, error: string | null): void => {
      const statement = analysis.statements[index]
      if (!statement || !isRecorded(statement)) return
      // a row count means something only for statements that touch rows (SQLite reports the last write's for a BEGIN)
      const counted = statement.kind === 'write' || statement.kind === 'unknown'
      audit.record({ connectionId, source, statement: statement.text, kind: statement.kind, rows: counted ? rows : null, error, startedAt, durationMs: performance.now() - started })
    }
    const audited: StatementSink = {
      beginResult: (columns, info) => sink.beginResult(columns, info),
      rows: (batch) => sink.rows(batch),
      endResult: (summary) => {
        record(summary.rowsAffected ?? null, null)
        index++
        startedAt = Date.now()
        started = performance.now()
        sink.endResult(summary)
      },
      notice: (text) => sink.notice(text)
    }
    if (sink.encodedRows) audited.encodedRows = (batch) => sink.encodedRows!(batch)
    try {
      await execute(analysis, audited, options)
    } catch (err) {
      // refused on a read-only connection: nothing ran
      if (!(err instanceof AppError && err.code === 'READ_ONLY')) record(null, err instanceof Error ? err.message : String(err))
      throw err
    }
  }
  return session
}
