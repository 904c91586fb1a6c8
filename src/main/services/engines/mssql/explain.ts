import { CollectingSink } from '../../drivers/collect-sink'
import type { DriverSession } from '../../drivers/types'
import { planText } from '../plan-text'

/** SHOWPLAN_TEXT (nothing runs) or STATISTICS PROFILE (runs the statement). */
export async function explainMssql(session: DriverSession, statement: string, analyze: boolean): Promise<string> {
  const sink = new CollectingSink()
  const setting = analyze ? 'STATISTICS PROFILE' : 'SHOWPLAN_TEXT'
  await session.query(`SET ${setting} ON`)
  try {
    await session.execute(statement, sink)
  } finally {
    await session.query(`SET ${setting} OFF`).catch(() => undefined)
  }
  return planText(sink.results.flatMap((r) => r.rows))
}
