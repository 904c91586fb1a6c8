import { create } from 'zustand'
import type { CallOutput, PiiFinding, PiiReport } from '../../../../shared/contract'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'

type Exported = CallOutput<'pii.export'>

export interface PiiEntry {
  report?: PiiReport
  loading: boolean
  /** Findings by column, for the schema tree's badges. */
  byColumn: Map<string, PiiFinding>
  exported?: Exported
  error?: string
}

interface PiiState {
  byConnection: Record<string, PiiEntry>
  /** Loads the report once (the schema tree's badges call this for every column: only the first does anything). */
  ensure(connectionId: string): void
  load(connectionId: string): Promise<void>
  scan(connectionId: string): Promise<void>
  cancel(connectionId: string): Promise<void>
  exportAs(connectionId: string, format: 'json' | 'csv'): Promise<void>
}

export const columnKey = (schema: string, table: string, column: string): string => `${schema}\u0000${table}\u0000${column}`

export const usePiiStore = create<PiiState>((set, get) => {
  const patch = (id: string, p: Partial<PiiEntry>): void =>
    set((s) => ({ byConnection: { ...s.byConnection, [id]: { ...(s.byConnection[id] ?? { loading: false, byColumn: new Map() }), ...p } } }))
  const withReport = (report: PiiReport): Partial<PiiEntry> => ({ report, byColumn: new Map(report.findings.map((f) => [columnKey(f.schema, f.table, f.column), f])) })

  api.on('pii.progress', ({ connectionId, state, done, total }) => {
    const report = get().byConnection[connectionId]?.report
    if (report && state === 'running') patch(connectionId, { report: { ...report, state, progress: { done, total } } })
    else void get().load(connectionId)
  })

  return {
    byConnection: {},
    ensure(connectionId) {
      const entry = get().byConnection[connectionId]
      if (!entry) void get().load(connectionId)
    },
    async load(connectionId) {
      patch(connectionId, { loading: true })
      try {
        patch(connectionId, { ...withReport(await api.call('pii.report', { connectionId })), loading: false, error: undefined })
      } catch (error) {
        patch(connectionId, { loading: false, error: errorMessage(error) })
      }
    },
    async scan(connectionId) {
      try {
        patch(connectionId, { error: undefined, exported: undefined })
        const { jobId } = await api.call('pii.scan.start', { connectionId })
        const report = get().byConnection[connectionId]?.report
        if (report) patch(connectionId, { report: { ...report, state: 'running', jobId, progress: report.progress ?? { done: 0, total: 0 } } })
      } catch (error) {
        patch(connectionId, { error: errorMessage(error) })
      }
    },
    async cancel(connectionId) {
      const jobId = get().byConnection[connectionId]?.report?.jobId
      if (!jobId) return
      try {
        await api.call('pii.scan.cancel', { jobId })
      } catch (error) {
        patch(connectionId, { error: errorMessage(error) })
      }
    },
    async exportAs(connectionId, format) {
      try {
        patch(connectionId, { exported: await api.call('pii.export', { connectionId, format }) })
      } catch (error) {
        patch(connectionId, { error: errorMessage(error) })
      }
    }
  }
})
