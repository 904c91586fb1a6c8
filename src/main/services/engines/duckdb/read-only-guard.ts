import { StatementType } from '@duckdb/node-api'
import { AppError } from '../../../../shared/errors'
import type { Verdict } from '../../statements/types'

/** How results name a statement: DuckDB's statement type, in the words the other engines use. */
export function commandOf(type: StatementType): string {
  const name = StatementType[type] ?? ''
  return ({ VARIABLE_SET: 'SET', MERGE_INTO: 'MERGE', CREATE_FUNC: 'CREATE', COPY_DATABASE: 'COPY', UPDATE_EXTENSIONS: 'UPDATE' } as Record<string, string>)[name] ?? name
}

const refused = (type: StatementType): AppError => new AppError('READ_ONLY', `This connection is read-only: DuckDB reads this as a ${commandOf(type)} statement.`)

/**
 * The second opinion behind the analyser on a read-only session, from DuckDB's own parser: the statement type of what
 * is about to run must match the verdict (a text the shared splitter read as one statement may be several).
 */
export function assertReadOnlyStatement(type: StatementType, verdict: Verdict): void {
  if (verdict.kind === 'read' && (type === StatementType.SELECT || type === StatementType.EXPLAIN || type === StatementType.CALL)) return
  if (verdict.kind === 'session' && (type === StatementType.SET || type === StatementType.VARIABLE_SET)) return
  throw refused(type)
}

export const BEGINS_TRANSACTION = /^\s*(BEGIN|START)\b/i

/** query() serves catalog reads, EXPLAIN and EXPLAIN ANALYZE's own read-only transaction: nothing else on a read-only session. */
export function assertReadOnlyQuery(type: StatementType, sql: string): void {
  const readOnlyBegin = !BEGINS_TRANSACTION.test(sql) || /\bREAD\s+ONLY\b/i.test(sql)
  if (type === StatementType.SELECT || type === StatementType.EXPLAIN || (type === StatementType.TRANSACTION && readOnlyBegin)) return
  throw refused(type)
}
