import { create } from 'zustand'
import type { CompareApplyResult, CompareResult, CompareSide } from '../../../../shared/contract/compare'
import { api } from '../../api/client'
import { errorMessage } from '../../api/api-error'

/** A side as picked: a connection, or a docs snapshot file's text. */
export type SidePick = { kind: 'connection'; connectionId: string } | { kind: 'snapshot'; fileName: string; json: string } | null

interface CompareState {
  left: SidePick
  right: SidePick
  result?: CompareResult
  /** The object whose DDL is shown side by side (index into result.objects). */
  selected: number
  running: boolean
  applying: boolean
  confirming: boolean
  applied?: CompareApplyResult
  saved?: { path: string; downloadId: string }
  error?: string
  setLeft(pick: SidePick): void
  setRight(pick: SidePick): void
  select(index: number): void
  run(): Promise<void>
  askApply(open: boolean): void
  apply(): Promise<void>
  save(): Promise<void>
}

const sideInput = (pick: NonNullable<SidePick>): CompareSide => (pick.kind === 'connection' ? { connectionId: pick.connectionId } : { snapshotJson: pick.json })

export const useCompareStore = create<CompareState>((set, get) => ({
  left: null,
  right: null,
  selected: 0,
  running: false,
  applying: false,
  confirming: false,
  setLeft: (left) => set({ left, result: undefined, applied: undefined, saved: undefined }),
  setRight: (right) => set({ right, result: undefined, applied: undefined, saved: undefined }),
  select: (selected) => set({ selected }),
  async run() {
    const { left, right } = get()
    if (!left || !right) return
    set({ running: true, error: undefined, saved: undefined })
    try {
      const result = await api.call('compare.run', { left: sideInput(left), right: sideInput(right) })
      set({ result, selected: 0 })
    } catch (e) {
      set({ error: errorMessage(e) })
    } finally {
      set({ running: false })
    }
  },
  askApply: (confirming) => set({ confirming }),
  async apply() {
    const { left, result } = get()
    if (left?.kind !== 'connection' || !result?.script) return
    set({ confirming: false, applying: true, error: undefined, applied: undefined })
    try {
      const applied = await api.call('compare.apply', { connectionId: left.connectionId, script: result.script.text, confirmed: true })
      set({ applied })
      // what the schema is now: compared again
      await get().run()
    } catch (e) {
      set({ error: errorMessage(e) })
    } finally {
      set({ applying: false })
    }
  },
  async save() {
    const script = get().result?.script
    if (!script) return
    try {
      set({ saved: await api.call('compare.save', { script: script.text, name: 'migration' }) })
    } catch (e) {
      set({ error: errorMessage(e) })
    }
  }
}))
