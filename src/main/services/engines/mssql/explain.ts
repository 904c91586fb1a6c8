import { AppError } from '../../../../shared/errors'
import type { Plan } from '../../../../shared/plan/model'
import { parseMssqlPlan } from '../../../../shared/plan/parse/mssql'
import { CollectingSink } from '../../drivers/collect-sink'
import type { DriverSession } from '../../drivers/types'

/** The showplan XML document among a run's result cells. */
function showplanXml(sink: CollectingSink): string {
  for (const result of sink.results) {
    for (const row of result.rows) for (const cell of row) if (typeof cell === 'string' && cell.includes('<ShowPlanXML')) return cell
  }
  throw new AppError('SQL_ERROR', 'SQL Server returned no showplan XML for this statement.')
}

/**
 * The plan in the shared model: SHOWPLAN_XML (nothing runs) or, with analyze, STATISTICS XML inside a transaction
 * that is always rolled back. Written against the documented showplan schema; not run against a server here.
 */
export async function planMssql(session: DriverSession, statement: string, analyze: boolean): Promise<Plan> {
  const sink = new CollectingSink()
  const setting = analyze ? 'STATISTICS XML' : 'SHOWPLAN_XML'
  if (analyze) await session.query('BEGIN TRANSACTION')
  await session.query(`SET ${setting} ON`)
  try {
    await session.execute(statement, sink)
  } finally {
    await session.query(`SET ${setting} OFF`).catch(() => undefined)
    if (analyze) await session.query('IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION').catch(() => undefined)
  }
  return parseMssqlPlan(showplanXml(sink))
}
