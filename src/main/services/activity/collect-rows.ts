import type { Cell } from '../../../shared/cells'
import type { DriverSession, StatementSink } from '../drivers/types'

/** Runs one small statement through `execute` (so the analyser, read-only guard and audit see it) and keeps its rows. */
export async function collectRows(session: DriverSession, sql: string): Promise<{ rows: Cell[][]; notices: string[] }> {
  const rows: Cell[][] = []
  const notices: string[] = []
  const sink: StatementSink = {
    beginResult: () => undefined,
    rows: (batch) => void rows.push(...batch),
    endResult: () => undefined,
    notice: (text) => void notices.push(text)
  }
  await session.execute(sql, sink)
  return { rows, notices }
}
