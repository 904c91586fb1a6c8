import { startTestDatabases } from './databases'

/** Starts (or finds) the database servers the integration suites use and exports their URLs via env. */
export default async function setup(): Promise<() => Promise<void>> {
  const stop = await startTestDatabases()
  return stop
}
