import { join } from 'node:path'
import type { CallInput, EventPayload } from '../../src/shared/contract'
import { MockDataService } from '../../src/main/services/mockdata/mockdata-service'
import { DataHarness } from '../data/data-harness'

export type MockProgress = EventPayload<'mockdata.progress'>

/** A MockDataService on a DataHarness's real connections and schema service, its progress events, and a wait for the end. */
export function mocker(h: DataHarness, opts: { bulk?: boolean } = {}) {
  const events: MockProgress[] = []
  const listeners: ((p: MockProgress) => void)[] = []
  const service = new MockDataService({
    connections: h.connections,
    schema: h.schema,
    exportDir: join(h.dir, 'exports'),
    bulk: opts.bulk,
    progressEveryMs: 0,
    events: {
      emit: (name, payload) => {
        if (name !== 'mockdata.progress') return
        events.push(payload as MockProgress)
        listeners.forEach((l) => l(payload as MockProgress))
      }
    }
  })
  const wait = (jobId: string): Promise<MockProgress> =>
    new Promise((resolve) => {
      const check = (p?: MockProgress): void => {
        const last = p?.jobId === jobId ? p : events.filter((e) => e.jobId === jobId).at(-1)
        if (last && last.state !== 'running') resolve(last)
      }
      listeners.push(check)
      check()
    })
  /** Starts a job and waits for its end; `onProgress` may cancel it. */
  const run = async (input: CallInput<'mockdata.start'>, onProgress?: (p: MockProgress, cancel: () => void) => void): Promise<MockProgress> => {
    const { jobId } = await service.start(input)
    if (onProgress) listeners.push((p) => p.jobId === jobId && onProgress(p, () => void service.cancel(jobId)))
    return wait(jobId)
  }
  return { service, events, run }
}
