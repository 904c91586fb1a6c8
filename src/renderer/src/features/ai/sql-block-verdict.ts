import type { AiSqlCheck } from '../../../../shared/contract'
import { hasMaskedValues } from './sql-fences'

/** Where the schema check of one SQL block stands. */
export type CheckState = { status: 'idle' } | { status: 'checking' } | { status: 'checked'; check: AiSqlCheck } | { status: 'failed'; message: string }

/** What Run does with a block: nothing yet, run it, ask first, or not offered (a change on a read-only connection). */
export type RunMode = 'wait' | 'run' | 'confirm' | 'refused'

export interface BlockVerdict {
  kind: AiSqlCheck['classification']
  /** Why the block did not pass the schema check; empty when it passed. Any problem makes Run an explicit override. */
  problems: string[]
  run: RunMode
}

export function verdictOf(state: CheckState, sql: string, readOnly: boolean): BlockVerdict {
  if (state.status === 'idle' || state.status === 'checking') return { kind: 'unknown', problems: [], run: 'wait' }
  const kind = state.status === 'checked' ? state.check.classification : 'unknown'
  const problems = state.status === 'checked' ? checkProblems(state.check) : [`Could not check this SQL: ${state.message}`]
  if (hasMaskedValues(sql)) problems.push("It holds values hidden from the model ('?1', '?2'…): put the real values in before running it.")
  const run: RunMode = kind !== 'read' && readOnly ? 'refused' : problems.length || kind !== 'read' ? 'confirm' : 'run'
  return { kind, problems, run }
}

function checkProblems(check: AiSqlCheck): string[] {
  if (check.parsed && !check.unknownTables.length && !check.unknownColumns.length) return []
  if (check.warnings.length) return [...check.warnings]
  return [check.parsed ? 'It names tables or columns the schema does not have.' : 'It could not be parsed.']
}
