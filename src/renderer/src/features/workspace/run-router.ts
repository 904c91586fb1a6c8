import type { QueryEvent } from '../../../../shared/contract'
import { api } from '../../api/client'

type Handler = (event: QueryEvent) => void

const owners = new Map<string, Handler>()
/** Events of runs nobody has claimed yet: the transports do not order an answer and the events it caused. */
const unclaimed = new Map<string, QueryEvent[]>()
const MAX_UNCLAIMED_RUNS = 64

api.on('query.event', (event: QueryEvent) => {
  const owner = owners.get(event.runId)
  if (owner) {
    owner(event)
    if (event.type === 'finished') owners.delete(event.runId)
    return
  }
  const list = unclaimed.get(event.runId) ?? []
  list.push(event)
  unclaimed.set(event.runId, list)
  // runs started by another window or a test client are never claimed here: keep only the newest few
  while (unclaimed.size > MAX_UNCLAIMED_RUNS) unclaimed.delete(unclaimed.keys().next().value!)
})

/** Routes a run's events to one owner (a tab), including any that arrived before the run id was known. */
export function claimRun(runId: string, handler: Handler): void {
  owners.set(runId, handler)
  const early = unclaimed.get(runId) ?? []
  unclaimed.delete(runId)
  for (const event of early) {
    handler(event)
    if (event.type === 'finished') owners.delete(runId)
  }
}

export function releaseRun(runId: string): void {
  owners.delete(runId)
}
