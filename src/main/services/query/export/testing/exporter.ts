import { join } from 'node:path'
import type { EventName, EventPayload } from '../../../../../shared/contract'
import type { QueryHarness } from '../../testing/query-harness'
import { ExportService } from '../export-service'

export type ExportProgress = EventPayload<'export.progress'>

/**
 * An ExportService on the harness's connections, with or without the engine's own writer (Engine.copyOut: PostgreSQL's
 * COPY, DuckDB's chunks), its progress events, and a wait for an export's last event.
 */
export function exporter(h: QueryHarness, serverCopy: boolean, dir: string): { exports: ExportService; events: ExportProgress[]; wait(id: string): Promise<ExportProgress> } {
  const events: ExportProgress[] = []
  const listeners: (() => void)[] = []
  const exports = new ExportService({
    results: h.queries.results,
    connections: h.connections,
    events: {
      emit: (name: EventName, payload: unknown) => {
        if (name !== 'export.progress') return
        events.push(payload as ExportProgress)
        listeners.forEach((l) => l())
      }
    },
    exportDir: join(h.dir, dir),
    serverCopy
  })
  const wait = (id: string): Promise<ExportProgress> =>
    new Promise((resolve) => {
      const check = (): void => {
        const last = events.filter((e) => e.exportId === id).at(-1)
        if (last && last.state !== 'running') resolve(last)
      }
      listeners.push(check)
      check()
    })
  return { exports, events, wait }
}
