import { join } from 'node:path'
import type { CallInput, EventName, EventPayload } from '../../../shared/contract'
import type { QueryHarness } from '../query/testing/query-harness'
import { ImportFiles } from './import-files'
import { ImportService } from './import-service'

export type ImportProgress = EventPayload<'import.progress'>

/** An ImportService on a QueryHarness's connections (tests and benches), its progress events, and a wait for the end. */
export function importer(h: QueryHarness, opts: { bulk?: boolean; progressEveryMs?: number } = {}) {
  const events: ImportProgress[] = []
  const listeners: ((p: ImportProgress) => void)[] = []
  const files = new ImportFiles({ uploadDir: join(h.dir, 'uploads') })
  const imports = new ImportService({
    connections: h.connections,
    files,
    exportDir: join(h.dir, 'exports'),
    bulk: opts.bulk,
    progressEveryMs: opts.progressEveryMs,
    events: {
      emit: (name: EventName, payload: unknown) => {
        if (name !== 'import.progress') return
        events.push(payload as ImportProgress)
        listeners.forEach((l) => l(payload as ImportProgress))
      }
    }
  })
  const wait = (importId: string): Promise<ImportProgress> =>
    new Promise((resolve) => {
      const check = (p?: ImportProgress): void => {
        const last = p?.importId === importId ? p : events.filter((e) => e.importId === importId).at(-1)
        if (last && last.state !== 'running') resolve(last)
      }
      listeners.push(check)
      check()
    })
  /** Starts an import of the file at `path` and waits for its end. */
  const run = async (path: string, input: Omit<CallInput<'import.start'>, 'fileId'>, onProgress?: (p: ImportProgress, cancel: () => void) => void): Promise<ImportProgress> => {
    const { fileId } = files.add(path)
    const { importId } = await imports.start({ ...input, fileId })
    if (onProgress) listeners.push((p) => p.importId === importId && onProgress(p, () => void imports.cancel(importId)))
    return wait(importId)
  }
  return { files, imports, events, wait, run, on: (l: (p: ImportProgress) => void) => listeners.push(l) }
}
