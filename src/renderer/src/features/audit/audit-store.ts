import { create } from 'zustand'
import type { AuditEntry, AuditVerdict, CallOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'

type WriteFailure = CallOutput<'audit.list'>['writeFailure']
type Exported = CallOutput<'audit.export'>

interface AuditState {
  query: string
  entries: AuditEntry[]
  writeFailure: WriteFailure
  verdict?: AuditVerdict
  verifying: boolean
  exported?: Exported
  retentionDays: number | null
  error?: string
  setQuery(query: string): void
  refresh(): Promise<void>
  verify(): Promise<void>
  exportAs(format: 'csv' | 'json'): Promise<void>
  loadSettings(): Promise<void>
  setRetention(days: number | null): Promise<void>
}

let searchTimer: ReturnType<typeof setTimeout> | undefined

export const useAuditStore = create<AuditState>((set, get) => {
  const failed = (error: unknown): void => set({ error: errorMessage(error) })
  return {
    query: '',
    entries: [],
    writeFailure: null,
    verifying: false,
    retentionDays: null,
    setQuery(query) {
      set({ query })
      if (searchTimer) clearTimeout(searchTimer)
      searchTimer = setTimeout(() => void get().refresh(), 200)
    },
    async refresh() {
      try {
        const query = get().query.trim()
        const { entries, writeFailure } = await api.call('audit.list', { query: query || undefined, limit: 500 })
        set({ entries, writeFailure, error: undefined })
      } catch (error) {
        failed(error)
      }
    },
    async verify() {
      set({ verifying: true, verdict: undefined })
      try {
        set({ verdict: await api.call('audit.verify', {}) })
      } catch (error) {
        failed(error)
      } finally {
        set({ verifying: false })
      }
    },
    async exportAs(format) {
      try {
        set({ exported: await api.call('audit.export', { format }) })
      } catch (error) {
        failed(error)
      }
    },
    async loadSettings() {
      try {
        set({ retentionDays: (await api.call('audit.settings.get', {})).retentionDays })
      } catch (error) {
        failed(error)
      }
    },
    async setRetention(days) {
      try {
        set({ retentionDays: (await api.call('audit.settings.update', { retentionDays: days })).retentionDays })
        await get().refresh()
      } catch (error) {
        failed(error)
      }
    }
  }
})
