import { create } from 'zustand'
import type { CallInput, EventPayload } from '../../../../shared/contract'
import { api } from '../../api/client'
import { ApiError, errorMessage } from '../../api/api-error'

export type ExportJob = EventPayload<'export.progress'> & { fileName: string }

interface ExportState {
  jobs: ExportJob[]
  error?: string
  start(input: CallInput<'export.start'>): Promise<void>
  cancel(exportId: string): Promise<void>
  dismiss(exportId: string): void
}

/** Running and finished exports with their progress, fed by `export.progress` events. */
export const useExports = create<ExportState>((set, get) => {
  api.on('export.progress', (p) => {
    const jobs = get().jobs
    if (!jobs.some((j) => j.exportId === p.exportId)) return
    set({ jobs: jobs.map((j) => (j.exportId === p.exportId ? { ...j, ...p } : j)) })
  })
  return {
    jobs: [],
    async start(input) {
      set({ error: undefined })
      try {
        const { exportId, path } = await api.call('export.start', input)
        const job: ExportJob = { exportId, path, fileName: input.fileName, state: 'running', rows: 0, totalRows: null, bytes: 0 }
        set({ jobs: [...get().jobs.filter((j) => j.exportId !== exportId), job] })
      } catch (error) {
        // closing the desktop save dialog is not an error
        if (error instanceof ApiError && error.code === 'CANCELLED') return
        set({ error: errorMessage(error) })
      }
    },
    async cancel(exportId) {
      await api.call('export.cancel', { exportId }).catch(() => undefined)
    },
    dismiss(exportId) {
      set({ jobs: get().jobs.filter((j) => j.exportId !== exportId) })
    }
  }
})
