import { create } from 'zustand'
import type { ActivitySnapshot, ActivitySupport } from '../../../../shared/contract'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'

export const REFRESH_CHOICES = [0, 2, 5, 10] as const
export type RefreshSeconds = (typeof REFRESH_CHOICES)[number]
export type SessionAction = 'cancel' | 'terminate'

interface ActivityState {
  connectionId?: string
  support?: ActivitySupport
  snapshot?: ActivitySnapshot
  refreshSeconds: RefreshSeconds
  includeOwn: boolean
  loading: boolean
  error?: string
  /** The cancel or terminate waiting for the user's confirmation. */
  pending?: { action: SessionAction; pid: number }
  actionMessage?: string
  choose(connectionId: string): Promise<void>
  setRefresh(seconds: RefreshSeconds): void
  setIncludeOwn(includeOwn: boolean): void
  refresh(): Promise<void>
  ask(action: SessionAction, pid: number): void
  dismiss(): void
  confirm(): Promise<void>
}

export const useActivityStore = create<ActivityState>((set, get) => ({
  refreshSeconds: 5,
  includeOwn: false,
  loading: false,
  async choose(connectionId) {
    set({ connectionId, support: undefined, snapshot: undefined, error: undefined, actionMessage: undefined, pending: undefined })
    try {
      const support = await api.call('activity.support', { connectionId })
      if (get().connectionId !== connectionId) return
      set({ support })
      if (support.supported) await get().refresh()
    } catch (error) {
      if (get().connectionId === connectionId) set({ error: errorMessage(error) })
    }
  },
  setRefresh(refreshSeconds) {
    set({ refreshSeconds })
  },
  setIncludeOwn(includeOwn) {
    set({ includeOwn })
    void get().refresh()
  },
  async refresh() {
    const { connectionId, support, includeOwn, loading } = get()
    // an interval tick while the last snapshot is still on its way waits for the next tick
    if (!connectionId || !support?.supported || loading) return
    set({ loading: true })
    try {
      const snapshot = await api.call('activity.snapshot', { connectionId, includeOwn })
      if (get().connectionId === connectionId) set({ snapshot, error: undefined })
    } catch (error) {
      if (get().connectionId === connectionId) set({ error: errorMessage(error) })
    } finally {
      set({ loading: false })
    }
  },
  ask(action, pid) {
    set({ pending: { action, pid }, actionMessage: undefined })
  },
  dismiss() {
    set({ pending: undefined })
  },
  async confirm() {
    const { pending, connectionId } = get()
    if (!pending || !connectionId) return
    set({ pending: undefined })
    try {
      const result = await api.call(pending.action === 'cancel' ? 'activity.cancel' : 'activity.terminate', { connectionId, pid: pending.pid, confirmed: true })
      set({ actionMessage: result.message })
    } catch (error) {
      set({ actionMessage: errorMessage(error) })
    }
    await get().refresh()
  }
}))
