import { create } from 'zustand'
import type { CellRange } from './grid-range'

/** How long a "Copied …" note stays on the toolbar. */
export const NOTE_MS = 5000

interface GridSelectionState {
  /** The selected block of each result grid (by result id). */
  ranges: Record<string, CellRange | undefined>
  /** The last copy note of each result: shown by that result's toolbar only, gone after NOTE_MS. */
  notes: Record<string, { text: string; at: number } | undefined>
  setRange(resultId: string, range: CellRange | undefined): void
  note(resultId: string, text: string): void
}

export const useGridSelection = create<GridSelectionState>((set, get) => ({
  ranges: {},
  notes: {},
  setRange: (resultId, range) => set((s) => ({ ranges: { ...s.ranges, [resultId]: range } })),
  note: (resultId, text) => {
    const entry = { text, at: Date.now() }
    set((s) => ({ notes: { ...s.notes, [resultId]: entry } }))
    setTimeout(() => {
      if (get().notes[resultId] === entry) set((s) => ({ notes: { ...s.notes, [resultId]: undefined } }))
    }, NOTE_MS)
  }
}))
