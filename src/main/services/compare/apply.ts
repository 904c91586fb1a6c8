import type { CompareApplyResult } from '../../../shared/contract/compare'
import { AppError } from '../../../shared/errors'
import type { DriverSession, StatementSink } from '../drivers/types'

/**
 * Runs a migration script on one session, each statement through the statement analyser and the session's execute
 * (where the audit log records it). On an engine with transactional DDL a script that opens its own transaction (as
 * generated ones do) is rolled back on the first error; otherwise the statements that ran before it stay, and are named.
 */
export async function applyScript(session: DriverSession, script: string, transactionalDdl: boolean): Promise<CompareApplyResult> {
  const analysis = await session.analyse(script)
  // an edited script may have lost its BEGIN: then nothing can be rolled back, and the result must not say so
  const opening = analysis.statements.find((s) => s.kind !== 'session')
  const transactional = transactionalDdl && opening?.kind === 'transaction'
  let finished = 0
  const sink: StatementSink = {
    beginResult: () => undefined,
    rows: () => undefined,
    endResult: () => void finished++,
    notice: () => undefined
  }
  try {
    await session.execute(analysis, sink)
    return { ok: true, applied: analysis.statements.length, ran: analysis.statements.map((s) => s.text), rolledBack: false }
  } catch (err) {
    if (err instanceof AppError && err.code === 'READ_ONLY') throw err
    const message = err instanceof Error ? err.message : String(err)
    if (transactional) {
      await session.execute('ROLLBACK', sink).catch(() => undefined)
      return { ok: false, applied: 0, ran: [], rolledBack: true, error: message }
    }
    const ran = analysis.statements.slice(0, finished).map((s) => s.text)
    return { ok: false, applied: ran.length, ran, rolledBack: false, error: `${message} (after ${ran.length} of ${analysis.statements.length} statements; DDL already run stays)` }
  }
}
